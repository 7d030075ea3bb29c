// Divergence messages: which rule, at which step, and the likely cause, in words (pure, tested).
// May import: engine types and ./rule-style.
import type { RunHistory } from '../engine/history';
import type { EngineParams, RuleId } from '../engine/params';
import type { Divergence } from '../engine/simulation';
import { ruleLabel } from './rule-style';

/** |w| this close to 1 makes the recurrence (nearly) unstable: the likeliest cause on the aligned task. */
const EDGE = 0.95;
/** |w| beyond this has already blown up: a symptom of too large a step, not a cause. */
const UNSTABLE = 1.5;

/**
 * The likelier of the two usual causes, judged from the last record before the divergence: a mode's |w| near 1
 * (the recurrence is nearly unstable), or otherwise a learning rate too large for this rule (|w| far beyond 1 is
 * a symptom of that, not its cause).
 */
export function likelyCause(
  history: RunHistory | undefined,
  params: EngineParams,
  divergence?: Divergence,
): string {
  const before = history
    ? history.step.filter((s) => divergence === undefined || s < divergence.step).length - 1
    : -1;
  const modes =
    before >= 0 && history && history.w.length === history.step.length ? history.w[before] : undefined;
  const edge = modes?.find((w) => Math.abs(w) >= EDGE && Math.abs(w) < UNSTABLE);
  if (edge !== undefined) {
    return `|w| had reached ${Math.abs(edge).toFixed(3)}: the recurrence approached |w| → 1, where the loss blows up. Try a smaller learning rate η or teacher |w*|.`;
  }
  const early = divergence && divergence.step < 50 ? ` (it blew up after ${divergence.step} steps)` : '';
  return `the learning rate η = ${params.lr} is probably too large for this rule at this size${early}. Try a smaller η.`;
}

export function divergenceMessage(
  run: { rule: RuleId; seed: number },
  divergence: Divergence,
  history: RunHistory | undefined,
  params: EngineParams,
  seeds: number,
): string {
  const who = seeds > 1 ? `${ruleLabel(run.rule, params)} (seed ${run.seed})` : ruleLabel(run.rule, params);
  return `${who} diverged at step ${divergence.step}: ${divergence.reason}. Likely cause: ${likelyCause(history, params, divergence)} Its history up to then is kept; the other runs go on.`;
}
