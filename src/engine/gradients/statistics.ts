// Shared shapes of the error–activity statistics from which every rule's update is assembled.
// Types only (TF.js tensor types).
//
// Layout: "lag rows" [T·o, runs, k], row s·o + a holding lag s, output a. It is the filter layout of the runs-as-
// channels products (./run-channels.ts), so the contractions below need no transposes.
import type * as tf from '@tensorflow/tfjs-core';

/** The student's weights for all runs at once: leading dimension = runs. */
export interface BatchedWeights {
  A: tf.Tensor3D; // [runs, o, n]
  W: tf.Tensor3D; // [runs, n, n]
  B: tf.Tensor3D; // [runs, n, i]
}

/**
 * For lags s = 0..T−1, the statistics that every rule combines with its credit (THEORY 2.2, with
 * C_t = E[ε_T h_tᵀ], X_k = E[ε_T x_kᵀ]):  ΔW = Σ_s credit_sᵀ Zw_s,  ΔB = Σ_s credit_sᵀ Zb_s,  ΔA = dA,
 * where for the final-step loss Zw_s = C_{T−1−s}, Zb_s = X_{T−1−s}; for the sequence loss each is the average
 * over horizons τ of the same quantity with T replaced by τ.
 */
export interface ErrorStatistics {
  Zw: tf.Tensor3D; // lag rows [T·o, runs, n]
  Zb: tf.Tensor3D; // lag rows [T·o, runs, i]
  dA: tf.Tensor3D; // [runs, o, n]
  /** the loss these statistics estimate (exact for expected, minibatch for sampled); computed on request */
  loss(): tf.Tensor1D; // [runs]
}

/** Q_s = A W^s (o×n) for s = 0..T−1: the true credit paths (BPTT's (Wᵀ)^s Aᵀ, transposed). */
export interface ReadoutPowers {
  /** Q_s in the runs-as-channels layout [1, o, n, runs] (see ./run-channels.ts) */
  channels: tf.Tensor4D[];
  /** lag rows [T·o, runs, n] */
  rows: tf.Tensor3D;
}
