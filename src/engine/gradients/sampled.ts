// Sampled (online) statistics from a minibatch of white-noise sequences (THEORY 2.1), all runs at once.
// Imports TF.js and engine types only; the inputs and the teacher's outputs are made by ./minibatch.
import * as tf from '@tensorflow/tfjs-core';
import { stackLags } from './stack-lags';
import type { BatchedWeights, ErrorStatistics } from './statistics';

/** One minibatch, already laid out per run (runs of the same seed share identical samples). */
export interface SampledBatch {
  /** x_t for t = 0..T−1, each [runs, batch, i] (samples as rows) */
  x: tf.Tensor3D[];
  /** the teacher's outputs y*_τ for τ = 1..T (index τ−1), each [runs, batch, o]; only τ = T for the final loss */
  yStar: (tf.Tensor3D | null)[];
}

function rowsToColumns(t: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(t, [0, 2, 1]);
}

/** [runs, o, T·k] with lag blocks along columns → [runs, T·o, k] with lag blocks along rows. */
function lagBlocksToRows(t: tf.Tensor3D, T: number, o: number, k: number): tf.Tensor3D {
  const runs = t.shape[0];
  if (o === 1) return tf.reshape(t, [runs, T, k]);
  return tf.reshape(tf.transpose(tf.reshape(t, [runs, o, T, k]), [0, 2, 1, 3]), [runs, T * o, k]);
}

/**
 * Forward pass h_t = W h_{t−1} + B x_{t−1} (h_0 = 0), errors ε_τ = A h_τ − y*_τ, and the minibatch means
 * Zw_s = mean_b ε_T h_{T−1−s}ᵀ, Zb_s = mean_b ε_T x_{T−1−s}ᵀ, ΔA = mean_b ε_T h_Tᵀ (final loss); for the
 * sequence loss the same averaged over horizons τ = 1..T. Call inside tf.tidy.
 */
export function sampledStatistics(
  w: BatchedWeights,
  batch: SampledBatch,
  loss: 'final' | 'sequence',
): ErrorStatistics {
  const T = batch.x.length;
  const [runs, size] = batch.x[0].shape;
  const o = w.A.shape[1];
  const n = w.W.shape[1];
  const i = w.B.shape[2];
  const WT = rowsToColumns(w.W);
  const BT = rowsToColumns(w.B);
  const AT = rowsToColumns(w.A);
  // h[t]: [runs, batch, n], samples as rows
  const h: tf.Tensor3D[] = [tf.zeros([runs, size, n])];
  for (let t = 1; t <= T; t++) h.push(tf.add(tf.matMul(h[t - 1], WT), tf.matMul(batch.x[t - 1], BT)));
  const horizons = loss === 'final' ? [T] : Array.from({ length: T }, (_, k) => k + 1);
  // εᵀ per horizon, [runs, o, batch]
  const epsT = new Map<number, tf.Tensor3D>();
  let lossSum: tf.Tensor1D | null = null;
  for (const tau of horizons) {
    const eps = tf.sub(tf.matMul(h[tau], AT), batch.yStar[tau - 1] as tf.Tensor3D) as tf.Tensor3D;
    epsT.set(tau, rowsToColumns(eps));
    const l = tf.sum(tf.square(eps), [1, 2]) as tf.Tensor1D;
    lossSum = lossSum ? (tf.add(lossSum, l) as tf.Tensor1D) : l;
  }
  const norm = 1 / (size * horizons.length);
  const lossMean = tf.mul(lossSum as tf.Tensor1D, 0.5 * norm) as tf.Tensor1D;

  if (loss === 'final') {
    const e = epsT.get(T) as tf.Tensor3D;
    // lag blocks along columns: block s holds h_{T−1−s} (resp. x_{T−1−s})
    const hLag = tf.concat(
      Array.from({ length: T }, (_, s) => h[T - 1 - s]),
      2,
    );
    const xLag = tf.concat(
      Array.from({ length: T }, (_, s) => batch.x[T - 1 - s]),
      2,
    );
    return {
      Zw: lagBlocksToRows(tf.mul(tf.matMul(e, hLag), norm), T, o, n),
      Zb: lagBlocksToRows(tf.mul(tf.matMul(e, xLag), norm), T, o, i),
      dA: tf.mul(tf.matMul(e, h[T]), norm),
      loss: lossMean,
    };
  }
  // Sequence loss: Zw_s = mean over τ > s and samples of ε_τ h_{τ−1−s}ᵀ. Stack horizons along the sample axis
  // and pair them with the states shifted by s (zero where τ−1−s < 0).
  const eAll = tf.concat(
    horizons.map((tau) => epsT.get(tau) as tf.Tensor3D),
    2,
  ); // [runs, o, T·batch]
  const zeroH = tf.zeros([runs, size, n]);
  const zeroX = tf.zeros([runs, size, i]);
  const Zw: tf.Tensor3D[] = [];
  const Zb: tf.Tensor3D[] = [];
  for (let s = 0; s < T; s++) {
    const hShift = tf.concat(
      horizons.map((tau) => (tau - 1 - s >= 0 ? h[tau - 1 - s] : zeroH)),
      1,
    );
    const xShift = tf.concat(
      horizons.map((tau) => (tau - 1 - s >= 0 ? batch.x[tau - 1 - s] : zeroX)),
      1,
    );
    Zw.push(tf.mul(tf.matMul(eAll, hShift), norm));
    Zb.push(tf.mul(tf.matMul(eAll, xShift), norm));
  }
  const hNow = tf.concat(
    horizons.map((tau) => h[tau]),
    1,
  );
  return {
    Zw: stackLags(Zw),
    Zb: stackLags(Zb),
    dA: tf.mul(tf.matMul(eAll, hNow), norm),
    loss: lossMean,
  };
}
