// Mode ODEs as T → ∞ (THEORY 3.2) and their adaptive RK4 integration in time t = η × step.
// May import: ./types, ./steps, ./mode-maps (nothing outside src/theory).
import type {
  ModeFeedback,
  ModeRates,
  ModeState,
  ModeTeacher,
  ModeTrajectory,
  StopInfo,
  TheoryRule,
} from './types';
import { normalizeRecord, withinLimit } from './steps';
import { BLOWUP_LIMIT, modeLossInfinite } from './mode-maps';

/**
 * T → ∞ limit of the finite-T updates (THEORY 3.2); the flow is ȧ = −Δa, ḃ = −Δb, ẇ = −Δw.
 * Valid for |w|, |q|, |ŵ| < 1. tBPTT here is tBPTT1 (k = 1). It is also the T → ∞ limit of the
 * sequence-loss update (a Cesàro average of the final-step updates), though that converges only as O(1/T).
 */
export function odeRates(
  rule: TheoryRule,
  state: ModeState,
  teacher: ModeTeacher,
  feedback: ModeFeedback,
): ModeRates {
  const { a, b, w } = state;
  const p = teacher.aStar * teacher.bStar;
  const q = teacher.wStar;
  const ab = a * b;
  const oneMinusW2 = 1 - w * w;
  const oneMinusWq = 1 - w * q;
  // all rules: Δa = a b²/(1−w²) − b p/(1−wq)
  const da = (a * b * b) / oneMinusW2 - (b * p) / oneMinusWq;
  if (rule === 'bptt') {
    return {
      da,
      db: (a * a * b) / oneMinusW2 - (a * p) / oneMinusWq,
      dw: (ab * ab * w) / (oneMinusW2 * oneMinusW2) - (ab * p * q) / (oneMinusWq * oneMinusWq),
    };
  }
  if (rule === 'tbptt') {
    return { da, db: a * (ab - p), dw: (ab * ab * w) / oneMinusW2 - (ab * p * q) / oneMinusWq };
  }
  const { aHat, what } = feedback;
  const oneMinusHw = 1 - what * w;
  const oneMinusHq = 1 - what * q;
  return {
    da,
    db: (aHat * ab) / oneMinusHw - (aHat * p) / oneMinusHq,
    dw: aHat * b * ((ab * w) / (oneMinusHw * oneMinusW2) - (p * q) / (oneMinusHq * oneMinusWq)),
  };
}

export type IntegrateModeOdeOptions = {
  rule: TheoryRule;
  init: ModeState;
  teacher: ModeTeacher;
  feedback: ModeFeedback;
  /** Learning rate η: training step k is ODE time t = η k (THEORY 3.2). */
  lr: number;
  /** Training steps to record (0 = initial state). */
  record: number[];
  /** Largest RK4 step in ODE time; default 0.01. Steps shrink adaptively (step doubling). */
  dtMax?: number;
};

/** Distance of |w| from 1 at which the integration stops ("|w| reached 1"). */
export const W_EDGE = 1e-6;
const RTOL = 1e-10;
const ATOL = 1e-12;
const MAX_SUBSTEPS = 2_000_000;
const W_REASON = '|w| reached 1 (the T→∞ theory needs |w| < 1)';
const BLOWUP_REASON = `values blew up (|a|, |b| or |w| exceeded ${BLOWUP_LIMIT})`;

type Vec = [number, number, number];
type Flow = (y: Vec) => Vec | null;

/** One classical RK4 step; null if a stage leaves |w| < 1 or is non-finite. */
function rk4(f: Flow, y: Vec, h: number): Vec | null {
  const k1 = f(y);
  if (!k1) return null;
  const k2 = f([y[0] + (h / 2) * k1[0], y[1] + (h / 2) * k1[1], y[2] + (h / 2) * k1[2]]);
  if (!k2) return null;
  const k3 = f([y[0] + (h / 2) * k2[0], y[1] + (h / 2) * k2[1], y[2] + (h / 2) * k2[2]]);
  if (!k3) return null;
  const k4 = f([y[0] + h * k3[0], y[1] + h * k3[1], y[2] + h * k3[2]]);
  if (!k4) return null;
  const out: Vec = [0, 0, 0];
  for (let i = 0; i < 3; i++) out[i] = y[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  return out.every(Number.isFinite) && Math.abs(out[2]) < 1 ? out : null;
}

function validateInputs(o: IntegrateModeOdeOptions): string | null {
  const { init, teacher, feedback, lr } = o;
  if (!(Number.isFinite(lr) && lr > 0)) return `lr must be a positive number (got ${lr})`;
  if (![init.a, init.b, init.w].every((v) => withinLimit(v, BLOWUP_LIMIT)))
    return 'initial values must be finite';
  if (!(Math.abs(init.w) < 1)) return `initial |w| = ${Math.abs(init.w)} ≥ 1 (the T→∞ theory needs |w| < 1)`;
  if (!(Math.abs(teacher.wStar) < 1))
    return `teacher |q| = |w*| = ${Math.abs(teacher.wStar)} ≥ 1 (needs |q| < 1)`;
  if (!Number.isFinite(teacher.aStar * teacher.bStar)) return 'teacher a*, b* must be finite';
  if (o.rule === 'rflo' && !(Math.abs(feedback.what) < 1))
    return `|ŵ| = ${Math.abs(feedback.what)} ≥ 1 (needs |ŵ| < 1)`;
  if (o.rule === 'rflo' && !Number.isFinite(feedback.aHat)) return 'â must be finite';
  if (o.dtMax !== undefined && !(o.dtMax > 0)) return `dtMax must be positive (got ${o.dtMax})`;
  return null;
}

/**
 * RK4 integration of the flow of THEORY 3.2 with step-doubling error control (local error per step
 * ≤ ATOL + RTOL·|y|), landing exactly on t = η·step for every recorded step. Stops with a reason when
 * |w| comes within W_EDGE of 1, values exceed BLOWUP_LIMIT, or the step size underflows. The loss is
 * modeLossInfinite. `stopped.step` is the first training step whose time was not reached.
 */
export function integrateModeOde(opts: IntegrateModeOdeOptions): ModeTrajectory {
  const { rule, teacher, feedback, lr } = opts;
  const rec = normalizeRecord(opts.record);
  const out: ModeTrajectory = { step: [], a: [], b: [], w: [], loss: [], stopped: null };
  const bad = validateInputs(opts);
  if (bad) return { ...out, stopped: { step: 0, reason: bad } };
  const dtMax = opts.dtMax ?? 0.01;
  const f: Flow = (y) => {
    if (!(Math.abs(y[2]) < 1)) return null;
    const r = odeRates(rule, { a: y[0], b: y[1], w: y[2] }, teacher, feedback);
    const v: Vec = [-r.da, -r.db, -r.dw];
    return v.every(Number.isFinite) ? v : null;
  };
  let y: Vec = [opts.init.a, opts.init.b, opts.init.w];
  let t = 0;
  let dt = dtMax;
  let substeps = 0;
  const stopAt = (reason: string): StopInfo => ({ step: Math.max(1, Math.ceil(t / lr - 1e-9)), reason });
  for (const step of rec) {
    const target = lr * step;
    while (t < target && out.stopped === null) {
      const last = target - t <= dt;
      const h = last ? target - t : dt;
      const full = rk4(f, y, h);
      const half = rk4(f, y, h / 2);
      const two = half && rk4(f, half, h / 2);
      if (++substeps > MAX_SUBSTEPS) out.stopped = stopAt(`too many RK4 sub-steps (> ${MAX_SUBSTEPS})`);
      else if (!full || !two) {
        dt = h / 4; // a stage crossed |w| = 1 or overflowed: retry smaller
      } else {
        let err = 0;
        for (let i = 0; i < 3; i++)
          err = Math.max(err, Math.abs(two[i] - full[i]) / 15 / (ATOL + RTOL * Math.abs(two[i])));
        if (err <= 1) {
          y = two;
          t = last ? target : t + h;
          // A step shortened to land on a record time must not shrink the step size for the next one.
          const grown = h * Math.min(4, 0.9 * Math.pow(Math.max(err, 1e-10), -0.2));
          dt = Math.min(dtMax, last ? Math.max(dt, grown) : grown);
          if (1 - Math.abs(y[2]) < W_EDGE) out.stopped = stopAt(W_REASON);
          else if (!y.every((v) => withinLimit(v, BLOWUP_LIMIT))) out.stopped = stopAt(BLOWUP_REASON);
        } else {
          dt = h * Math.max(0.1, 0.9 * Math.pow(err, -0.2));
        }
      }
      if (out.stopped === null && dt < 1e-13 * Math.max(1, t)) {
        out.stopped = stopAt(
          1 - Math.abs(y[2]) < 1e-2 ? W_REASON : 'RK4 step size underflow (the flow is singular here)',
        );
      }
    }
    if (out.stopped !== null) break;
    const s: ModeState = { a: y[0], b: y[1], w: y[2] };
    out.step.push(step);
    out.a.push(s.a);
    out.b.push(s.b);
    out.w.push(s.w);
    out.loss.push(modeLossInfinite(s, teacher));
  }
  return out;
}
