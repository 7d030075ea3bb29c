// Shared test helpers: backend set-up, parameter sets, matrix comparisons.
import { beforeAll } from 'vitest';
import { initBackend } from '../../src/engine/backend';
import type { Matrix } from '../../src/engine/linalg';
import type { EngineParams, GradientForm } from '../../src/engine/params';
import type { PlanName } from '../../src/engine/plans/plan';
import { defaultParams } from '../../src/state/params';
import { applyConstraints } from '../../src/state/resolve';

export function withBackend(): void {
  beforeAll(async () => {
    await initBackend();
  });
}

/** Default parameters overridden by `over`, with the table's cross-parameter constraints applied. */
/** Like Partial<EngineParams>, but accepting readonly arrays (so fixtures can be `as const`). */
export type ParamOverrides = {
  [K in keyof EngineParams]?: EngineParams[K] extends (infer U)[] ? readonly U[] : EngineParams[K];
};

export function params(over: ParamOverrides): EngineParams {
  const copy = Object.fromEntries(Object.entries(over).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  return applyConstraints({ ...defaultParams(), ...copy }, []);
}

export function maxAbs(m: Matrix): number {
  return Math.max(0, ...m.flat().map(Math.abs));
}

/** max |x − y| / max(|y|) over all entries (a relative error that ignores tiny entries' noise). */
export function relErr(x: Matrix, y: Matrix): number {
  const scale = maxAbs(y);
  let worst = 0;
  x.forEach((row, r) => row.forEach((v, c) => (worst = Math.max(worst, Math.abs(v - y[r][c])))));
  return scale === 0 ? worst : worst / scale;
}

/** The expected gradient has two plans that must agree with every oracle; the sampled one has its own. */
export const EXPECTED_PLANS: PlanName[] = ['doubling', 'chain'];
export const plansFor = (gradient: GradientForm): PlanName[] =>
  gradient === 'sampled' ? ['sampled'] : EXPECTED_PLANS;
