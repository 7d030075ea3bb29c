// What became of one run of a sweep: converged, slow, on RFLO's other branch, stalled or diverged, with the
// continuous values a phase diagram can show instead. Pure (plain arrays); imports engine types only.
import type { RuleId } from '../params';

export const OUTCOMES = ['converged', 'slow', 'other-branch', 'stalled', 'diverged'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeOptions {
  /** converged: the loss ends below tolerance × its initial loss (and stays there from `convergedStep` on) */
  tolerance: number;
  /**
   * slow (a plateau): not converged, but the loss still fell by more than this fraction over the last quarter of
   * the run; a run that fell less is stalled
   */
  minDecrease: number;
}

export const DEFAULT_OUTCOME_OPTIONS: OutcomeOptions = { tolerance: 1e-3, minDecrease: 1e-5 };

export interface OutcomeInput {
  rule: RuleId;
  /** the recorded steps (step 0 first) and the loss there (null: not finite) */
  steps: number[];
  loss: (number | null)[];
  /** the step the run was stopped at (it diverged), or null */
  divergedStep: number | null;
  /** final per-mode a and the run's feedback â (aligned task), for RFLO's branch; null otherwise */
  a: number[] | null;
  aHat: number[] | null;
  effRankW: number | null;
}

export interface RunOutcome {
  outcome: Outcome;
  /** first recorded step from which the loss stays below tolerance × initial; null if it does not end there */
  convergedStep: number | null;
  initialLoss: number | null;
  finalLoss: number | null;
  /** effective rank of ΔW = W − W0 at the end (THEORY 4) */
  effRankW: number | null;
  /**
   * RFLO on the aligned task: +1 when every mode ends on the stable branch â·a > 0 (THEORY 3.3: on the optimal
   * manifold a = s, so â·s > 0), −1 when some mode ends with â·a < 0; null for other rules, tasks, or â = 0
   */
  branch: 1 | -1 | null;
}

/** RFLO's branch from the final mode values: the sign of â·a, mode by mode (modes with â·a = 0 say nothing). */
export function rfloBranch(a: readonly number[], aHat: readonly number[]): 1 | -1 | null {
  const signs = a.map((x, m) => Math.sign(x * aHat[m])).filter((s) => s !== 0);
  if (!signs.length) return null;
  return signs.every((s) => s > 0) ? 1 : -1;
}

/** The loss at the record nearest to `step` (records are in step order). */
function lossNear(steps: number[], loss: (number | null)[], step: number): number | null {
  let best = 0;
  for (let k = 1; k < steps.length; k++)
    if (Math.abs(steps[k] - step) < Math.abs(steps[best] - step)) best = k;
  return loss[best];
}

export function runOutcome(run: OutcomeInput, opts: OutcomeOptions = DEFAULT_OUTCOME_OPTIONS): RunOutcome {
  const { steps, loss } = run;
  const initialLoss = loss[0] ?? null;
  const finalLoss = loss.length ? loss[loss.length - 1] : null;
  const branch = run.rule === 'rflo' && run.a && run.aHat ? rfloBranch(run.a, run.aHat) : null;
  const base = { initialLoss, finalLoss, effRankW: run.effRankW, branch };
  if (run.divergedStep !== null || initialLoss === null || finalLoss === null)
    return { ...base, outcome: 'diverged', convergedStep: null };
  // from the end backwards: the first step of the final stretch below the threshold
  const threshold = opts.tolerance * initialLoss;
  let from = loss.length;
  while (from > 0 && (loss[from - 1] ?? Infinity) <= threshold) from--;
  const convergedStep = from < loss.length ? steps[from] : null;
  if (branch === -1) return { ...base, outcome: 'other-branch', convergedStep };
  if (convergedStep !== null) return { ...base, outcome: 'converged', convergedStep };
  const last = steps[steps.length - 1];
  const before = lossNear(steps, loss, steps[0] + 0.75 * (last - steps[0]));
  const falling = before !== null && finalLoss < (1 - opts.minDecrease) * before;
  return { ...base, outcome: falling ? 'slow' : 'stalled', convergedStep: null };
}
