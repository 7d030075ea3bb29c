// The float32 rounding floor of the alignment and residual measures (THEORY 3, 4): below it a measure is zero to
// rounding. Imports only engine param types; pure.
import type { EngineParams } from '../params';

/** Machine epsilon of float32, 2⁻²³ ≈ 1.19e-7: the spacing of float32 values just above 1. */
export const FLOAT32_EPS = 2 ** -23;

/**
 * Relative rounding floor, eps · √(n + steps), shared by every ratio-of-norms measure the charts draw on log axes:
 * the off-diagonal fractions of Uᵀ A P, Pᵀ W P, Pᵀ B V and Uᵀ(AB)V, the asymmetry and commutators of W, and
 * RFLO's residual ‖(I − Π) ΔW‖ / ‖ΔW‖. Each divides a part of a float32 matrix that is zero in exact arithmetic
 * by the whole of it, so it measures the matrix's own relative error. That error has two sources whose roundings,
 * of unit size u = eps / 2 and random sign, add in quadrature:
 *  - one float32 product over the hidden size n (the rules' updates, and A B in Uᵀ(AB)V): u·√n;
 *  - every training step rounds each weight once more, W ← fl(W + ΔW), a random walk over the steps: u·√steps
 *    (this is why the aligned runs' fractions and RFLO's residual creep up from 1e-8 to 1e-6 as they train).
 * Together u·√(n + steps); eps rather than u is a factor 2 of margin. The horizon `steps` rather than the
 * current step keeps the floor one constant per chart. The analysis itself runs in float64 (the commutators'
 * own √ε₆₄ ≈ 1.5e-8 floor is below this one), so it adds nothing that matters here.
 */
export function roundingFloor(params: Pick<EngineParams, 'n' | 'steps'>): number {
  return FLOAT32_EPS * Math.sqrt(params.n + params.steps);
}
