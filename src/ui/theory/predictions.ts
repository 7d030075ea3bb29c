// Analytical predictions for the overlays: the ODE (runTheory) or the finite-T map on an even grid of steps per rule.
// May import: src/theory, engine types, ./applicability. Pure and deterministic (same params ⇒ same numbers).
// Reads parameters only as TheoryInputs, so the memo key (theoryInputs) covers everything a prediction depends on.
import type { RuleId } from '../../engine/params';
import {
  odeRuleFor,
  predictModes,
  stabilityOnManifold,
  type TheoryInputs,
  theoryInputs,
  type TheoryTrace,
} from '../../theory';
import { type TheoryKind, type TheoryStatus, theoryStatus, W_NEAR_ONE } from './applicability';

type EngineParams = TheoryInputs;

export interface RulePrediction {
  rule: RuleId;
  kind: TheoryKind;
  status: TheoryStatus;
  /** runTheory's trace (values [recorded step][mode], summed loss, stop); null when there is no prediction */
  trace: TheoryTrace | null;
  /** why there is no trace (status 'none', runTheory refused, too much work); null when there is one */
  reason: string | null;
}

export const DEFAULT_POINTS = 300;

/** Default ceiling of the estimated main-thread work of one predictTheory call (all rules and modes), in ms. */
// predictions run on the main thread when parameters change, so the budget is what the page can spend
// without a visible freeze (measured: map ≈ 6 ns per step·T per mode, RK4 ≈ 0.5 µs per sub-step)
export const DEFAULT_BUDGET_MS = 250;

/** `points` evenly spaced integer steps from 0 to `steps` (both included); every step when there are fewer. */
export function predictionSteps(steps: number, points = DEFAULT_POINTS): number[] {
  const last = Math.max(0, Math.floor(steps));
  const n = Math.max(2, Math.floor(points));
  if (last + 1 <= n) return Array.from({ length: last + 1 }, (_, k) => k);
  // spacing last / (n − 1) > 1, so rounding never repeats a step
  return Array.from({ length: n }, (_, k) => Math.round((k * last) / (n - 1)));
}

/**
 * Rough cost in milliseconds of one rule's prediction, summed over modes. The map is O(steps · T) per mode; the
 * ODE (runTheory, which also runs the map) takes about η·steps·max(100, |τ|/2) RK4 sub-steps per mode, capped at
 * 2·10⁶, where |τ| (THEORY 3.3 at s = √|p|) measures the flow's stiffness: it explodes as |w*| → 1.
 */
export function predictionCostMs(params: EngineParams, rule: RuleId, kind: TheoryKind): number {
  let total = 0;
  for (let m = 0; m < params.modes; m++) {
    const mapMs = 6e-6 * params.steps * params.T;
    if (kind === 'map') {
      total += mapMs;
      continue;
    }
    const p = params.aStar[m] * params.bStar[m];
    const q = params.wStar[m];
    const odeRule = odeRuleFor(params, rule) ?? 'bptt';
    const s = p !== 0 ? Math.sqrt(Math.abs(p)) : 1;
    const tau =
      Math.abs(q) < 1
        ? Math.abs(stabilityOnManifold(odeRule, s, p || 1, q, params.aHat[m], params.what).tau)
        : 0;
    const substeps = Math.min(
      2e6,
      params.lr * params.steps * Math.max(100, Number.isFinite(tau) ? tau / 2 : 1e9),
    );
    total += mapMs + 5e-4 * substeps;
  }
  return total;
}

/** A string that changes exactly when a prediction can: the key to memoise predictTheory on. */
export function theoryInputKey(params: EngineParams, kind: TheoryKind, points = DEFAULT_POINTS): string {
  return JSON.stringify([kind, points, theoryInputs(params)]);
}

function predictRule(params: EngineParams, rule: RuleId, kind: TheoryKind, steps: number[]): RulePrediction {
  const status = theoryStatus(params, rule, kind);
  const none = (reason: string): RulePrediction => ({ rule, kind, status, trace: null, reason });
  if (status.level === 'none') return none(status.reasons.join('; '));
  const trace = predictModes(params, rule, kind, steps);
  return 'notApplicable' in trace ? none(trace.notApplicable) : { rule, kind, status, trace, reason: null };
}

/**
 * Per selected rule (in params.rules order), the `kind` prediction of THEORY 3.1 (map) or 3.2 (ODE) at
 * predictionSteps(params.steps, points), or the reason there is none: src/theory's predictModes, the same entry
 * point as the run file's blocks. A rule whose estimated work exceeds what is left of budgetMs is refused.
 */
export function predictTheory(
  params: EngineParams,
  kind: TheoryKind,
  points = DEFAULT_POINTS,
  opts: { budgetMs?: number } = {},
): RulePrediction[] {
  const steps = predictionSteps(params.steps, points);
  let left = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  return params.rules.map((rule) => {
    const status = theoryStatus(params, rule, kind);
    if (status.level !== 'none') {
      // rules in order while the budget lasts; a rule too costly on its own is refused, cheaper ones still run
      const cost = predictionCostMs(params, rule, kind);
      if (cost > left) {
        const why =
          kind === 'ode' && params.wStar.some((q) => Math.abs(q) > W_NEAR_ONE)
            ? ' (|w*| near 1 makes the ODE stiff)'
            : '';
        return {
          rule,
          kind,
          status,
          trace: null,
          reason: `too much work to predict here (about ${(cost / 1000).toFixed(1)} s${why}); fewer steps, a shorter T or fewer modes help`,
        };
      }
      left -= cost;
    }
    return predictRule(params, rule, kind, steps);
  });
}

/** predictTheory behind a small least-recently-used cache keyed by theoryInputKey (one per chart is plenty). */
export function createPredictionCache(
  capacity = 4,
): (params: EngineParams, kind: TheoryKind, points?: number) => RulePrediction[] {
  const cache = new Map<string, RulePrediction[]>();
  return (params, kind, points = DEFAULT_POINTS) => {
    const key = theoryInputKey(params, kind, points);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = predictTheory(params, kind, points);
    cache.set(key, value);
    while (cache.size > Math.max(1, capacity)) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
