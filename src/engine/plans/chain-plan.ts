// The chain plan: THEORY 2.2's expected updates with the lag sums as chains of one-row products per lag.
// Imports TF.js, ./chain-program, ./credit-mix, ./evaluation and engine types.
// It does the fewest floating-point operations (O(T·(n+i)²·o) per run) but its kernel count grows with T, so it
// is the plan for large networks, where the arithmetic and not the per-kernel overhead sets the pace.
import * as tf from '@tensorflow/tfjs-core';

import type { Weights } from '../network';
import {
  chainConstants,
  type ChainConstants,
  type ChainStatistics,
  chainStatistics,
  type ChainWeights,
  contractLags,
  creditInput,
  disposeChainConstants,
} from './chain-program';
import { credit, type CreditMix, creditMix, disposeCreditMix } from './credit-mix';
import { packEvaluation, unpackEvaluation } from './evaluation';
import type { PlanCheckpoint, PlanEvaluation, PlanInputs, TrainingPlan, Updates } from './plan';

/** W̃ = [[W, B], [0, 0]] in the filter layout [1, n+i, C, n+i] and A as lag rows [o, C, n], from plain weights. */
export function chainWeights(weights: Weights[], n: number, i: number): ChainWeights {
  const C = weights.length;
  const o = weights[0].A.length;
  const width = n + i;
  const Wt = new Float32Array(width * C * width);
  const A = new Float32Array(o * C * n);
  weights.forEach((w, c) => {
    for (let k = 0; k < n; k++) {
      for (let m = 0; m < n; m++) Wt[(k * C + c) * width + m] = w.W[k][m];
      for (let m = 0; m < i; m++) Wt[(k * C + c) * width + n + m] = w.B[k][m];
    }
    for (let a = 0; a < o; a++) for (let q = 0; q < n; q++) A[(a * C + c) * n + q] = w.A[a][q];
  });
  return { Wt: tf.tensor4d(Wt, [1, width, C, width]), A: tf.tensor3d(A, [o, C, n]) };
}

/** The expected-gradient program of the chain plan, also the sampled plan's exact evaluation. */
export class ExpectedChain {
  readonly constants: ChainConstants;
  /** Δθ's credit (factor 1) */
  readonly unscaled: CreditMix;
  private readonly eye: tf.Tensor;

  constructor(readonly inputs: PlanInputs) {
    const { n, i } = inputs.params;
    this.constants = chainConstants(inputs.teacherImpulse, inputs.omega, inputs.runs.length, n);
    this.unscaled = creditMix(inputs, n + i, () => 1);
    this.eye = tf.tidy(() => tf.reshape(tf.eye(n + i), [1, n + i, 1, n + i]));
  }

  /** Statistics and every run's [[ΔW, ΔB], [0, 0]] (times the mix's factors) in W̃'s layout. Call in tf.tidy. */
  updates(w: ChainWeights, mix: CreditMix) {
    const stats = chainStatistics(w, this.constants);
    return { stats, dWt: this.contract(w, stats, mix) };
  }

  private contract(w: ChainWeights, stats: ChainStatistics, mix: CreditMix): tf.Tensor {
    const { i } = this.inputs.params;
    const K = credit(
      mix,
      stats.chain,
      () =>
        tf.pad(w.A, [
          [0, 0],
          [0, 0],
          [0, i],
        ]),
      () => tf.sum(tf.mul(w.Wt, this.eye), [1]), // [1, C, n+i]: W's diagonal
    );
    return contractLags(creditInput(K), stats.R);
  }

  /** Loss, agreement with BPTT and finiteness at the current weights. Call inside tf.tidy. */
  evaluation(w: ChainWeights): tf.Tensor {
    const { n } = this.inputs.params;
    const { stats, dWt } = this.updates(w, this.unscaled);
    const truth = contractLags(creditInput(stats.chain), stats.R);
    const W = (x: tf.Tensor) => tf.transpose(tf.slice(x, [0, 0, 0], [n, x.shape[1] as number, n]), [1, 0, 2]);
    const total = tf.add(tf.sum(stats.dA, [0, 2]), tf.sum(dWt, [0, 2]));
    return packEvaluation(stats.loss(), W(dWt), W(truth), total);
  }

  dispose(): void {
    disposeChainConstants(this.constants);
    disposeCreditMix(this.unscaled);
    this.eye.dispose();
  }
}

export class ChainPlan implements TrainingPlan {
  readonly name = 'chain';
  private w: ChainWeights;
  private readonly C: number;
  private readonly program: ExpectedChain;
  /** the training step's credit: −η folded in, 0 for stopped runs */
  private step: CreditMix;
  /** [1, C, 1]: the same factor for ΔA */
  private rate: tf.Tensor;
  private readonly active: boolean[];

  constructor(private readonly inputs: PlanInputs) {
    const { params: p, runs, initial } = inputs;
    this.C = runs.length;
    this.w = chainWeights(initial, p.n, p.i);
    this.program = new ExpectedChain(inputs);
    this.active = runs.map(() => true);
    this.step = this.stepMix();
    this.rate = this.rateTensor();
  }

  private factor = (run: number) => (this.active[run] ? -this.inputs.params.lr : 0);

  private stepMix(): CreditMix {
    const { n, i } = this.inputs.params;
    return creditMix(this.inputs, n + i, this.factor);
  }

  private rateTensor(): tf.Tensor {
    return tf.tensor3d(
      this.active.map((_, r) => this.factor(r)),
      [1, this.C, 1],
    );
  }

  advance(count: number): void {
    for (let j = 0; j < count; j++) {
      const next = tf.tidy(() => {
        const { stats, dWt } = this.program.updates(this.w, this.step);
        return {
          Wt: tf.add(this.w.Wt, tf.reshape(dWt, this.w.Wt.shape)) as tf.Tensor4D,
          A: tf.add(this.w.A, tf.mul(stats.dA, this.rate)) as tf.Tensor3D,
        };
      });
      this.replace(next);
    }
  }

  private replace(next: ChainWeights): void {
    tf.dispose([this.w.Wt, this.w.A]);
    this.w = next;
  }

  evaluate(): PlanEvaluation {
    return unpackEvaluation(
      tf.tidy(() => this.program.evaluation(this.w)),
      this.C,
    );
  }

  updates(): Updates[] {
    const { n, i, o } = this.inputs.params;
    const [dA, dWt] = tf.tidy(() => {
      const u = this.program.updates(this.w, this.program.unscaled);
      return [u.stats.dA, u.dWt];
    });
    const A = readRows(dA.dataSync(), o, this.C, n);
    const WB = readRows(dWt.dataSync(), n + i, this.C, n + i);
    tf.dispose([dA, dWt]);
    return A.map((_, r) => ({
      dA: A[r],
      dW: WB[r].slice(0, n).map((row) => row.slice(0, n)),
      dB: WB[r].slice(0, n).map((row) => row.slice(n)),
    }));
  }

  weights(): Weights[] {
    const { n, i, o } = this.inputs.params;
    const A = readRows(this.w.A.dataSync(), o, this.C, n);
    const WB = readRows(this.w.Wt.dataSync(), n + i, this.C, n + i);
    return A.map((_, r) => ({
      A: A[r],
      W: WB[r].slice(0, n).map((row) => row.slice(0, n)),
      B: WB[r].slice(0, n).map((row) => row.slice(n)),
    }));
  }

  checkpoint(): PlanCheckpoint {
    return { tensors: [this.w.Wt.clone(), this.w.A.clone()], rng: null };
  }

  restore(cp: PlanCheckpoint): void {
    const [Wt, A] = cp.tensors;
    this.replace({ Wt: Wt.clone() as tf.Tensor4D, A: A.clone() as tf.Tensor3D });
  }

  release(cp: PlanCheckpoint): void {
    tf.dispose(cp.tensors);
  }

  freeze(run: number): void {
    this.active[run] = false;
    disposeCreditMix(this.step);
    this.rate.dispose();
    this.step = this.stepMix();
    this.rate = this.rateTensor();
    const next = tf.tidy(() => {
      const keep = tf.tensor3d(
        this.active.map((_, r) => (r === run ? 0 : 1)),
        [1, this.C, 1],
      );
      return {
        Wt: tf.mul(this.w.Wt, tf.reshape(keep, [1, 1, this.C, 1])) as tf.Tensor4D,
        A: tf.mul(this.w.A, keep) as tf.Tensor3D,
      };
    });
    this.replace(next);
  }

  dispose(): void {
    tf.dispose([this.w.Wt, this.w.A, this.rate]);
    disposeCreditMix(this.step);
    this.program.dispose();
  }
}

/** [rows, C, cols] data (runs in the middle) → one rows×cols matrix per run. */
function readRows(data: ArrayLike<number>, rows: number, runs: number, cols: number): number[][][] {
  return Array.from({ length: runs }, (_, c) =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, k) => data[(r * runs + c) * cols + k]),
    ),
  );
}
