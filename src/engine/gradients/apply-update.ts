// Assembles each run's (ΔA, ΔW, ΔB) from its rule's credit and the error statistics (THEORY 2, one shared form).
// Imports TF.js and engine types only.
import * as tf from '@tensorflow/tfjs-core';
import { contractRows } from './batched-contraction';
import type { ErrorStatistics } from './statistics';

export interface Updates {
  dA: tf.Tensor3D;
  dW: tf.Tensor3D;
  dB: tf.Tensor3D;
}

/**
 * ΔW = Σ_s credit_sᵀ Zw_s, ΔB = Σ_s credit_sᵀ Zb_s (one product each over the stacked lags), ΔA shared.
 * `credit` in lag rows [T·o, runs, n], like the statistics. Call inside tf.tidy.
 */
export function assembleUpdates(credit: tf.Tensor3D, stats: ErrorStatistics): Updates {
  return { dA: stats.dA, dW: contractRows(credit, stats.Zw), dB: contractRows(credit, stats.Zb) };
}
