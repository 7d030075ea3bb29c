// The chain plan's tensor program for the expected gradient: two chains of one-row products per lag.
// Imports TF.js and ../kernels (the engine's direct kernel calls).
//
// With W̃ = [[W, B], [0, 0]] ((n+i)×(n+i)) and rows of length n + i:
//   forward  (s = 0..T−1):  [Q_{s+1} | Y_s] = Q_s [W | B],                       Q_0 = A,  Q_s = A W^s,  Y_s = A W^s B
//   backward (u = T−1..0):  Ĉ_u = [Ĉ_{u+1} | Ẽ_u] [W | B]ᵀ = Ĉ_{u+1} Wᵀ + Ẽ_u Bᵀ,   Ẽ_u = ω_u (Y_u − E*_u),  Ĉ_T = 0
// Ĉ_u is THEORY 2.2's C_{T−u}. The backward inputs R_u = [Ĉ_{u+1} | Ẽ_u] are exactly the statistics lag u pairs
// with credit_u, so [ΔW | ΔB] = Σ_s credit_sᵀ R_s (one contraction over the stacked lags) and ΔA = Ĉ_0.
//
// Layout ("runs as channels", C runs): a per-run row block X (o×k) lives as [1, o, k, C]; a per-run matrix M (k×m)
// as the depthwise filter [1, k, C, m]; one depthwiseConv2d gives X M for every run as rows [o, C, m], and a
// transpose turns rows back into channels. A batched matMul on wasm is a scalar loop; this is ~4× faster. The
// products are n×(n+i) and (n+i)×n, not (n+i)×(n+i): XNNPACK runs multiples of 8 fastest (n = 32: 44 µs against
// 55–68 µs per product), and the forward filter, n wide, reads only the first n entries of its (n+i)-wide input
// through a stride. Per lag: 3 kernels forward and 5 backward; O(T·(n+i)·n·o) per run.
import * as tf from '@tensorflow/tfjs-core';
import {
  concat,
  depthwise,
  mul,
  pad,
  reshape,
  slice,
  square,
  sub,
  sum,
  transpose,
  unstack,
} from '../kernels';

/** The chain plan's weights: F = [W | B] in the filter layout [1, n, C, n+i], and A as rows [o, C, n]. */
export type ChainWeights = { F: tf.Tensor; A: tf.Tensor };

/** The teacher's side and the lag weights, constant over training. */
export interface ChainConstants {
  /** [1, T·o, i, C]: ω_u E*_u for every run */
  target: tf.Tensor;
  /** [1, T·o, 1, 1]: ω_u, or null when every ω_u is 1 */
  omega: tf.Tensor | null;
  /** [1, T·o, 1, 1]: ½/ω_u (½ Σ_u ω_u ‖E_u‖² from Ẽ) */
  lossWeight: tf.Tensor;
  /** [1, o, n, C] zeros: Ĉ_T */
  zeroCarry: tf.Tensor;
}

/** @param impulse per run, its teacher's E*_u (runs with one teacher may share the array) */
export function chainConstants(impulse: number[][][][], omega: number[], n: number): ChainConstants {
  const tensor = (values: Float32Array, shape: number[]) => tf.tensor(values, shape);
  const runs = impulse.length;
  const T = impulse[0].length;
  const o = impulse[0][0].length;
  const i = impulse[0][0][0].length;
  const target = new Float32Array(T * o * i * runs);
  for (let u = 0; u < T; u++)
    for (let a = 0; a < o; a++)
      for (let q = 0; q < i; q++) {
        const at = ((u * o + a) * i + q) * runs;
        for (let r = 0; r < runs; r++) target[at + r] = omega[u] * impulse[r][u][a][q];
      }
  const perLag = (f: (w: number) => number) => {
    const v = new Float32Array(T * o);
    for (let u = 0; u < T; u++) v.fill(f(omega[u]), u * o, (u + 1) * o);
    return v;
  };
  return {
    target: tensor(target, [1, T * o, i, runs]),
    omega: omega.every((w) => w === 1)
      ? null
      : tensor(
          perLag((w) => w),
          [1, T * o, 1, 1],
        ),
    lossWeight: tensor(
      perLag((w) => 0.5 / w),
      [1, T * o, 1, 1],
    ),
    zeroCarry: tensor(new Float32Array(o * n * runs), [1, o, n, runs]),
  };
}

export function disposeChainConstants(c: ChainConstants): void {
  for (const t of [c.target, c.omega, c.lossWeight, c.zeroCarry]) t?.dispose();
}

export interface ChainStatistics {
  /** lag rows [T·o, C, n+i]: row s holds Q_s in its first n entries (the true chain; the rest is not credit) */
  chain: tf.Tensor;
  /** rows [o, C, n+i]: [A | 0] */
  paddedA: tf.Tensor;
  /** the contraction's filter [1, T·o, C, n+i]: R_s = [Ĉ_{s+1} | Ẽ_s] */
  R: tf.Tensor;
  /** rows [o, C, n]: Ĉ_0 = ΔA */
  dA: tf.Tensor;
  /** [C]: ½ Σ_s ω_s ‖E_s‖² */
  loss(): tf.Tensor;
}

/** Call inside tf.tidy. */
export function chainStatistics(w: ChainWeights, c: ChainConstants): ChainStatistics {
  const [, n, C, width] = w.F.shape as number[];
  const o = w.A.shape[0] as number;
  const i = width - n;
  const T = (c.target.shape[1] as number) / o;
  // rows live as [1, o, C, k] so that one transpose (no reshapes) turns them into channels [1, o, k, C]
  const toChannels = (rows: tf.Tensor) => transpose(rows, [0, 1, 3, 2]);
  // forward: rows [Q_{s+1} | Y_s]; the chain keeps [Q_s | ·] for s < T, the channels every [Q_{s+1} | Y_s]
  const paddedA = pad(w.A, [
    [0, 0],
    [0, 0],
    [0, i],
  ]);
  const chainRows: tf.Tensor[] = [reshape(paddedA, [1, o, C, width])];
  const forward: tf.Tensor[] = [];
  let channels = toChannels(reshape(w.A, [1, o, C, n]));
  for (let s = 0; s < T; s++) {
    const rows = reshape(depthwise(channels, w.F, width), [1, o, C, width]);
    if (s + 1 < T) chainRows.push(rows);
    channels = toChannels(rows);
    forward.push(channels);
  }
  // every lag's error at once: Ẽ_u = ω_u Y_u − ω_u E*_u, [1, T·o, i, C] (2-D slices and unstacks: wasm's 4-D
  // slice costs ~2.5× more)
  const stackedForward = reshape(forward.length === 1 ? forward[0] : concat(forward, 1), [T * o, width * C]);
  const Y = reshape(slice(stackedForward, [0, n * C], [T * o, i * C]), [1, T * o, i, C]);
  const errors = sub(c.omega ? mul(Y, c.omega) : Y, c.target);
  const lagErrors = T === 1 ? [errors] : unstack(reshape(errors, [T, 1, o, i, C]));
  // backward, with [W | B]ᵀ as the filter [1, n+i, C, n]
  const back = transpose(w.F, [0, 3, 2, 1]);
  const inputs: tf.Tensor[] = new Array(T);
  let carry = c.zeroCarry;
  let dA: tf.Tensor | null = null;
  for (let u = T - 1; u >= 0; u--) {
    inputs[u] = concat([carry, lagErrors[u]], 2); // [Ĉ_{u+1} | Ẽ_u]
    const rows = reshape(depthwise(inputs[u], back), [1, o, C, n]); // Ĉ_u
    if (u > 0) carry = toChannels(rows);
    else dA = reshape(rows, [o, C, n]);
  }
  const stacked = T === 1 ? inputs[0] : concat(inputs, 1); // [1, T·o, n+i, C]
  return {
    chain: reshape(T === 1 ? chainRows[0] : concat(chainRows, 1), [T * o, C, width]),
    paddedA,
    R: transpose(stacked, [0, 1, 3, 2]),
    dA: dA as tf.Tensor,
    loss: () => sum(mul(square(errors), c.lossWeight), [0, 1, 2]),
  };
}

/**
 * Σ_s credit_sᵀ R_s for every run from a credit in lag rows [T·o, C, n+i] (its first n entries are read): [ΔW | ΔB]
 * in F's layout [1, n, C, n+i]. Call inside tf.tidy.
 */
export function contractLags(credit: tf.Tensor, R: tf.Tensor, n: number): tf.Tensor {
  const [K, C, width] = credit.shape as number[];
  const input = reshape(slice(reshape(transpose(credit, [2, 0, 1]), [width, K * C]), [0, 0], [n, K * C]), [
    1,
    n,
    K,
    C,
  ]);
  return reshape(depthwise(input, R), [1, n, C, width]);
}
