// e-prop with symmetric feedback and diagonal decay: our reading of Bellec et al. for linear units (THEORY 2).
// Imports TF.js and engine types only.
//   ΔW = Σ_{t=1}^{T} diag(W)^{T−t} Aᵀ E[ε_T h_{t−1}ᵀ],   ΔB = same with x_{t−1}
// It keeps BPTT's readout Aᵀ but replaces the Jacobian chain (Wᵀ)^{T−t} by its diagonal, unit by unit.
import * as tf from '@tensorflow/tfjs-core';
import { stackLags } from '../gradients/stack-lags';
import type { LearningRule } from './learning-rule';

export const eprop: LearningRule = {
  id: 'eprop',
  label: 'e-prop',
  equation: 'ΔW = Σₜ diag(W)^{T−t} Aᵀ E[ε_T h_{t−1}ᵀ]',
  credit: (ctx) => {
    const { T, n } = ctx;
    const diagW = tf.sum(tf.mul(ctx.W, tf.reshape(tf.eye(n), [1, n, n])), 1, true); // [runs, 1, n]
    // credit_s = A diag(W)^s: column j of A scaled by W_jj^s (repeated products: tf.pow is slow on wasm)
    const credit: tf.Tensor[] = [ctx.A];
    for (let s = 1; s < T; s++) credit.push(tf.mul(credit[s - 1], diagW));
    return stackLags(credit as tf.Tensor3D[]);
  },
};
