// The per-rule summary over seeds (converged count, final loss median, effective rank mean ± sd): pure.
// May import: engine types and ../ui/rule-style types only.
import type { RunHistory } from '../engine/history';
import type { RuleId } from '../engine/params';
import type { Divergence } from '../engine/simulation';

/** A run has converged when its final loss is below this fraction of its initial loss (stated in the UI). */
export const CONVERGED_FRACTION = 1e-3;

export interface RuleSummary {
  rule: RuleId;
  runs: number;
  converged: number;
  diverged: number;
  /** median over the rule's runs of the last recorded loss (null if none is finite) */
  finalLossMedian: number | null;
  /** effective rank of ΔW at the last recorded step: mean and standard deviation over runs */
  effRankMean: number | null;
  effRankSd: number | null;
  /** the earliest divergence step among the rule's runs, or null */
  firstDivergence: number | null;
}

const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1];
const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function summarize(
  runs: { rule: RuleId }[],
  histories: RunHistory[],
  divergences: (Divergence | null)[],
): RuleSummary[] {
  const rules = [...new Set(runs.map((r) => r.rule))];
  return rules.map((rule) => {
    const members = runs.map((r, k) => (r.rule === rule ? k : -1)).filter((k) => k >= 0 && histories[k]);
    const finals = members
      .map((k) => last(histories[k].loss))
      .filter(isNum)
      .sort((a, b) => a - b);
    const converged = members.filter((k) => {
      const first = histories[k].loss[0];
      const end = last(histories[k].loss);
      return isNum(first) && isNum(end) && histories[k].loss.length > 1 && end < CONVERGED_FRACTION * first;
    }).length;
    const ranks = members.map((k) => last(histories[k].effRankW)).filter(isNum);
    const mean = ranks.length ? ranks.reduce((s, v) => s + v, 0) / ranks.length : null;
    const sd =
      mean === null
        ? null
        : ranks.length > 1
          ? Math.sqrt(ranks.reduce((s, v) => s + (v - mean) ** 2, 0) / (ranks.length - 1))
          : 0;
    const mid = finals.length >> 1;
    return {
      rule,
      runs: members.length,
      converged,
      diverged: members.filter((k) => divergences[k]).length,
      finalLossMedian: finals.length
        ? finals.length % 2
          ? finals[mid]
          : (finals[mid - 1] + finals[mid]) / 2
        : null,
      effRankMean: mean,
      effRankSd: sd,
      firstDivergence: members.reduce<number | null>((first, k) => {
        const d = divergences[k];
        return d && (first === null || d.step < first) ? d.step : first;
      }, null),
    };
  });
}
