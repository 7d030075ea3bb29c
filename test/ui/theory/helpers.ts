// Shared fixtures of the theory-in-the-app tests: parameters with the table's constraints, fake run histories.
// May import: src/state (defaults, constraints), engine types.
import { emptyHistory, type RunHistory } from '../../../src/engine/history';
import type { EngineParams, RuleId } from '../../../src/engine/params';
import { defaultParams } from '../../../src/state/params';
import { applyConstraints } from '../../../src/state/resolve';

/** Default parameters overridden by `over`, lists expanded to `modes` entries (the table's constraints applied). */
export function params(over: Partial<EngineParams> = {}): EngineParams {
  return applyConstraints({ ...defaultParams(), ...structuredClone(over) }, []);
}

/** Like params(), then fields set raw (past the table's ranges), e.g. w0 = [1] for run files the table would clamp. */
export function rawParams(over: Partial<EngineParams>, raw: Partial<EngineParams>): EngineParams {
  return { ...params(over), ...structuredClone(raw) };
}

/** A history whose mode values are given per record ([record][mode]); loss is the record index + 1. */
export function history(step: number[], a: number[][], b: number[][], w: number[][]): RunHistory {
  const h = emptyHistory();
  h.step = step.slice();
  h.loss = step.map((_, k) => 1 / (k + 1));
  h.a = a;
  h.b = b;
  h.w = w;
  h.alignA = step.map(() => 1e-7);
  h.alignW = step.map(() => 1e-7);
  h.alignB = step.map(() => 1e-7);
  h.cosAR = step.map(() => 0.5);
  return h;
}

/** One run (seed 1) per rule of `p`, each with a three-record history drifting from (a0, b0, w0). */
export function runsFor(p: EngineParams): {
  runs: { rule: RuleId; seed: number }[];
  histories: RunHistory[];
} {
  const runs = p.rules.map((rule) => ({ rule, seed: 1 }));
  const histories = runs.map((_, k) => {
    const grow = (v: number[], r: number) => v.map((x) => x + 0.1 * r * (k + 1));
    const recs = [0, 1, 2];
    return history(
      recs.map((r) => r * 10),
      recs.map((r) => grow(p.a0, r)),
      recs.map((r) => grow(p.b0, r)),
      recs.map((r) => p.w0.map((x) => x + 0.01 * r)),
    );
  });
  return { runs, histories };
}
