// The per-run numbers a check or snapshot needs, computed on the backend and read back in one transfer.
// Imports TF.js and ./plan types. Call packEvaluation inside tf.tidy.
import * as tf from '@tensorflow/tfjs-core';
import type { PlanEvaluation } from './plan';

/**
 * [3, runs]: the loss, cos(ΔW, ΔW_BPTT) and a finiteness flag of the whole update (`total`, any sum of its
 * entries: it is non-finite exactly when one entry is). `sign` −1: `mine` is ΔW times a negative factor (−η).
 */
export function packEvaluation(
  loss: tf.Tensor,
  mine: tf.Tensor,
  truth: tf.Tensor,
  total: tf.Tensor,
  sign: 1 | -1 = 1,
): tf.Tensor {
  const product = tf.sum(tf.mul(mine, truth), [1, 2]);
  const dot = sign === 1 ? product : tf.neg(product);
  const norms = tf.sqrt(tf.mul(tf.sum(tf.square(mine), [1, 2]), tf.sum(tf.square(truth), [1, 2])));
  const cos = tf.where(tf.greater(norms, 0), tf.div(dot, tf.maximum(norms, 1e-30)), tf.zerosLike(dot));
  return tf.stack([loss, cos, tf.cast(tf.isFinite(total), 'float32')]);
}

export function unpackEvaluation(packed: tf.Tensor, runs: number): PlanEvaluation {
  const data = packed.dataSync() as Float32Array;
  packed.dispose();
  return {
    loss: data.slice(0, runs),
    cos: data.slice(runs, 2 * runs),
    updateFinite: Uint8Array.from(data.slice(2 * runs, 3 * runs)),
  };
}
