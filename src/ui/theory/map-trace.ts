// The finite-T map part of runTheory (THEORY 3.1) alone: runTheory always integrates the ODE too, which is costly.
// May import: src/theory, engine types. Its output must equal runTheory(...).map (test/ui/theory checks it).
import type { EngineParams } from '../../engine/params';
import {
  iterateModeMap,
  type ModeTrajectory,
  normalizeRecord,
  type TheoryRule,
  type TheoryTrace,
} from '../../theory';

const finiteOrNull = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

/**
 * Per mode, iterateModeMap at the recorded steps, combined as runTheory combines them: values [step][mode] (null
 * once a mode has stopped), loss summed over modes (null if any is missing), the earliest stop with its mode.
 * Returns a reason string instead when the map refuses the inputs.
 */
export function mapTrace(params: EngineParams, rule: TheoryRule, record: number[]): TheoryTrace | string {
  const steps = normalizeRecord(record);
  const last = steps.length > 0 ? steps[steps.length - 1] : 0;
  let perMode: ModeTrajectory[];
  try {
    perMode = params.aStar.map((_, m) =>
      iterateModeMap({
        rule,
        init: { a: params.a0[m], b: params.b0[m], w: params.w0[m] },
        teacher: { aStar: params.aStar[m], bStar: params.bStar[m], wStar: params.wStar[m] },
        feedback: { aHat: params.aHat[m], what: params.what },
        T: params.T,
        loss: params.loss,
        truncation: params.truncation,
        lr: params.lr,
        steps: last,
        record: steps,
      }),
    );
  } catch (err) {
    return `invalid input: ${err instanceof Error ? err.message : String(err)}`;
  }
  const trace: TheoryTrace = { step: steps.slice(), a: [], b: [], w: [], loss: [], stopped: null };
  const index = perMode.map((tr) => new Map(tr.step.map((s, i) => [s, i])));
  for (const s of steps) {
    const at = perMode.map((_, m) => index[m].get(s));
    const pick = (col: 'a' | 'b' | 'w') =>
      perMode.map((tr, m) => finiteOrNull(at[m] === undefined ? undefined : tr[col][at[m]]));
    trace.a.push(pick('a'));
    trace.b.push(pick('b'));
    trace.w.push(pick('w'));
    let sum: number | null = 0;
    perMode.forEach((tr, m) => {
      const l = at[m] === undefined ? undefined : tr.loss[at[m]];
      sum = sum === null || l === undefined || !Number.isFinite(l) ? null : sum + l;
    });
    trace.loss.push(finiteOrNull(sum ?? undefined));
  }
  perMode.forEach((tr, m) => {
    if (tr.stopped && (trace.stopped === null || tr.stopped.step < trace.stopped.step)) {
      trace.stopped = { ...tr.stopped, mode: m, reason: `mode ${m}: ${tr.stopped.reason}` };
    }
  });
  return trace;
}
