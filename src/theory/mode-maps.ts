// Finite-T mode maps (THEORY 3.1): exact per-mode updates (Δa, Δb, Δw), losses, and the iterated map.
// May import: ./types, ./steps (nothing outside src/theory).
import type {
  LossKind,
  ModeFeedback,
  ModeRates,
  ModeState,
  ModeTeacher,
  ModeTrajectory,
  StopInfo,
  TheoryRule,
} from './types';
import { normalizeRecord, withinLimit } from './steps';

/** Magnitude above which an iterated trajectory counts as blown up. */
export const BLOWUP_LIMIT = 1e6;

function checkHorizon(T: number, truncation: number): void {
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`T must be an integer ≥ 1 (got ${T})`);
  if (!Number.isInteger(truncation) || truncation < 1) {
    throw new RangeError(`truncation k must be an integer ≥ 1 (got ${truncation})`);
  }
}

/**
 * Exact expected-form update of one mode, THEORY 3.1, with p = a*b*, q = w*, e_j = a b w^j − p q^j:
 *   all rules: Δa = b Σ_j e_j w^j
 *   BPTT:      Δb = a Σ_j e_j w^j,                 Δw = a b Σ_{j≥1} e_j j w^{j−1}
 *   tBPTT k:   Δb = a Σ_{j<k} e_j w^j,             Δw = a b Σ_{j≥1} e_j min(k, j) w^{j−1}
 *              (THEORY 2 matrix form restricted to t = T−k+1..T; k = 1 is THEORY 3.1's tBPTT1, k ≥ T is BPTT)
 *   RFLO:      Δb = â Σ_j ŵ^j e_j,                 Δw = â b Σ_{j≥1} e_j G_j,  G_j = Σ_{m<j} ŵ^m w^{j−1−m}
 * G_j is accumulated as G_{j+1} = w G_j + ŵ^j (never the quotient (w^j − ŵ^j)/(w − ŵ)).
 * Sequence loss (THEORY 1): the average over horizons τ = 1..T of the final-step update with T → τ.
 * Every term with index j appears in horizons τ = j+1..T with the same coefficient, so the average is
 * the final-step sum with weights (T − j)/T: O(T).
 */
export function modeUpdate(
  rule: TheoryRule,
  state: ModeState,
  teacher: ModeTeacher,
  feedback: ModeFeedback,
  T: number,
  loss: LossKind,
  truncation = 1,
): ModeRates {
  checkHorizon(T, truncation);
  const { a, b, w } = state;
  const p = teacher.aStar * teacher.bStar;
  const q = teacher.wStar;
  const { aHat, what } = feedback;
  const ab = a * b;
  let sumA = 0; // Σ ω_j e_j w^j
  let sumB = 0; // rule-specific Δb sum
  let sumW = 0; // rule-specific Δw sum
  let wj = 1; // w^j
  let wjm1 = 0; // w^{j−1} (unused at j = 0)
  let qj = 1; // q^j
  let hj = 1; // ŵ^j
  let G = 0; // G_j = Σ_{m<j} ŵ^m w^{j−1−m}; G_0 = 0
  for (let j = 0; j < T; j++) {
    const omega = loss === 'sequence' ? (T - j) / T : 1;
    const e = omega * (ab * wj - p * qj);
    sumA += e * wj;
    if (rule === 'bptt') {
      if (j >= 1) sumW += e * j * wjm1;
    } else if (rule === 'tbptt') {
      if (j < truncation) sumB += e * wj;
      if (j >= 1) sumW += e * Math.min(truncation, j) * wjm1;
    } else {
      sumB += e * hj;
      if (j >= 1) sumW += e * G;
    }
    G = w * G + hj; // G_{j+1}
    wjm1 = wj;
    wj *= w;
    qj *= q;
    hj *= what;
  }
  if (rule === 'bptt') return { da: b * sumA, db: a * sumA, dw: ab * sumW };
  if (rule === 'tbptt') return { da: b * sumA, db: a * sumB, dw: ab * sumW };
  return { da: b * sumA, db: aHat * sumB, dw: aHat * b * sumW };
}

/** Per-mode loss at finite T (THEORY 1, 3): final ½ Σ_j e_j²; sequence ½ Σ_j ((T − j)/T) e_j². */
export function modeLoss(state: ModeState, teacher: ModeTeacher, T: number, loss: LossKind): number {
  checkHorizon(T, 1);
  const ab = state.a * state.b;
  const p = teacher.aStar * teacher.bStar;
  let sum = 0;
  let wj = 1;
  let qj = 1;
  for (let j = 0; j < T; j++) {
    const e = ab * wj - p * qj;
    sum += (loss === 'sequence' ? (T - j) / T : 1) * e * e;
    wj *= state.w;
    qj *= teacher.wStar;
  }
  return 0.5 * sum;
}

/**
 * Per-mode loss as T → ∞ (THEORY 3): ½[a²b²/(1−w²) − 2abp/(1−wq) + p²/(1−q²)].
 * It is also the T → ∞ limit of the sequence loss. NaN when |w| ≥ 1 or |q| ≥ 1 (undefined there).
 */
export function modeLossInfinite(state: ModeState, teacher: ModeTeacher): number {
  const { a, b, w } = state;
  const p = teacher.aStar * teacher.bStar;
  const q = teacher.wStar;
  if (!(Math.abs(w) < 1) || !(Math.abs(q) < 1)) return Number.NaN;
  const ab = a * b;
  return 0.5 * ((ab * ab) / (1 - w * w) - (2 * ab * p) / (1 - w * q) + (p * p) / (1 - q * q));
}

export type IterateModeMapOptions = {
  rule: TheoryRule;
  init: ModeState;
  teacher: ModeTeacher;
  feedback: ModeFeedback;
  T: number;
  loss: LossKind;
  /** tBPTT truncation k (ignored by the other rules); default 1. */
  truncation?: number;
  /** Learning rate η. */
  lr: number;
  /** Number of training steps to run at most. */
  steps: number;
  /** Steps to record (0 = initial state); entries above `steps` are dropped. */
  record: number[];
};

function checkStep(next: ModeState, step: number): StopInfo | null {
  const vals = [next.a, next.b, next.w];
  if (vals.some((v) => !Number.isFinite(v))) {
    return { step, reason: 'values became non-finite (the update overflowed, e.g. |w| > 1 with a long T)' };
  }
  if (vals.some((v) => !withinLimit(v, BLOWUP_LIMIT))) {
    return { step, reason: `values blew up (|a|, |b| or |w| exceeded ${BLOWUP_LIMIT})` };
  }
  return null;
}

/**
 * Iterates θ ← θ − η Δθ (THEORY 2, 3.1) with a, b, w all updated from the same old state, and samples
 * the state and modeLoss at the recorded steps. Stops with a reason when values become non-finite or
 * exceed BLOWUP_LIMIT; `stopped.step` is the first step whose state was rejected.
 */
export function iterateModeMap(opts: IterateModeMapOptions): ModeTrajectory {
  const { rule, teacher, feedback, T, loss, lr } = opts;
  const truncation = opts.truncation ?? 1;
  checkHorizon(T, truncation);
  if (!Number.isInteger(opts.steps) || opts.steps < 0) throw new RangeError(`steps must be an integer ≥ 0`);
  if (!Number.isFinite(lr)) throw new RangeError(`lr must be finite (got ${lr})`);
  const rec = normalizeRecord(opts.record, opts.steps);
  const out: ModeTrajectory = { step: [], a: [], b: [], w: [], loss: [], stopped: null };
  let s: ModeState = { ...opts.init };
  const initStop = checkStep(s, 0);
  if (initStop) return { ...out, stopped: { step: 0, reason: `invalid initial state: ${initStop.reason}` } };
  const last = rec.length > 0 ? rec[rec.length - 1] : 0;
  let ri = 0;
  for (let k = 0; k <= last; k++) {
    if (rec[ri] === k) {
      out.step.push(k);
      out.a.push(s.a);
      out.b.push(s.b);
      out.w.push(s.w);
      out.loss.push(modeLoss(s, teacher, T, loss));
      ri++;
    }
    if (k === last) break;
    const r = modeUpdate(rule, s, teacher, feedback, T, loss, truncation);
    const next = { a: s.a - lr * r.da, b: s.b - lr * r.db, w: s.w - lr * r.dw };
    const stop = checkStep(next, k + 1);
    if (stop) {
      out.stopped = stop;
      break;
    }
    s = next;
  }
  return out;
}
