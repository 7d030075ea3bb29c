// The learning-rate limit of the discrete per-mode map at a point of the optimal manifold (THEORY 2, 3.3): the
// largest η for which θ ← θ − η Δθ is linearly stable there, from 3.3's closed forms (T → ∞) or from the finite-T
// map itself. May import: ./types, ./stability, ./mode-maps.
import type { Complex, LossKind, ModeFeedback, ModeState, ModeTeacher, TheoryRule } from './types';
import { quadraticRoots, stabilityOnManifold } from './stability';
import { modeUpdate } from './mode-maps';

/**
 * The map θ ← θ − η Δθ = θ + η f(θ) (THEORY 2, f the flow of 3.2) has Jacobian I + η J at a fixed point, with
 * eigenvalues 1 + η λ for the flow's eigenvalues λ (THEORY 3.3: 0 along the manifold, neutral for the map too,
 * and the roots λ₊, λ₋ of λ² − τλ + δ). It is stable when |1 + η λ| < 1 for both roots, i.e.
 * η < −2 Re λ / |λ|² for each: 2/|λ| for a real root (the largest |λ| binds, which is λ₋, not λ₊, when both are
 * real), −τ/δ for a complex pair. 0 when Re λ₊ ≥ 0: the fixed point is unstable for every η > 0.
 */
export function lrLimitFromRoots(lambdaPlus: Complex, lambdaMinus: Complex): number {
  if (!(lambdaPlus.re < 0 && lambdaMinus.re < 0)) return 0;
  const limit = (l: Complex) => (-2 * l.re) / (l.re * l.re + l.im * l.im);
  return Math.min(limit(lambdaPlus), limit(lambdaMinus));
}

/**
 * The learning-rate limit at the optimal-manifold point (s, p/s, q) of the T → ∞ flow (THEORY 3.3's τ and δ):
 * BPTT, tBPTT1 and RFLO (`aHat`, `what` are RFLO's). Requires s ≠ 0 and |q| < 1, as stabilityOnManifold.
 */
export function lrLimitOnManifold(
  rule: TheoryRule,
  s: number,
  p: number,
  q: number,
  aHat: number,
  what: number,
): number {
  const { lambdaPlus, lambdaMinus } = stabilityOnManifold(rule, s, p, q, aHat, what);
  return lrLimitFromRoots(lambdaPlus, lambdaMinus);
}

/**
 * The learning-rate limit of the finite-T map of THEORY 3.1 at one of its fixed points (any T, loss and truncation,
 * where 3.3's closed forms are the T → ∞ limit): the flow's Jacobian −∂Δ/∂θ by central differences of modeUpdate.
 * On the optimal manifold one eigenvalue is zero (along it), so the other two are the roots of λ² − τλ + δ with τ
 * the trace and δ the sum of the principal 2×2 minors, as in 3.3.
 */
export function lrLimitOfMap(
  rule: TheoryRule,
  point: ModeState,
  teacher: ModeTeacher,
  feedback: ModeFeedback,
  T: number,
  loss: LossKind,
  truncation = 1,
): number {
  const x = [point.a, point.b, point.w];
  const J = [0, 1, 2].map(() => [0, 0, 0]);
  for (let j = 0; j < 3; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[j]));
    const at = (d: number) => {
      const y = x.slice();
      y[j] += d;
      const r = modeUpdate(rule, { a: y[0], b: y[1], w: y[2] }, teacher, feedback, T, loss, truncation);
      return [-r.da, -r.db, -r.dw];
    };
    const up = at(h);
    const down = at(-h);
    for (let i = 0; i < 3; i++) J[i][j] = (up[i] - down[i]) / (2 * h);
  }
  const tau = J[0][0] + J[1][1] + J[2][2];
  const delta =
    J[0][0] * J[1][1] -
    J[0][1] * J[1][0] +
    (J[0][0] * J[2][2] - J[0][2] * J[2][0]) +
    (J[1][1] * J[2][2] - J[1][2] * J[2][1]);
  const { lambdaPlus, lambdaMinus } = quadraticRoots(tau, delta);
  return lrLimitFromRoots(lambdaPlus, lambdaMinus);
}
