// The credit-assignment microscope's data: ONE trial (one white-noise sequence, final-step loss) of one network,
// stepped through t = 1..T, with every rule's learning signal and its contribution to ΔW_ij from each time step
// (THEORY 2.1). Computed by the sampled form's own code (gradients/sampled.ts's forward pass and statistics,
// sampled-plan's credit, apply-update's assembly) with every rule at the SAME weights, so the rules compare on one
// trial. Imports TF.js and engine modules (no DOM).
import * as tf from '@tensorflow/tfjs-core';
import { effectiveRank, numericalRank } from './analysis/rank';
import { stackMatrices, unstackMatrices } from './batch-layout';
import { assembleUpdates } from './gradients/apply-update';
import { MinibatchSource } from './gradients/minibatch';
import { forwardStates, outputError, sampledStatistics } from './gradients/sampled';
import { type Matrix, singularValues } from './linalg';
import type { Weights } from './network';
import { type EngineParams, RULE_IDS, type RuleId } from './params';
import { creditMix, disposeCreditMix } from './plans/credit-mix';
import { sampledCredit } from './plans/sampled-plan';
import { streamSeed } from './rng';

/** The rules the microscope compares, always all four (the network is one run's; the credits are each rule's). */
export const MICROSCOPE_RULES: readonly RuleId[] = RULE_IDS;

export interface TrialInputs {
  params: Pick<EngineParams, 'T' | 'n' | 'i' | 'o' | 'truncation' | 'what' | 'rankTol'>;
  /** the network stepped through (one run's current weights) */
  network: Weights;
  /** RFLO's feedback for the network's seed */
  R: Matrix;
  /** the teacher's impulse responses A* W*^j B*, j = 0..T−1 */
  teacherImpulse: Matrix[];
  /** the run's seed and the trial number choose the trial's inputs (their own stream, not training's) */
  runSeed: number;
  trial: number;
  /** the synapse W_ij whose contributions are returned: [i, j] (row, column), 0-based */
  synapse: [number, number];
}

export interface RuleTrial {
  rule: RuleId;
  /**
   * credit_{T−t}ᵀ ε for t = 1..T (index t − 1, n each): the learning signal each rule delivers to the hidden
   * state at step t. BPTT: δ_t = (Wᵀ)^{T−t} Aᵀ ε; tBPTT: the same inside its last k steps, 0 before; RFLO:
   * ŵ^{T−t} Rᵀ ε (Rᵀ ε at T, carried back by the eligibility trace); e-prop: diag(W)^{T−t} Aᵀ ε.
   */
  signal: number[][];
  /** time step t's contribution (its signal times h_{t−1}) to ΔW_ij of the chosen synapse, t = 1..T */
  contributions: number[];
  /** the rule's ΔW and ΔB for this trial (the engine's assembled update; Σ_t contributions = ΔW_ij) */
  dW: Matrix;
  dB: Matrix;
  /** numerical rank of ΔW (σ > rankTol · σ₁) and effective rank (Σσ)²/Σσ² */
  rankW: number;
  effRankW: number;
}

export interface TrialTrace {
  T: number;
  trial: number;
  synapse: [number, number];
  /** x_t for t = 0..T−1 (i each): h_t is driven by x_{t−1} */
  x: number[][];
  /** h_t for t = 0..T (n each; h_0 = 0) */
  h: number[][];
  /** RFLO's eligibility traces e^W_t = ŵ e^W_{t−1} + h_{t−1} (n) and e^B_t = ŵ e^B_{t−1} + x_{t−1} (i), t = 0..T */
  traceW: number[][];
  traceB: number[][];
  /** at T: the output y_T = A h_T, the teacher's y*_T and the error ε = y_T − y*_T (o each) */
  y: number[];
  yStar: number[];
  eps: number[];
  /** the trial's loss ½‖ε‖² */
  loss: number;
  /** the network's recurrent weights (the synapse picker) */
  W: Matrix;
  rules: RuleTrial[];
}

const rowsOf = (data: ArrayLike<number>, count: number, width: number, stride = width, offset = 0) =>
  Array.from({ length: count }, (_, k) =>
    Array.from({ length: width }, (_, c) => data[offset + k * stride + c]),
  );

/** Steps one trial through the network and every rule's credit (THEORY 2.1, final-step loss, batch of one). */
export function traceTrial(input: TrialInputs): TrialTrace {
  const { params: p, network, R, synapse } = input;
  const { T, n, i, o } = p;
  const [si, sj] = synapse;
  if (!(Number.isInteger(si) && Number.isInteger(sj) && si >= 0 && sj >= 0 && si < n && sj < n))
    throw new Error(
      `synapse (${si}, ${sj}) is not in W: both indices must be whole numbers from 0 to ${n - 1}`,
    );
  if (!(Number.isInteger(input.trial) && input.trial >= 0))
    throw new Error(`trial ${input.trial} is not a whole number ≥ 0`);
  const rules = MICROSCOPE_RULES;
  const C = rules.length;
  // one "run" per rule, all with the same weights and the same trial (a paired comparison inside one trial)
  const runs = rules.map((rule) => ({ rule, seed: input.runSeed, seedIndex: 0 }));
  const all = { ...(p as EngineParams), rules: [...rules] };
  const mix = creditMix(
    {
      params: all,
      runParams: rules.map(() => all),
      runs,
      initial: rules.map(() => network),
      feedback: rules.map(() => R),
      teacherImpulse: rules.map(() => input.teacherImpulse),
      omega: [],
    },
    n,
  );
  // every rule's "run" draws from the same stream (one seed, deduplicated), so all see the same trial
  const trialSeed = streamSeed(input.runSeed, `microscope trial ${input.trial}`);
  const source = new MinibatchSource(
    rules.map(() => trialSeed),
    rules.map(() => input.teacherImpulse),
    1,
    i,
    'final',
  );
  const out = tf.tidy(() => {
    const w = {
      A: stackMatrices(rules.map(() => network.A)),
      W: stackMatrices(rules.map(() => network.W)),
      B: stackMatrices(rules.map(() => network.B)),
    };
    const batch = source.next();
    const h = forwardStates(w, batch.x); // rows [1, C, n]
    const yStar = batch.yStar[T - 1] as tf.Tensor3D; // [1, C, o]
    const eps = outputError(w, h[T], yStar); // [1, C, o]
    const stats = sampledStatistics(w, batch, 'final');
    const K = sampledCredit(mix, w, T); // lag rows [T·o, C, n]: row s·o + a holds credit_s[a, ·]
    const update = assembleUpdates(K, stats);
    const K4 = tf.reshape(K, [T, o, C, n]);
    // credit_sᵀ ε per lag s: Σ_a credit_s[a, q] ε_a
    const signal = tf.sum(tf.mul(K4, tf.reshape(tf.transpose(eps, [2, 1, 0]), [1, o, C, 1])), 1); // [T, C, n]
    // lag s's share of ΔW_ij = Σ_a credit_s[a, i] Zw_s[a, j]: the per-lag terms of assembleUpdates' one contraction
    const Zw4 = tf.reshape(stats.Zw, [T, o, C, n]);
    const pick = (t: tf.Tensor, col: number) => tf.squeeze(tf.slice(t, [0, 0, 0, col], [T, o, C, 1]), [3]);
    const contributions = tf.sum(tf.mul(pick(K4, si), pick(Zw4, sj)), 1); // [T, C]
    return {
      // every run holds the same trial: read run 0's inputs, states and error
      x: tf.stack(batch.x.map((x) => tf.reshape(tf.slice(x, [0, 0, 0, 0], [1, 1, i, 1]), [i]))), // [T, i]
      h: tf.stack(h.map((ht) => tf.reshape(tf.slice(ht, [0, 0, 0], [1, 1, n]), [n]))), // [T+1, n]
      yStar: tf.reshape(tf.slice(yStar, [0, 0, 0], [1, 1, o]), [o]),
      eps: tf.reshape(tf.slice(eps, [0, 0, 0], [1, 1, o]), [o]),
      signal,
      contributions,
      dW: update.dW,
      dB: update.dB,
    };
  });
  // read back once, outside the tidy
  const data = Object.fromEntries(Object.entries(out).map(([k, t]) => [k, t.dataSync()])) as Record<
    keyof typeof out,
    Float32Array | Int32Array | Uint8Array
  >;
  tf.dispose(Object.values(out));
  disposeCreditMix(mix);

  const x = rowsOf(data.x, T, i);
  const h = rowsOf(data.h, T + 1, n);
  const traceW: number[][] = [new Array<number>(n).fill(0)];
  const traceB: number[][] = [new Array<number>(i).fill(0)];
  for (let t = 1; t <= T; t++) {
    traceW.push(traceW[t - 1].map((e, k) => p.what * e + h[t - 1][k]));
    traceB.push(traceB[t - 1].map((e, k) => p.what * e + x[t - 1][k]));
  }
  const eps = Array.from(data.eps);
  const yStar = Array.from(data.yStar);
  const dWs = unstackMatrices(data.dW, C, n, n);
  const dBs = unstackMatrices(data.dB, C, n, i);
  return {
    T,
    trial: input.trial,
    synapse,
    x,
    h,
    traceW,
    traceB,
    y: eps.map((e, a) => e + yStar[a]),
    yStar,
    eps,
    loss: 0.5 * eps.reduce((acc, e) => acc + e * e, 0),
    W: network.W.map((row) => [...row]),
    rules: rules.map((rule, r) => {
      const sigma = singularValues(dWs[r]);
      return {
        rule,
        // lag s = T − t: reorder to t = 1..T
        signal: Array.from(
          { length: T },
          (_, k) => rowsOf(data.signal, 1, n, n, ((T - 1 - k) * C + r) * n)[0],
        ),
        contributions: Array.from({ length: T }, (_, k) => data.contributions[(T - 1 - k) * C + r]),
        dW: dWs[r],
        dB: dBs[r],
        rankW: numericalRank(sigma, p.rankTol),
        effRankW: effectiveRank(sigma),
      };
    }),
  };
}
