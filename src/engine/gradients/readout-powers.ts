// Q_s = A W^s for s = 0..T−1, propagated as o×n row blocks: O(T·o·n²) per run instead of n×n powers.
// Imports TF.js only.
import * as tf from '@tensorflow/tfjs-core';
import { stackLags } from './stack-lags';
import type { BatchedWeights, ReadoutPowers } from './statistics';

/** Call inside tf.tidy. */
export function readoutPowers(w: BatchedWeights, T: number): ReadoutPowers {
  const Q: tf.Tensor3D[] = [w.A];
  for (let s = 1; s < T; s++) Q.push(tf.matMul(Q[s - 1], w.W));
  return { Q, Qcat: stackLags(Q) };
}
