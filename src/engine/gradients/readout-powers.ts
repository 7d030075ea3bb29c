// Q_s = A W^s for s = 0..T−1, propagated as o×n row blocks: O(T·o·n²) per run instead of n×n powers.
// Imports TF.js and ./run-channels only.
import * as tf from '@tensorflow/tfjs-core';
import { productRows, rowsToChannels, toChannels, toFilter } from './run-channels';
import type { BatchedWeights, ReadoutPowers } from './statistics';

/** Call inside tf.tidy. */
export function readoutPowers(w: BatchedWeights, T: number): ReadoutPowers {
  const filterW = toFilter(w.W);
  const channels: tf.Tensor4D[] = [toChannels(w.A)];
  const rows: tf.Tensor3D[] = [tf.transpose(w.A, [1, 0, 2])];
  for (let s = 1; s < T; s++) {
    rows.push(productRows(channels[s - 1], filterW));
    channels.push(rowsToChannels(rows[s]));
  }
  return { channels, rows: rows.length === 1 ? rows[0] : (tf.concat(rows, 0) as tf.Tensor3D) };
}
