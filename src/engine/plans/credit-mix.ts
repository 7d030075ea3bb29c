// Every run's credit_s from its rule's description (../rules), in lag rows [T·o, C, k], for the chain plans.
// Imports TF.js, ../kernels, the rule registry and engine types.
import * as tf from '@tensorflow/tfjs-core';
import { add, concat, mul } from '../kernels';
import { constantLagWeight, RULES } from '../rules';
import type { PlanInputs } from './plan';

/** How each run combines the three credit sources (a rule uses exactly one). */
export interface CreditMix {
  /** [T·o, C, k]: the weight of the true chain A W^s (BPTT; tBPTT inside its window); 0 in columns past n. Every
   * weight has the credit's full shape: wasm's broadcasting products are ~4× slower than same-shape ones. */
  chain: tf.Tensor;
  /** [T·o, C, k]: the weight of the diagonal chain A diag(W)^s (e-prop); null when no run uses it */
  diagonal: tf.Tensor | null;
  /** [T·o, C, k]: the constant credit ŵ^s R (RFLO), 0 for other runs and in columns past n */
  constant: tf.Tensor;
}

/** @param width k: the credit's width (n, or n + i when it rides along with the impulse responses) */
export function creditMix(inputs: PlanInputs, width: number): CreditMix {
  const { params: p, runs, feedback, runParams } = inputs;
  const { T, o, n } = p;
  const C = runs.length;
  const chain = new Float32Array(T * o * C * width);
  const constant = new Float32Array(T * o * C * width);
  const diagonal = new Float32Array(T * o * C * width);
  runs.forEach((run, r) => {
    const rule = RULES[run.rule];
    const window = rule.lags(runParams[r]); // the run's own truncation
    for (let s = 0; s < T; s++)
      for (let a = 0; a < o; a++) {
        const at = ((s * o + a) * C + r) * width;
        if (rule.credit.decay === 'W' && s < window) chain.fill(1, at, at + n);
        if (rule.credit.decay === 'diagW') diagonal.fill(1, at, at + n);
        if (rule.credit.decay === 'what') {
          const weight = constantLagWeight(rule, runParams[r], s); // the run's own ŵ
          for (let q = 0; q < n; q++) constant[at + q] = weight * feedback[r][a][q];
        }
      }
  });
  return {
    chain: tf.tensor3d(chain, [T * o, C, width]),
    constant: tf.tensor3d(constant, [T * o, C, width]),
    diagonal: runs.some((run) => RULES[run.rule].credit.decay === 'diagW')
      ? tf.tensor3d(diagonal, [T * o, C, width])
      : null,
  };
}

export function disposeCreditMix(m: CreditMix): void {
  tf.dispose([m.chain, m.constant]);
  if (m.diagonal) m.diagonal.dispose();
}

/**
 * credit_s for every run, lag rows [T·o, C, k], from the true chain Q_s = A W^s in the same layout, A's rows
 * [o, C, k] and W's diagonal [1, C, k] (both zero past n; the last two only read for e-prop). Call inside tf.tidy.
 */
export function credit(
  mix: CreditMix,
  chain: tf.Tensor3D,
  A: () => tf.Tensor,
  diagW: () => tf.Tensor,
): tf.Tensor3D {
  let out = add(mul(chain, mix.chain), mix.constant);
  if (mix.diagonal) {
    // A diag(W)^s by repeated products, one lag block at a time (wasm's pow, tile and cumprod are slow: a broadcast
    // pow over 20 × 80 × 32 entries takes 12 ms, these 19 products 0.2 ms)
    const first = A();
    const T = mix.chain.shape[0] / first.shape[0];
    const d = diagW();
    const blocks: tf.Tensor[] = [first];
    for (let s = 1; s < T; s++) blocks.push(mul(blocks[s - 1], d));
    out = add(out, mul(blocks.length === 1 ? blocks[0] : concat(blocks, 0), mix.diagonal));
  }
  return out as tf.Tensor3D;
}
