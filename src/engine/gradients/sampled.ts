// Sampled (online) statistics from a minibatch of white-noise sequences (THEORY 2.1), all runs at once, in the
// runs-as-channels layout (./run-channels.ts). Imports TF.js and engine types; inputs come from ./minibatch.
import * as tf from '@tensorflow/tfjs-core';
import { contractRows } from './batched-contraction';
import { productRows, rowsToChannels, toFilter } from './run-channels';
import { stackLags } from './stack-lags';
import type { BatchedWeights, ErrorStatistics } from './statistics';

/** One minibatch, already laid out per run (runs of the same seed share identical samples). */
export interface SampledBatch {
  /** x_t for t = 0..T−1 in channels layout [1, batch, i, runs] */
  x: tf.Tensor4D[];
  /** the teacher's outputs y*_τ for τ = 1..T (index τ−1) as rows [batch, runs, o]; only τ = T for the final loss */
  yStar: (tf.Tensor3D | null)[];
}

/** [runs, o, T·k] with lag blocks along columns → [runs, T·o, k] with lag blocks along rows. */
function lagBlocksToRows(t: tf.Tensor3D, T: number, k: number): tf.Tensor3D {
  const [runs, o] = t.shape;
  if (o === 1) return tf.reshape(t, [runs, T, k]);
  return tf.reshape(tf.transpose(tf.reshape(t, [runs, o, T, k]), [0, 2, 1, 3]), [runs, T * o, k]);
}

/** [runs, T·o, k] → lag rows [T·o, runs, k] */
const toLagRows = (t: tf.Tensor3D): tf.Tensor3D => tf.transpose(t, [1, 0, 2]);

/** channels [1, batch, k, runs] → rows [batch, runs, k] */
const channelsToRows = (x: tf.Tensor4D): tf.Tensor3D => {
  const [, size, k, runs] = x.shape;
  return tf.transpose(tf.reshape(x, [size, k, runs]), [0, 2, 1]);
};

/**
 * The forward pass h_t = W h_{t−1} + B x_{t−1} (h_0 = 0) of every sequence: h_t as rows [batch, runs, n] for
 * t = 0..T. Exported for the credit-assignment microscope (one trial). Call inside tf.tidy.
 */
export function forwardStates(w: BatchedWeights, x: tf.Tensor4D[]): tf.Tensor3D[] {
  const T = x.length;
  const [, size, , runs] = x[0].shape;
  const n = w.W.shape[1];
  const filterWT = toFilter(tf.transpose(w.W, [0, 2, 1]));
  const filterBT = toFilter(tf.transpose(w.B, [0, 2, 1]));
  const h: tf.Tensor3D[] = [tf.zeros([size, runs, n])];
  let hChannels = rowsToChannels(h[0]);
  for (let t = 1; t <= T; t++) {
    const input = productRows(x[t - 1], filterBT);
    h.push(t === 1 ? input : tf.add(productRows(hChannels, filterWT), input));
    hChannels = rowsToChannels(h[t]);
  }
  return h;
}

/** ε_τ = A h_τ − y*_τ as rows [batch, runs, o]. Call inside tf.tidy. */
export function outputError(w: BatchedWeights, hTau: tf.Tensor3D, yStar: tf.Tensor3D): tf.Tensor3D {
  return tf.sub(productRows(rowsToChannels(hTau), toFilter(tf.transpose(w.A, [0, 2, 1]))), yStar);
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
  const [, size, , runs] = batch.x[0].shape;
  const n = w.W.shape[1];
  const i = w.B.shape[2];
  const x = batch.x.map(channelsToRows); // rows [batch, runs, i]
  const h = forwardStates(w, batch.x); // rows [batch, runs, n]
  const horizons = loss === 'final' ? [T] : Array.from({ length: T }, (_, k) => k + 1);
  const eps = new Map<number, tf.Tensor3D>(); // rows [batch, runs, o]
  for (const tau of horizons) eps.set(tau, outputError(w, h[tau], batch.yStar[tau - 1] as tf.Tensor3D));
  const norm = 1 / (size * horizons.length);
  const lossSum = tf.addN(horizons.map((tau) => tf.sum(tf.square(eps.get(tau) as tf.Tensor3D), [0, 2])));
  const lossMean = tf.mul(lossSum, 0.5 * norm) as tf.Tensor1D;
  const mean = (t: tf.Tensor3D) => tf.mul(t, norm) as tf.Tensor3D;

  if (loss === 'final') {
    const e = eps.get(T) as tf.Tensor3D;
    // lag blocks along columns: block s holds h_{T−1−s} (resp. x_{T−1−s})
    const hLag = tf.concat(
      Array.from({ length: T }, (_, s) => h[T - 1 - s]),
      2,
    );
    const xLag = tf.concat(
      Array.from({ length: T }, (_, s) => x[T - 1 - s]),
      2,
    );
    return {
      Zw: toLagRows(lagBlocksToRows(mean(contractRows(e, hLag)), T, n)),
      Zb: toLagRows(lagBlocksToRows(mean(contractRows(e, xLag)), T, i)),
      dA: mean(contractRows(e, h[T])),
      loss: () => lossMean,
    };
  }
  // Sequence loss: Zw_s = mean over τ > s and samples of ε_τ h_{τ−1−s}ᵀ. Stack horizons along the sample axis
  // and pair them with the states shifted by s (zero where τ−1−s < 0).
  const eAll = tf.concat(
    horizons.map((tau) => eps.get(tau) as tf.Tensor3D),
    0,
  ); // [T·batch, runs, o]
  const zeroH = tf.zeros([size, runs, n]) as tf.Tensor3D;
  const zeroX = tf.zeros([size, runs, i]) as tf.Tensor3D;
  const shifted = (seq: tf.Tensor3D[], zero: tf.Tensor3D, s: number) =>
    tf.concat(
      horizons.map((tau) => (tau - 1 - s >= 0 ? seq[tau - 1 - s] : zero)),
      0,
    );
  const Zw = Array.from({ length: T }, (_, s) => mean(contractRows(eAll, shifted(h, zeroH, s))));
  const Zb = Array.from({ length: T }, (_, s) => mean(contractRows(eAll, shifted(x, zeroX, s))));
  const hNow = tf.concat(
    horizons.map((tau) => h[tau]),
    0,
  );
  return {
    Zw: toLagRows(stackLags(Zw)),
    Zb: toLagRows(stackLags(Zb)),
    dA: mean(contractRows(eAll, hNow)),
    loss: () => lossMean,
  };
}
