// The learning-rule interface: a rule is the "credit" it sends from the output error back s steps.
// Imports TF.js and engine types only.
import type * as tf from '@tensorflow/tfjs-core';
import type { RuleId } from '../params';

/**
 * Every rule of THEORY 2 has the form ΔW = Σ_{t=1}^{T} K_{T−t} E[ε_T h_{t−1}ᵀ], ΔB likewise with x, and the shared
 * readout update ΔA = E[ε_T h_Tᵀ]. A rule is therefore fully described by its credit matrices
 * credit_s = K_sᵀ (o×n) for lags s = 0..T−1; ./apply-update.ts combines them with the error statistics.
 */
export interface CreditContext {
  T: number;
  o: number;
  n: number;
  /** A W^s for s = 0..T−1 stacked along rows: [runs, T·o, n] (THEORY 2.2's Horner sum, transposed) */
  Qcat: tf.Tensor3D;
  A: tf.Tensor3D; // [runs, o, n]
  W: tf.Tensor3D; // [runs, n, n]
  /** RFLO's fixed feedback R repeated for every lag: [runs, T·o, n] */
  Rcat: tf.Tensor3D;
  /** ŵ, RFLO's eligibility-trace decay */
  what: number;
  /** tBPTT's truncation k */
  truncation: number;
}

export interface LearningRule {
  id: RuleId;
  /** short label for legends */
  label: string;
  /** the rule's ΔW in THEORY's notation, plain text */
  equation: string;
  /** credit_s for every run and lag, [runs, T·o, n]. Called inside tf.tidy. */
  credit(ctx: CreditContext): tf.Tensor3D;
}

/** Per-row lag index s for a [runs, T·o, ·] stack: s repeated o times, as a [1, T·o, 1] pattern. */
export function lagPattern(T: number, o: number, value: (s: number) => number): Float32Array {
  const out = new Float32Array(T * o);
  for (let s = 0; s < T; s++) for (let r = 0; r < o; r++) out[s * o + r] = value(s);
  return out;
}
