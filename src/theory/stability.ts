// Fixed points and linear stability of the mode ODEs (THEORY 3.3): closed forms and numerical checks.
// May import: ./types, ./mode-odes (nothing outside src/theory).
import type { Complex, ModeFeedback, ModeState, ModeTeacher, TheoryRule } from './types';
import { odeRates } from './mode-odes';

export type ManifoldStability = { tau: number; delta: number; lambdaPlus: Complex; lambdaMinus: Complex };

/** Roots of λ² − τλ + δ = 0, λ₊ the one with the larger real part (positive imaginary part if complex). */
export function quadraticRoots(tau: number, delta: number): { lambdaPlus: Complex; lambdaMinus: Complex } {
  const disc = tau * tau - 4 * delta;
  if (disc < 0) {
    const im = Math.sqrt(-disc) / 2;
    return { lambdaPlus: { re: tau / 2, im }, lambdaMinus: { re: tau / 2, im: -im } };
  }
  // Stable evaluation: the large-magnitude root directly, the other from δ = λ₊ λ₋.
  const big = (tau + (tau >= 0 ? 1 : -1) * Math.sqrt(disc)) / 2;
  const small = big === 0 ? 0 : delta / big;
  const [hi, lo] = big >= small ? [big, small] : [small, big];
  return { lambdaPlus: { re: hi, im: 0 }, lambdaMinus: { re: lo, im: 0 } };
}

/**
 * THEORY 3.3: at the optimal-manifold point (s, p/s, q) the flow Jacobian has eigenvalue 0 (along the
 * manifold) and the roots of λ² − τλ + δ = 0. With N_s = s² + p²/s²:
 *   BPTT:   τ = −[N_s/(1−q²) + p²(1+q²)/(1−q²)³],        δ = p² N_s/(1−q²)⁴
 *   tBPTT1: τ = −[s² + p²/(s²(1−q²)) + p²/(1−q²)²],       δ = p² N_s/(1−q²)²
 *   RFLO:   τ = −[â s/(1−ŵq) + p²/(s²(1−q²)) + â p²(1−ŵq³)/(s(1−q²)²(1−ŵq)²)]
 *           δ = â p² (â s³ + p²) / (s³ (1−q²)² (1−ŵq)²)
 * `aHat`, `what` are used by RFLO only. Requires s ≠ 0, |q| < 1 (and |ŵq| ≠ 1).
 */
export function stabilityOnManifold(
  rule: TheoryRule,
  s: number,
  p: number,
  q: number,
  aHat: number,
  what: number,
): ManifoldStability {
  if (s === 0) throw new RangeError('s must be non-zero (the optimal manifold is a b = p with a = s)');
  if (!(Math.abs(q) < 1)) throw new RangeError(`|q| must be < 1 (got ${q})`);
  const c = 1 - q * q;
  const p2 = p * p;
  const s2 = s * s;
  const Ns = s2 + p2 / s2;
  let tau: number;
  let delta: number;
  if (rule === 'bptt') {
    tau = -(Ns / c + (p2 * (1 + q * q)) / (c * c * c));
    delta = (p2 * Ns) / (c * c * c * c);
  } else if (rule === 'tbptt') {
    tau = -(s2 + p2 / (s2 * c) + p2 / (c * c));
    delta = (p2 * Ns) / (c * c);
  } else {
    const d = 1 - what * q;
    const s3 = s2 * s;
    tau = -((aHat * s) / d + p2 / (s2 * c) + (aHat * p2 * (1 - what * q * q * q)) / (s * c * c * d * d));
    delta = (aHat * p2 * (aHat * s3 + p2)) / (s3 * c * c * d * d);
  }
  return { tau, delta, ...quadraticRoots(tau, delta) };
}

/** A point of the optimal manifold {a b = p, w = q} (THEORY 3.3): (s, p/s, q). */
export function optimalPoint(s: number, p: number, q: number): ModeState {
  return { a: s, b: p / s, w: q };
}

/** Loss of one mode on the saddle manifold {a = b = 0} (THEORY 3.3): p²/[2(1−q²)]. */
export function saddleLoss(p: number, q: number): number {
  return (p * p) / (2 * (1 - q * q));
}

/** |s| at which BPTT's convergence rate on the optimal manifold is slowest (THEORY 3.3): √|p|. */
export function bpttSlowestS(p: number): number {
  return Math.sqrt(Math.abs(p));
}

/** Jacobian of the flow (ȧ, ḃ, ẇ) = −odeRates (THEORY 3.2) by central differences; J[i][j] = ∂f_i/∂x_j. */
export function numericalJacobian(
  rule: TheoryRule,
  state: ModeState,
  teacher: ModeTeacher,
  feedback: ModeFeedback,
  h = 1e-5,
): number[][] {
  const x = [state.a, state.b, state.w];
  const flow = (y: number[]): number[] => {
    const r = odeRates(rule, { a: y[0], b: y[1], w: y[2] }, teacher, feedback);
    return [-r.da, -r.db, -r.dw];
  };
  const J = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let j = 0; j < 3; j++) {
    const xp = x.slice();
    const xm = x.slice();
    xp[j] += h;
    xm[j] -= h;
    const fp = flow(xp);
    const fm = flow(xm);
    for (let i = 0; i < 3; i++) J[i][j] = (fp[i] - fm[i]) / (2 * h);
  }
  return J;
}

/**
 * Eigenvalues of a real 3×3 matrix from its characteristic cubic λ³ + c2 λ² + c1 λ + c0 = 0:
 * one real root (trigonometric or Cardano, polished by Newton), then the deflated quadratic.
 * Returned sorted by real part, largest first.
 */
export function eigenvalues3(J: number[][]): Complex[] {
  const tr = J[0][0] + J[1][1] + J[2][2];
  const minors =
    J[0][0] * J[1][1] -
    J[0][1] * J[1][0] +
    J[0][0] * J[2][2] -
    J[0][2] * J[2][0] +
    J[1][1] * J[2][2] -
    J[1][2] * J[2][1];
  const det =
    J[0][0] * (J[1][1] * J[2][2] - J[1][2] * J[2][1]) -
    J[0][1] * (J[1][0] * J[2][2] - J[1][2] * J[2][0]) +
    J[0][2] * (J[1][0] * J[2][1] - J[1][1] * J[2][0]);
  const c2 = -tr;
  const c1 = minors;
  const c0 = -det;
  // Depressed cubic t³ + P t + Q with λ = t − c2/3.
  const shift = c2 / 3;
  const P = c1 - (c2 * c2) / 3;
  const Q = (2 * c2 * c2 * c2) / 27 - (c2 * c1) / 3 + c0;
  const D = (Q * Q) / 4 + (P * P * P) / 27;
  let r: number;
  if (D < 0) {
    // Three real roots: take the one of largest magnitude (most stable to deflate by).
    const m = 2 * Math.sqrt(-P / 3);
    const phi = Math.acos(Math.max(-1, Math.min(1, (3 * Q) / (P * m))));
    const cands = [0, 1, 2].map((k) => m * Math.cos((phi - 2 * Math.PI * k) / 3) - shift);
    r = cands.reduce((u, v) => (Math.abs(v) > Math.abs(u) ? v : u));
  } else {
    const sq = Math.sqrt(D);
    r = Math.cbrt(-Q / 2 + sq) + Math.cbrt(-Q / 2 - sq) - shift;
  }
  for (let it = 0; it < 4; it++) {
    const f = ((r + c2) * r + c1) * r + c0;
    const df = (3 * r + 2 * c2) * r + c1;
    if (df === 0) break;
    r -= f / df;
  }
  // Deflate: λ³ + c2 λ² + c1 λ + c0 = (λ − r)(λ² + d1 λ + d0).
  const d1 = c2 + r;
  const d0 = c1 + r * d1;
  const disc = d1 * d1 - 4 * d0;
  const roots: Complex[] = [{ re: r, im: 0 }];
  if (disc >= 0) {
    const big = (-d1 - (d1 >= 0 ? 1 : -1) * Math.sqrt(disc)) / 2;
    roots.push({ re: big, im: 0 }, { re: big === 0 ? 0 : d0 / big, im: 0 });
  } else {
    const im = Math.sqrt(-disc) / 2;
    roots.push({ re: -d1 / 2, im }, { re: -d1 / 2, im: -im });
  }
  return roots.sort((x, y) => y.re - x.re || y.im - x.im);
}

/** Re and Im of λ₊ along the optimal manifold for charts (THEORY 3.3 scenario 2); null at s = 0. */
export function lambdaPlusCurve(
  rule: TheoryRule,
  sValues: number[],
  p: number,
  q: number,
  aHat: number,
  what: number,
): { s: number[]; re: (number | null)[]; im: (number | null)[] } {
  const re: (number | null)[] = [];
  const im: (number | null)[] = [];
  for (const s of sValues) {
    const ok = s !== 0 && Math.abs(q) < 1;
    const l = ok ? stabilityOnManifold(rule, s, p, q, aHat, what).lambdaPlus : null;
    re.push(l && Number.isFinite(l.re) ? l.re : null);
    im.push(l && Number.isFinite(l.im) ? l.im : null);
  }
  return { s: sValues.slice(), re, im };
}
