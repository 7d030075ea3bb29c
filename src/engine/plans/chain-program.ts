// The chain plan's tensor program for the expected gradient: two chains of one-row products per lag.
// Imports TF.js and ../gradients/run-channels (the runs-as-channels layout: one channel per run).
//
// With the input-augmented matrix W̃ = [[W, B], [0, 0]] ((n+i)×(n+i), the chain plan's stored weights) and rows
// of length n + i:
//   forward  (s = 0..T−1):  [Q_{s+1} | Y_s] = [Q_s | ·] W̃,            Q_0 = A,  Q_s = A W^s,  Y_s = A W^s B
//   backward (u = T−1..0):  [Ĉ_u | 0]      = ([Ĉ_{u+1} | 0] + [0 | Ẽ_u]) W̃ᵀ,   Ẽ_u = ω_u (Y_u − E*_u)
// (W̃ᵀ's last i columns are zero, so the slots that the error's input part fills are free.) Ĉ_u is THEORY 2.2's
// C_{T−u}. The backward inputs R_u = [Ĉ_{u+1} | Ẽ_u] are exactly the statistics lag u pairs with credit_u, so
//   [[ΔW, ΔB], [·, ·]] = Σ_s credit_sᵀ R_s   (one product over the stacked lags),   ΔA = Ĉ_0.
// O(T·(n+i)²·o) per run; 7 kernels per lag.
import * as tf from '@tensorflow/tfjs-core';
import { productRows, rowsToChannels } from '../gradients/run-channels';

/** The chain plan's weights: W̃ in the filter layout [1, n+i, C, n+i], and A as lag rows [o, C, n]. */
export interface ChainWeights {
  Wt: tf.Tensor4D;
  A: tf.Tensor3D;
}

/** The teacher's side and the lag weights, constant over training (runs-as-channels layouts). */
export interface ChainConstants {
  /** per lag u: [0 | ω_u E*_u] as channels [1, o, n+i, C] */
  target: tf.Tensor4D[];
  /** ω_u */
  omega: number[];
  /** [1, 1, n+i, 1]: 1 on the input slots (the last i) */
  inputSlots: tf.Tensor4D;
  /** lag rows [T·o, 1, n+i]: ½/ω_s on the input slots (½ Σ_s ω_s ‖E_s‖² from the stacked Ẽ_s) */
  lossWeight: tf.Tensor3D;
}

export function chainConstants(
  impulse: number[][][],
  omega: number[],
  runs: number,
  n: number,
): ChainConstants {
  const T = impulse.length;
  const o = impulse[0].length;
  const i = impulse[0][0].length;
  const width = n + i;
  const slots = new Float32Array(width).fill(1, n);
  const lossWeight = new Float32Array(T * o * width);
  for (let s = 0; s < T; s++)
    for (let a = 0; a < o; a++)
      lossWeight.fill(0.5 / omega[s], (s * o + a) * width + n, (s * o + a + 1) * width);
  return {
    target: impulse.map((e, u) => {
      const flat = new Float32Array(o * width * runs);
      for (let a = 0; a < o; a++)
        for (let k = 0; k < i; k++)
          flat.fill(omega[u] * e[a][k], (a * width + n + k) * runs, (a * width + n + k + 1) * runs);
      return tf.tensor4d(flat, [1, o, width, runs]);
    }),
    omega,
    inputSlots: tf.tensor4d(slots, [1, 1, width, 1]),
    lossWeight: tf.tensor3d(lossWeight, [T * o, 1, width]),
  };
}

export function disposeChainConstants(c: ChainConstants): void {
  tf.dispose([...c.target, c.inputSlots, c.lossWeight]);
}

export interface ChainStatistics {
  /** lag rows [T·o, C, n+i]: [Q_s | Y_{s−1}], the true chain (BPTT's credit; the last i columns are dropped) */
  chain: tf.Tensor3D;
  /** lag rows [T·o, C, n+i]: R_s = [Ĉ_{s+1} | Ẽ_s] */
  R: tf.Tensor3D;
  /** lag rows [o, C, n]: Ĉ_0 = ΔA, in A's layout */
  dA: tf.Tensor3D;
  /** [C]: ½ Σ_s ω_s ‖E_s‖² */
  loss(): tf.Tensor;
}

/** Call inside tf.tidy. */
export function chainStatistics(w: ChainWeights, c: ChainConstants): ChainStatistics {
  const T = c.omega.length;
  const [o, C, n] = w.A.shape;
  const width = w.Wt.shape[1];
  // forward: the rows [Q_s | ·] as channels, seeded with [A | 0]
  let rows: tf.Tensor3D = tf.pad(w.A, [
    [0, 0],
    [0, 0],
    [0, width - n],
  ]);
  const chainRows: tf.Tensor3D[] = [rows];
  const chainChannels: tf.Tensor4D[] = [];
  for (let s = 0; s < T; s++) {
    const channels = rowsToChannels(rows);
    if (s > 0) chainChannels.push(channels);
    rows = productRows(channels, w.Wt); // [Q_{s+1} | Y_s]
    if (s + 1 < T) chainRows.push(rows);
  }
  chainChannels.push(rowsToChannels(rows)); // [Q_T | Y_{T−1}]: chainChannels[u] holds Y_u
  // backward, with W̃ᵀ as the filter
  const back = tf.transpose(w.Wt, [0, 3, 2, 1]) as tf.Tensor4D;
  const inputs: tf.Tensor4D[] = new Array(T);
  let carry: tf.Tensor4D | null = null; // [Ĉ_{u+1} | 0] as channels
  for (let u = T - 1; u >= 0; u--) {
    let err = tf.mul(chainChannels[u], c.inputSlots); // [0 | Y_u]
    if (c.omega[u] !== 1) err = tf.mul(err, c.omega[u]);
    const R = tf.sub(err, c.target[u]) as tf.Tensor4D; // [0 | Ẽ_u]
    inputs[u] = carry ? (tf.add(carry, R) as tf.Tensor4D) : R;
    const out = productRows(inputs[u], back); // [Ĉ_u | 0]
    if (u > 0) carry = rowsToChannels(out);
    else return finish(out);
  }
  throw new Error('T must be at least 1');

  function finish(first: tf.Tensor3D): ChainStatistics {
    const stacked = tf.concat(inputs, 1); // [1, T·o, n+i, C]
    const R = tf.transpose(tf.reshape(stacked, [T * o, width, C]), [0, 2, 1]) as tf.Tensor3D;
    return {
      chain: (T === 1 ? chainRows[0] : tf.concat(chainRows, 0)) as tf.Tensor3D,
      R,
      dA: tf.slice(first, [0, 0, 0], [o, C, n]),
      loss: () => tf.sum(tf.mul(tf.square(R), c.lossWeight), [0, 2]),
    };
  }
}

/** A credit in lag rows [T·o, C, k] as the contraction's input (channels [1, k, T·o, C]). Call inside tf.tidy. */
export function creditInput(credit: tf.Tensor3D): tf.Tensor4D {
  const [K, C, k] = credit.shape;
  return tf.reshape(tf.transpose(credit, [2, 0, 1]), [1, k, K, C]) as tf.Tensor4D;
}

/** Σ_s credit_sᵀ R_s for every run: [k, C, n+i] in W̃'s filter rows (k = the credit's width). Call in tf.tidy. */
export function contractLags(input: tf.Tensor4D, R: tf.Tensor3D): tf.Tensor3D {
  const [, k, K, C] = input.shape;
  const m = R.shape[2];
  return tf.reshape(tf.depthwiseConv2d(input, tf.reshape(R, [1, K, C, m]) as tf.Tensor4D, 1, 'valid'), [
    k,
    C,
    m,
  ]);
}
