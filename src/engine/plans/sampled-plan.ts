// The sampled plan: THEORY 2.1's minibatch updates (a forward pass over each sequence, then the same credits as
// the expected form), with the exact expected loss and agreement from the chain program for the checks.
// Imports TF.js, ../gradients, ./chain-plan, ./credit-mix and engine types. The weights are [runs, rows, cols].
import * as tf from '@tensorflow/tfjs-core';
import { stackMatrices, unstackMatrices } from '../batch-layout';
import { assembleUpdates } from '../gradients/apply-update';
import { MinibatchSource } from '../gradients/minibatch';
import { readoutPowers } from '../gradients/readout-powers';
import { sampledStatistics } from '../gradients/sampled';
import type { BatchedWeights } from '../gradients/statistics';
import { ExpectedChain } from './chain-plan';
import type { ChainWeights } from './chain-program';
import { credit, type CreditMix, creditMix, disposeCreditMix } from './credit-mix';
import { unpackEvaluation } from './evaluation';
import type { PlanCheckpoint, PlanEvaluation, PlanInputs, TrainingPlan, Updates } from './plan';

export class SampledPlan implements TrainingPlan {
  readonly name = 'sampled';
  private w: BatchedWeights;
  private readonly C: number;
  private readonly mix: CreditMix;
  private readonly exact: ExpectedChain;
  private readonly minibatch: MinibatchSource;
  /** [C, 1, 1]: each run's own −η for runs still training, 0 for stopped ones */
  private rate: tf.Tensor;
  private readonly active: boolean[];

  constructor(private readonly inputs: PlanInputs) {
    const { params: p, runs, initial } = inputs;
    this.C = runs.length;
    this.w = {
      A: stackMatrices(initial.map((x) => x.A)),
      W: stackMatrices(initial.map((x) => x.W)),
      B: stackMatrices(initial.map((x) => x.B)),
    };
    this.mix = creditMix(inputs, p.n);
    this.exact = new ExpectedChain(inputs);
    this.minibatch = new MinibatchSource(
      runs.map((r) => r.seed),
      inputs.teacherImpulse,
      p.batch,
      p.i,
      p.loss,
    );
    this.active = runs.map(() => true);
    this.rate = this.rateTensor();
  }

  private rateTensor(): tf.Tensor {
    return tf.tensor3d(
      this.active.map((on, r) => (on ? -this.inputs.runParams[r].lr : 0)),
      [this.C, 1, 1],
    );
  }

  /** Draws the next minibatch and returns every run's update at the current weights. Call inside tf.tidy. */
  private sampledUpdates() {
    const p = this.inputs.params;
    const stats = sampledStatistics(this.w, this.minibatch.next(), p.loss);
    return assembleUpdates(sampledCredit(this.mix, this.w, p.T), stats);
  }

  advance(count: number): void {
    for (let j = 0; j < count; j++) {
      const next = tf.tidy(() => {
        const u = this.sampledUpdates();
        const move = (x: tf.Tensor3D, d: tf.Tensor3D) => tf.add(x, tf.mul(d, this.rate)) as tf.Tensor3D;
        return { A: move(this.w.A, u.dA), W: move(this.w.W, u.dW), B: move(this.w.B, u.dB) };
      });
      tf.dispose([this.w.A, this.w.W, this.w.B]);
      this.w = next;
    }
  }

  evaluate(): PlanEvaluation {
    return unpackEvaluation(
      tf.tidy(() => this.exact.evaluation(asChainWeights(this.w)).packed),
      this.C,
    );
  }

  updates(): Updates[] {
    const { n, i, o } = this.inputs.params;
    const [dA, dW, dB] = tf.tidy(() => {
      const u = this.sampledUpdates();
      return [u.dA, u.dW, u.dB];
    });
    const A = unstackMatrices(dA.dataSync(), this.C, o, n);
    const W = unstackMatrices(dW.dataSync(), this.C, n, n);
    const B = unstackMatrices(dB.dataSync(), this.C, n, i);
    tf.dispose([dA, dW, dB]);
    return A.map((_, r) => ({ dA: A[r], dW: W[r], dB: B[r] }));
  }

  weights() {
    const { n, i, o } = this.inputs.params;
    const A = unstackMatrices(this.w.A.dataSync(), this.C, o, n);
    const W = unstackMatrices(this.w.W.dataSync(), this.C, n, n);
    const B = unstackMatrices(this.w.B.dataSync(), this.C, n, i);
    return A.map((_, r) => ({ A: A[r], W: W[r], B: B[r] }));
  }

  checkpoint(): PlanCheckpoint {
    return {
      tensors: [this.w.A.clone(), this.w.W.clone(), this.w.B.clone()],
      rng: this.minibatch.saveState(),
    };
  }

  restore(cp: PlanCheckpoint): void {
    const [A, W, B] = cp.tensors as tf.Tensor3D[];
    tf.dispose([this.w.A, this.w.W, this.w.B]);
    this.w = { A: A.clone(), W: W.clone(), B: B.clone() };
    this.minibatch.restoreState(cp.rng as (readonly number[])[]);
  }

  release(cp: PlanCheckpoint): void {
    tf.dispose(cp.tensors);
  }

  freeze(run: number): void {
    this.active[run] = false;
    this.rate.dispose();
    this.rate = this.rateTensor();
    const next = tf.tidy(() => {
      const keep = tf.tensor3d(
        this.active.map((_, r) => (r === run ? 0 : 1)),
        [this.C, 1, 1],
      );
      return {
        A: tf.mul(this.w.A, keep) as tf.Tensor3D,
        W: tf.mul(this.w.W, keep) as tf.Tensor3D,
        B: tf.mul(this.w.B, keep) as tf.Tensor3D,
      };
    });
    tf.dispose([this.w.A, this.w.W, this.w.B]);
    this.w = next;
  }

  dispose(): void {
    tf.dispose([this.w.A, this.w.W, this.w.B, this.rate]);
    disposeCreditMix(this.mix);
    this.exact.dispose();
  }
}

/**
 * Every run's credit_s (lag rows [T·o, runs, n]) at weights `w`: how its rule sends the error back s steps. Shared
 * with the credit-assignment microscope (engine/trial-trace.ts). Call inside tf.tidy.
 */
export function sampledCredit(mix: CreditMix, w: BatchedWeights, T: number): tf.Tensor3D {
  const [C, n] = [w.W.shape[0], w.W.shape[1]];
  return credit(
    mix,
    readoutPowers(w, T).rows,
    () => tf.transpose(w.A, [1, 0, 2]),
    () => tf.reshape(tf.sum(tf.mul(w.W, tf.reshape(tf.eye(n), [1, n, n])), 1), [1, C, n]),
  );
}

/** The chain program's layout of the same weights (for the exact evaluation). Call inside tf.tidy. */
function asChainWeights(w: BatchedWeights): ChainWeights {
  const [C, n] = [w.W.shape[0], w.W.shape[1]];
  const i = w.B.shape[2];
  const F = tf.reshape(tf.transpose(tf.concat([w.W, w.B], 2), [1, 0, 2]), [1, n, C, n + i]); // [1, n, C, n+i]
  return { F, A: tf.transpose(w.A, [1, 0, 2]) };
}
