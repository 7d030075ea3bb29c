// Linear RNN weights {A, W, B} and their float64 impulse responses and exact expected loss (THEORY 1).
// Imports only ./linalg and ./params; the batched TF.js versions live in gradients/.
import { type Matrix, matMul, sub } from './linalg';
import type { LossKind } from './params';

/** A o×n readout, W n×n recurrent, B n×i input weights (B is NOT Murray's feedback matrix). */
export interface Weights {
  A: Matrix;
  W: Matrix;
  B: Matrix;
}

/** Impulse responses A W^j B for j = 0..T−1 (o×i each): the only thing the loss depends on (THEORY 1). */
export function impulseResponses(net: Weights, T: number): Matrix[] {
  const out: Matrix[] = [];
  let AWj = net.A;
  for (let j = 0; j < T; j++) {
    out.push(matMul(AWj, net.B));
    AWj = matMul(AWj, net.W);
  }
  return out;
}

/** Weight ω_j of the j-th impulse-response error in the loss: 1 (final step) or (T−j)/T (sequence). */
export function lagWeight(loss: LossKind, T: number, j: number): number {
  return loss === 'final' ? 1 : (T - j) / T;
}

/** Exact expected loss: final L_T = ½ Σ_j ‖E_j‖², sequence (1/T) Σ_τ L_τ = ½ Σ_j ω_j ‖E_j‖². */
export function expectedLoss(student: Weights, teacher: Weights, T: number, loss: LossKind): number {
  const s = impulseResponses(student, T);
  const t = impulseResponses(teacher, T);
  let total = 0;
  for (let j = 0; j < T; j++) {
    const e = sub(s[j], t[j]);
    let sq = 0;
    for (const row of e) for (const v of row) sq += v * v;
    total += lagWeight(loss, T, j) * sq;
  }
  return 0.5 * total;
}
