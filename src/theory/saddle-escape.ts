// How long BPTT and tBPTT stay on the saddle plateau near a = b = 0 (THEORY 3.3): the escape rate from the
// linearised finite-T map (THEORY 3.1) and the steps until the growth leaves the saddle. May import: ./types,
// ./mode-maps.
import type { LossKind, ModeState, ModeTeacher, TheoryRule } from './types';
import { modeUpdate } from './mode-maps';

/** The rules with a saddle manifold {a = b = 0} (THEORY 3.3); RFLO leaves it at a constant rate (no plateau). */
export type SaddleRule = Extract<TheoryRule, 'bptt' | 'tbptt'>;

/**
 * The linearisation of the flow at (0, 0, w): ȧ = α b, ḃ = β a, ẇ = 0 (Δw is O(ab)). With a = 0 (or b = 0) every
 * e_j is −p q^j, so THEORY 3.1's Δa is exactly linear in b (Δb in a): α and β are read off the map's own update
 * at unit b (unit a). THEORY 3.3 as T → ∞: α = β = p/(1−wq) for BPTT, α = p/(1−wq) and β = p for tBPTT1, so the
 * rate √(αβ) is |p|/(1−wq) (BPTT) and |p|/√(1−wq) (tBPTT1).
 */
export function saddleLinearisation(
  rule: SaddleRule,
  w: number,
  teacher: ModeTeacher,
  T: number,
  loss: LossKind,
  truncation = 1,
): { alpha: number; beta: number; rate: number } {
  const noFeedback = { aHat: 0, what: 0 }; // read by RFLO only
  const alpha = -modeUpdate(rule, { a: 0, b: 1, w }, teacher, noFeedback, T, loss, truncation).da;
  const beta = -modeUpdate(rule, { a: 1, b: 0, w }, teacher, noFeedback, T, loss, truncation).db;
  return { alpha, beta, rate: alpha * beta > 0 ? Math.sqrt(alpha * beta) : 0 };
}

/**
 * Training steps until `rule` leaves the saddle from `init` at learning rate `lr`: the linearised map grows the
 * component g = a/√|α| + σ b/√|β| (σ = sign α = sign p) by 1 + η r per step, r = √(αβ), and late in the plateau
 * |ab| ≈ r g²/4. THEORY 3.3 gives the rate, not where the plateau ends: we take the step at which this growth
 * carries |ab| up to |p|, the scale at which the linearisation fails (for BPTT started at w = q the full flow is
 * logistic in ab, and ab is then half-way to p). So
 *     k = ln(4|p| / (r g₀²)) / (2 ln(1 + η r))     (≈ ln(4|p|/(r g₀²)) / (2 η r) for small η).
 * Infinity when the start has no growing component (g₀ = 0, or p = 0: the saddle is then optimal); 0 when the
 * start is already past that scale (not on the plateau).
 */
export function saddleEscapeSteps(
  rule: SaddleRule,
  init: ModeState,
  teacher: ModeTeacher,
  T: number,
  loss: LossKind,
  lr: number,
  truncation = 1,
): number {
  const { alpha, beta, rate } = saddleLinearisation(rule, init.w, teacher, T, loss, truncation);
  if (rate === 0) return Infinity;
  const sigma = Math.sign(alpha);
  const g0 = init.a / Math.sqrt(Math.abs(alpha)) + (sigma * init.b) / Math.sqrt(Math.abs(beta));
  if (g0 === 0) return Infinity;
  const p = Math.abs(teacher.aStar * teacher.bStar);
  const ratio = (4 * p) / (rate * g0 * g0);
  return ratio <= 1 ? 0 : Math.log(ratio) / (2 * Math.log1p(lr * rate));
}
