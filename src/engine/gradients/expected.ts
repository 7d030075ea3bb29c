// Exact expected ("population") statistics for white-noise inputs, no sampling (THEORY 2.2).
// Imports TF.js and engine types only.
import * as tf from '@tensorflow/tfjs-core';
import { stackLags } from './stack-lags';
import type { BatchedWeights, ErrorStatistics, ReadoutPowers } from './statistics';

export interface TeacherResponses {
  /** E*_j = A* W*^j B* as [1, o, i] tensors, j = 0..T−1 (broadcast over runs) */
  Estar: tf.Tensor3D[];
  /** ω_j: 1 for the final-step loss, (T−j)/T for the sequence loss */
  omega: number[];
}

/**
 * With E_j = A W^j B − E*_j and F_j = ω_j E_j Bᵀ, the lag-u statistic Ĉ_u = Σ_{j≥u} F_j (Wᵀ)^{j−u} obeys
 * Ĉ_u = F_u + Ĉ_{u+1} Wᵀ (Ĉ_T = 0). For the final loss Ĉ_u = C_{T−u} (THEORY 2.2's C_t = C_{t−1}Wᵀ + E_{T−t}Bᵀ);
 * for the sequence loss the weights ω_j = (T−j)/T fold the average over horizons into the same recursion.
 * Then Zw_s = Ĉ_{s+1}, Zb_s = ω_s E_s, ΔA = Ĉ_0 and L = ½ Σ_j ω_j ‖E_j‖². Call inside tf.tidy.
 */
export function expectedStatistics(
  w: BatchedWeights,
  powers: ReadoutPowers,
  teacher: TeacherResponses,
): ErrorStatistics {
  const T = teacher.omega.length;
  const BT = tf.transpose(w.B, [0, 2, 1]);
  const WT = tf.transpose(w.W, [0, 2, 1]);
  const E: tf.Tensor3D[] = [];
  const Eweighted: tf.Tensor3D[] = [];
  const F: tf.Tensor3D[] = [];
  for (let j = 0; j < T; j++) {
    const e = tf.sub(tf.matMul(powers.Q[j], w.B), teacher.Estar[j]) as tf.Tensor3D;
    const ew = teacher.omega[j] === 1 ? e : (tf.mul(e, teacher.omega[j]) as tf.Tensor3D);
    E.push(e);
    Eweighted.push(ew);
    F.push(tf.matMul(ew, BT));
  }
  const C: tf.Tensor3D[] = new Array(T + 1);
  C[T] = tf.zerosLike(F[0]);
  C[T - 1] = F[T - 1];
  for (let u = T - 2; u >= 0; u--) C[u] = tf.add(F[u], tf.matMul(C[u + 1], WT));
  const Ecat = stackLags(E);
  const Zb = teacher.omega.every((x) => x === 1) ? Ecat : stackLags(Eweighted);
  const Zw = stackLags(C.slice(1));
  const loss = tf.mul(tf.sum(tf.mul(Ecat, Zb), [1, 2]), 0.5) as tf.Tensor1D;
  return { Zw, Zb, dA: C[0], loss };
}

/** Exact expected loss only (no update statistics). Call inside tf.tidy. */
export function expectedLoss(w: BatchedWeights, powers: ReadoutPowers, teacher: TeacherResponses): tf.Tensor1D {
  const T = teacher.omega.length;
  let total: tf.Tensor1D | null = null;
  for (let j = 0; j < T; j++) {
    const e = tf.sub(tf.matMul(powers.Q[j], w.B), teacher.Estar[j]);
    const sq = tf.mul(tf.sum(tf.square(e), [1, 2]), 0.5 * teacher.omega[j]) as tf.Tensor1D;
    total = total ? (tf.add(total, sq) as tf.Tensor1D) : sq;
  }
  return total as tf.Tensor1D;
}
