// Assembles each run's (ΔA, ΔW, ΔB) from its rule's credit and the error statistics (THEORY 2, one shared form).
// Imports TF.js, the rule registry and engine types only.
import * as tf from '@tensorflow/tfjs-core';
import type { RuleId } from '../params';
import { type CreditContext, RULES } from '../rules';
import { batchedTransposeMatMul } from './batched-contraction';
import type { ErrorStatistics } from './statistics';

export interface Updates {
  dA: tf.Tensor3D;
  dW: tf.Tensor3D;
  dB: tf.Tensor3D;
}

/**
 * credit for every run: each run takes its own rule's credit. `selectors` maps each rule present to a
 * [runs, 1, 1] 0/1 mask; with a single rule no masking is needed. Call inside tf.tidy.
 */
export function combinedCredit(ctx: CreditContext, selectors: Map<RuleId, tf.Tensor3D>): tf.Tensor3D {
  const ids = [...selectors.keys()];
  if (ids.length === 1) return RULES[ids[0]].credit(ctx);
  let out: tf.Tensor3D | null = null;
  for (const id of ids) {
    const part = tf.mul(RULES[id].credit(ctx), selectors.get(id) as tf.Tensor3D) as tf.Tensor3D;
    out = out ? (tf.add(out, part) as tf.Tensor3D) : part;
  }
  return out as tf.Tensor3D;
}

/** ΔW = Σ_s credit_sᵀ Zw_s, ΔB = Σ_s credit_sᵀ Zb_s (one matmul each over the stacked lags), ΔA shared. */
export function assembleUpdates(credit: tf.Tensor3D, stats: ErrorStatistics): Updates {
  return {
    dA: stats.dA,
    dW: batchedTransposeMatMul(credit, stats.Zw),
    dB: batchedTransposeMatMul(credit, stats.Zb),
  };
}
