// The per-rule summary over seeds (converged count, final loss median, effective rank mean ± sd; diverged runs
// have no final value): pure.
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
  /** the steps its diverged runs stopped at, ascending */
  divergedSteps: number[];
  /**
   * median over the rule's runs that did not diverge of the last recorded loss (null if none is finite): a
   * diverged run has no final value, its last record is the blow-up it stopped at
   */
  finalLossMedian: number | null;
  /** effective rank of ΔW at the last recorded step: mean and standard deviation over the runs that did not diverge */
  effRankMean: number | null;
  effRankSd: number | null;
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
    const all = runs.map((r, k) => (r.rule === rule ? k : -1)).filter((k) => k >= 0 && histories[k]);
    // a diverged run takes no part in the final values: its last record is the state it blew up in
    const members = all.filter((k) => !divergences[k]);
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
    const divergedSteps = all.flatMap((k) => divergences[k]?.step ?? []).sort((a, b) => a - b);
    return {
      rule,
      runs: all.length,
      converged,
      diverged: divergedSteps.length,
      divergedSteps,
      finalLossMedian: finals.length
        ? finals.length % 2
          ? finals[mid]
          : (finals[mid - 1] + finals[mid]) / 2
        : null,
      effRankMean: mean,
      effRankSd: sd,
    };
  });
}

/** The "final loss" cell: the median, or where every run of the rule diverged, where they stopped. */
export function finalLossText(r: RuleSummary): string {
  const steps = r.divergedSteps;
  if (r.runs > 0 && steps.length === r.runs) {
    const first = steps[0];
    const last = steps[steps.length - 1];
    return first === last ? `diverged at step ${first}` : `diverged at steps ${first}–${last}`;
  }
  return r.finalLossMedian === null ? '—' : r.finalLossMedian.toExponential(2);
}
