// Exact expected ("population") statistics for white-noise inputs, no sampling (THEORY 2.2).
// Imports TF.js, ./run-channels and engine types only.
import * as tf from '@tensorflow/tfjs-core';
import { productRows, rowsToChannels, stackRowsByLag, toFilter } from './run-channels';
import type { BatchedWeights, ErrorStatistics, ReadoutPowers } from './statistics';

export interface TeacherResponses {
  /** E*_j = A* W*^j B* as [o, 1, i] tensors (rows layout, broadcast over runs), j = 0..T−1 */
  Estar: tf.Tensor3D[];
  /** ω_j: 1 for the final-step loss, (T−j)/T for the sequence loss */
  omega: number[];
}

/** E_j = A W^j B − E*_j for every lag, as rows [o, runs, i]. Call inside tf.tidy. */
function impulseErrors(w: BatchedWeights, powers: ReadoutPowers, teacher: TeacherResponses): tf.Tensor3D[] {
  const filterB = toFilter(w.B);
  return powers.channels.map((q, j) => tf.sub(productRows(q, filterB), teacher.Estar[j]));
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
  const [runs, o, n] = w.A.shape;
  const E = impulseErrors(w, powers, teacher);
  const Eweighted = E.map((e, j) =>
    teacher.omega[j] === 1 ? e : (tf.mul(e, teacher.omega[j]) as tf.Tensor3D),
  );
  // Ĉ_u = Ĉ_{u+1} Wᵀ + ω_u E_u Bᵀ, in the runs-as-channels layout
  const filterWT = toFilter(tf.transpose(w.W, [0, 2, 1]));
  const filterBT = toFilter(tf.transpose(w.B, [0, 2, 1]));
  const C: tf.Tensor3D[] = new Array(T + 1); // rows [o, runs, n]
  C[T] = tf.zeros([o, runs, n]);
  C[T - 1] = productRows(rowsToChannels(Eweighted[T - 1]), filterBT);
  for (let u = T - 2; u >= 0; u--)
    C[u] = tf.add(
      productRows(rowsToChannels(C[u + 1]), filterWT),
      productRows(rowsToChannels(Eweighted[u]), filterBT),
    );
  const Ecat = stackRowsByLag(E);
  const Zb = teacher.omega.every((x) => x === 1) ? Ecat : stackRowsByLag(Eweighted);
  const loss = tf.mul(tf.sum(tf.mul(Ecat, Zb), [1, 2]), 0.5) as tf.Tensor1D;
  return { Zw: stackRowsByLag(C.slice(1)), Zb, dA: tf.transpose(C[0], [1, 0, 2]), loss };
}

/** Exact expected loss only (no update statistics). Call inside tf.tidy. */
export function expectedLoss(
  w: BatchedWeights,
  powers: ReadoutPowers,
  teacher: TeacherResponses,
): tf.Tensor1D {
  const E = impulseErrors(w, powers, teacher);
  const weighted = E.map((e, j) => tf.mul(tf.sum(tf.square(e), [0, 2]), 0.5 * teacher.omega[j]));
  return tf.addN(weighted) as tf.Tensor1D;
}
