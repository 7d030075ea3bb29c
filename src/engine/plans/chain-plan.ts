// The chain plan: THEORY 2.2's expected updates with the lag sums as chains of one-row products per lag.
// Imports TF.js, ./chain-program, ./credit-mix, ./evaluation and engine types.
// It does the fewest floating-point operations (O(T·(n+i)·n·o) per run) but its kernel count grows with T, so it
// is the plan for large networks, where the arithmetic and not the per-kernel overhead sets the pace.
import * as tf from '@tensorflow/tfjs-core';

import * as k from '../kernels';
import type { Weights } from '../network';
import { RULES } from '../rules';
import {
  chainConstants,
  type ChainConstants,
  type ChainStatistics,
  chainStatistics,
  type ChainWeights,
  contractLags,
  disposeChainConstants,
} from './chain-program';
import { credit, type CreditMix, creditMix, disposeCreditMix } from './credit-mix';
import { packEvaluation, unpackEvaluation } from './evaluation';
import type { PlanCheckpoint, PlanEvaluation, PlanInputs, TrainingPlan, Updates } from './plan';

/** F = [W | B] in the filter layout [1, n, C, n+i] and A as rows [o, C, n], from plain weights. */
export function chainWeights(weights: Weights[], n: number, i: number): ChainWeights {
  const C = weights.length;
  const o = weights[0].A.length;
  const width = n + i;
  const F = new Float32Array(n * C * width);
  const A = new Float32Array(o * C * n);
  weights.forEach((w, c) => {
    for (let k = 0; k < n; k++) {
      for (let m = 0; m < n; m++) F[(k * C + c) * width + m] = w.W[k][m];
      for (let m = 0; m < i; m++) F[(k * C + c) * width + n + m] = w.B[k][m];
    }
    for (let a = 0; a < o; a++) for (let q = 0; q < n; q++) A[(a * C + c) * n + q] = w.A[a][q];
  });
  return { F: tf.tensor4d(F, [1, n, C, width]), A: tf.tensor3d(A, [o, C, n]) };
}

/** Every run's unscaled update at one set of weights: ΔA as rows [o, C, n], [ΔW | ΔB] in F's layout. */
export type ChainUpdate = { dA: tf.Tensor; dF: tf.Tensor };

/** The expected-gradient program of the chain plan, also the sampled plan's exact evaluation. */
export class ExpectedChain {
  readonly constants: ChainConstants;
  /** Δθ's credit (factor 1 for every run) */
  private readonly unscaled: CreditMix;
  /** [1, n, C, n+i]: picks W's diagonal out of F (full shape: broadcasting products are slow on wasm) */
  private readonly eye: tf.Tensor | null;

  constructor(readonly inputs: PlanInputs) {
    const { n, i } = inputs.params;
    this.constants = chainConstants(inputs.teacherImpulse, inputs.omega, n);
    this.unscaled = creditMix(inputs, n + i);
    const C = inputs.runs.length;
    this.eye = inputs.runs.some((r) => RULES[r.rule].credit.decay === 'diagW')
      ? tf.tidy(() => tf.tile(tf.reshape(tf.eye(n, n + i), [1, n, 1, n + i]), [1, 1, C, 1]))
      : null;
  }

  /** Statistics and every run's unscaled update. Call inside tf.tidy. */
  updates(w: ChainWeights): { stats: ChainStatistics; update: ChainUpdate } {
    const { n, i } = this.inputs.params;
    const stats = chainStatistics(w, this.constants);
    const diagonal = () => {
      const d = k.sum(k.mul(w.F, this.eye as tf.Tensor), [3]); // [1, n, C]: W's diagonal
      return k.pad(k.transpose(d, [0, 2, 1]), [
        [0, 0],
        [0, 0],
        [0, i],
      ]); // [1, C, n+i]
    };
    const K = credit(this.unscaled, stats.chain as tf.Tensor3D, () => stats.paddedA, diagonal);
    return { stats, update: { dA: stats.dA, dF: contractLags(K, stats.R, n) } };
  }

  /** Loss, agreement with BPTT and finiteness at the current weights, with the update they came with. In tf.tidy. */
  evaluation(w: ChainWeights): { packed: tf.Tensor; update: ChainUpdate } {
    const { n } = this.inputs.params;
    const { stats, update } = this.updates(w);
    const truth = contractLags(stats.chain, stats.R, n); // the chain itself is BPTT's credit
    const C = w.A.shape[1] as number;
    const W = (x: tf.Tensor) =>
      tf.transpose(tf.reshape(tf.slice(x, [0, 0, 0, 0], [1, n, C, n]), [n, C, n]), [1, 0, 2]);
    const total = tf.add(tf.sum(update.dA, [0, 2]), tf.sum(update.dF, [0, 1, 3]));
    return { packed: packEvaluation(stats.loss(), W(update.dF), W(truth), total), update };
  }

  dispose(): void {
    disposeChainConstants(this.constants);
    disposeCreditMix(this.unscaled);
    this.eye?.dispose();
  }
}

export class ChainPlan implements TrainingPlan {
  readonly name = 'chain';
  private w: ChainWeights;
  private readonly C: number;
  private readonly program: ExpectedChain;
  /** per run its own −η, or 0 once stopped, as [1, 1, C, 1] (for F) and [1, C, 1] (for A) */
  private rateF!: tf.Tensor;
  private rateA!: tf.Tensor;
  private readonly active: boolean[];
  /**
   * The update at the current weights, when an evaluation computed it: the next step reuses it, so a check costs
   * only its extra contraction and read-back. (Steps always apply an unscaled update times the rate, so a reused
   * update gives bit-identical weights.)
   */
  private pending: ChainUpdate | null = null;

  constructor(private readonly inputs: PlanInputs) {
    const { params: p, runs, initial } = inputs;
    this.C = runs.length;
    this.w = chainWeights(initial, p.n, p.i);
    this.program = new ExpectedChain(inputs);
    this.active = runs.map(() => true);
    this.setRates();
  }

  /** The rates in the full shapes of F and A: wasm's broadcasting products are ~4× slower than same-shape ones. */
  private setRates(): void {
    const { n, i, o } = this.inputs.params;
    const rates = this.active.map((on, r) => (on ? -this.inputs.runParams[r].lr : 0));
    this.rateF = tf.tidy(() => tf.tile(tf.tensor4d(rates, [1, 1, this.C, 1]), [1, n, 1, n + i]));
    this.rateA = tf.tidy(() => tf.tile(tf.tensor3d(rates, [1, this.C, 1]), [o, 1, n]));
  }

  private dropPending(): void {
    if (this.pending) tf.dispose([this.pending.dA, this.pending.dF]);
    this.pending = null;
  }

  advance(count: number): void {
    for (let j = 0; j < count; j++) {
      const pending = this.pending;
      this.pending = null;
      const next = tf.tidy(() => {
        const u = pending ?? this.program.updates(this.w).update;
        return {
          F: k.add(this.w.F, k.mul(u.dF, this.rateF)),
          A: k.add(this.w.A, k.mul(u.dA, this.rateA)),
        };
      });
      if (pending) tf.dispose([pending.dA, pending.dF]);
      this.replace(next);
    }
  }

  private replace(next: ChainWeights): void {
    tf.dispose([this.w.F, this.w.A]);
    this.w = next;
  }

  evaluate(): PlanEvaluation {
    this.dropPending();
    const [packed, dA, dF] = tf.tidy(() => {
      const { packed: p, update } = this.program.evaluation(this.w);
      return [p, update.dA, update.dF];
    });
    this.pending = { dA, dF };
    return unpackEvaluation(packed, this.C);
  }

  updates(): Updates[] {
    const { n, i, o } = this.inputs.params;
    const { dA, dF } = this.pending ?? tf.tidy(() => this.program.updates(this.w).update);
    const A = readRows(dA.dataSync(), o, this.C, n);
    const WB = readRows(dF.dataSync(), n, this.C, n + i);
    if (!this.pending) tf.dispose([dA, dF]);
    return A.map((_, r) => ({
      dA: A[r],
      dW: WB[r].map((row) => row.slice(0, n)),
      dB: WB[r].map((row) => row.slice(n)),
    }));
  }

  weights(): Weights[] {
    const { n, i, o } = this.inputs.params;
    const A = readRows(this.w.A.dataSync(), o, this.C, n);
    const WB = readRows(this.w.F.dataSync(), n, this.C, n + i);
    return A.map((_, r) => ({
      A: A[r],
      W: WB[r].map((row) => row.slice(0, n)),
      B: WB[r].map((row) => row.slice(n)),
    }));
  }

  checkpoint(): PlanCheckpoint {
    return { tensors: [this.w.F.clone(), this.w.A.clone()], rng: null };
  }

  restore(cp: PlanCheckpoint): void {
    const [F, A] = cp.tensors;
    this.dropPending();
    this.replace({ F: F.clone(), A: A.clone() });
  }

  release(cp: PlanCheckpoint): void {
    tf.dispose(cp.tensors);
  }

  freeze(run: number): void {
    this.active[run] = false;
    this.dropPending();
    tf.dispose([this.rateF, this.rateA]);
    this.setRates();
    const next = tf.tidy(() => {
      const keep = this.active.map((_, r) => (r === run ? 0 : 1));
      return {
        F: tf.mul(this.w.F, tf.tensor4d(keep, [1, 1, this.C, 1])),
        A: tf.mul(this.w.A, tf.tensor3d(keep, [1, this.C, 1])),
      };
    });
    this.replace(next);
  }

  dispose(): void {
    this.dropPending();
    tf.dispose([this.w.F, this.w.A, this.rateF, this.rateA]);
    this.program.dispose();
  }
}

/** [rows, C, cols] data (runs in the middle) → one rows×cols matrix per run. */
function readRows(data: ArrayLike<number>, rows: number, runs: number, cols: number): number[][][] {
  // plain loops: Array.from with a map callback is ~10× slower here and this runs at every snapshot
  const out: number[][][] = [];
  for (let c = 0; c < runs; c++) {
    const run: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const row = new Array<number>(cols);
      const base = (r * runs + c) * cols;
      for (let k = 0; k < cols; k++) row[k] = data[base + k];
      run.push(row);
    }
    out.push(run);
  }
  return out;
}
