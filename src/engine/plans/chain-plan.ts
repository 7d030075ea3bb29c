// The chain plan: THEORY 2.1/2.2 with the lag sums as chains of per-run products, one kernel group per lag.
// Imports TF.js, ../gradients, ../rules, ../batch-layout and engine types.
// It does the fewest floating-point operations (O(T·n²·(i+o)) per run) but its kernel count grows with T, so it
// is the plan for large networks, where the arithmetic and not the per-kernel overhead sets the pace, and for the
// sampled gradient. The weights are kept as [runs, rows, cols] tensors (A o×n, W n×n, B n×i).
import * as tf from '@tensorflow/tfjs-core';
import { stackMatrices, unstackMatrices } from '../batch-layout';
import { assembleUpdates } from '../gradients/apply-update';
import { expectedStatistics, type TeacherResponses } from '../gradients/expected';
import { MinibatchSource } from '../gradients/minibatch';
import { readoutPowers } from '../gradients/readout-powers';
import { sampledStatistics } from '../gradients/sampled';
import { stackLags } from '../gradients/stack-lags';
import type { BatchedWeights, ErrorStatistics } from '../gradients/statistics';
import { constantLagWeight, RULES } from '../rules';
import { packEvaluation, unpackEvaluation } from './evaluation';
import type { PlanCheckpoint, PlanEvaluation, PlanInputs, TrainingPlan, Updates } from './plan';

/** How each run combines the three credit sources, as tensors broadcast over lags. */
interface CreditMix {
  /** [C, T·o, 1]: the weight of the true chain A W^s (BPTT; tBPTT inside its window) */
  chain: tf.Tensor;
  /** [C, 1, 1]: 1 for the diagonal chain A diag(W)^s (e-prop), else null when no run uses it */
  diagonal: tf.Tensor | null;
  /** [C, T·o, n]: the constant credit ŵ^s R (RFLO), 0 for other runs */
  constant: tf.Tensor;
}

export class ChainPlan implements TrainingPlan {
  readonly name = 'chain';
  private w: BatchedWeights;
  private readonly C: number;
  private readonly teacher: TeacherResponses;
  private readonly mix: CreditMix;
  private readonly minibatch: MinibatchSource | null;
  /** [C, 1, 1]: −η for runs still training, 0 for stopped ones */
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
    this.teacher = {
      Estar: inputs.teacherImpulse.map((e) => tf.tensor3d(e.flat(), [p.o, 1, p.i])),
      omega: inputs.omega,
    };
    this.mix = creditMix(inputs);
    this.minibatch =
      p.gradient === 'sampled'
        ? new MinibatchSource(
            [...new Set(runs.map((r) => r.seed))],
            p.rules.length,
            inputs.teacherImpulse,
            p.batch,
            p.i,
            p.loss,
          )
        : null;
    this.active = runs.map(() => true);
    this.rate = this.rateTensor();
  }

  private rateTensor(): tf.Tensor {
    return tf.tensor3d(
      this.active.map((on) => (on ? -this.inputs.params.lr : 0)),
      [this.C, 1, 1],
    );
  }

  private credit(w: BatchedWeights, Qcat: tf.Tensor3D): tf.Tensor3D {
    const { T } = this.inputs.params;
    let credit = tf.add(tf.mul(Qcat, this.mix.chain), this.mix.constant);
    if (this.mix.diagonal) {
      const n = w.W.shape[1];
      const diagW = tf.sum(tf.mul(w.W, tf.reshape(tf.eye(n), [1, n, n])), 1, true); // [C, 1, n]
      // A diag(W)^s by repeated products (tf.pow is slow on wasm)
      const blocks: tf.Tensor3D[] = [w.A];
      for (let s = 1; s < T; s++) blocks.push(tf.mul(blocks[s - 1], diagW));
      credit = tf.add(credit, tf.mul(stackLags(blocks), this.mix.diagonal));
    }
    return credit as tf.Tensor3D;
  }

  private statistics(w: BatchedWeights): { stats: ErrorStatistics; Qcat: tf.Tensor3D } {
    const powers = readoutPowers(w, this.inputs.params.T);
    const stats = this.minibatch
      ? sampledStatistics(w, this.minibatch.next(), this.inputs.params.loss)
      : expectedStatistics(w, powers, this.teacher);
    return { stats, Qcat: powers.Qcat };
  }

  advance(count: number): void {
    for (let j = 0; j < count; j++) {
      const next = tf.tidy(() => {
        const { stats, Qcat } = this.statistics(this.w);
        const u = assembleUpdates(this.credit(this.w, Qcat), stats);
        const move = (x: tf.Tensor3D, d: tf.Tensor3D) => tf.add(x, tf.mul(d, this.rate)) as tf.Tensor3D;
        return { A: move(this.w.A, u.dA), W: move(this.w.W, u.dW), B: move(this.w.B, u.dB) };
      });
      this.replace(next);
    }
  }

  private replace(next: BatchedWeights): void {
    tf.dispose([this.w.A, this.w.W, this.w.B]);
    this.w = next;
  }

  evaluate(): PlanEvaluation {
    const packed = tf.tidy(() => {
      const powers = readoutPowers(this.w, this.inputs.params.T);
      const stats = expectedStatistics(this.w, powers, this.teacher);
      const mine = assembleUpdates(this.credit(this.w, powers.Qcat), stats);
      const truth = assembleUpdates(powers.Qcat, stats).dW;
      const total = tf.addN([tf.sum(mine.dA, [1, 2]), tf.sum(mine.dW, [1, 2]), tf.sum(mine.dB, [1, 2])]);
      return packEvaluation(stats.loss, mine.dW, truth, total);
    });
    return unpackEvaluation(packed, this.C);
  }

  updates(): Updates[] {
    const { n, i, o } = this.inputs.params;
    const [dA, dW, dB] = tf.tidy(() => {
      const { stats, Qcat } = this.statistics(this.w);
      const u = assembleUpdates(this.credit(this.w, Qcat), stats);
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
      rng: this.minibatch?.saveState() ?? null,
    };
  }

  restore(cp: PlanCheckpoint): void {
    const [A, W, B] = cp.tensors as tf.Tensor3D[];
    this.replace({ A: A.clone(), W: W.clone(), B: B.clone() });
    if (this.minibatch) this.minibatch.restoreState(cp.rng as (readonly number[])[]);
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
    this.replace(next);
  }

  dispose(): void {
    tf.dispose([this.w.A, this.w.W, this.w.B, this.rate, ...this.teacher.Estar]);
    tf.dispose([this.mix.chain, this.mix.constant]);
    if (this.mix.diagonal) this.mix.diagonal.dispose();
  }
}

function creditMix(inputs: PlanInputs): CreditMix {
  const { params: p, runs, feedback } = inputs;
  const { T, o, n } = p;
  const C = runs.length;
  const chain = new Float32Array(C * T * o);
  const constant = new Float32Array(C * T * o * n);
  const diagonal = new Float32Array(C);
  runs.forEach((run, r) => {
    const rule = RULES[run.rule];
    const window = rule.lags(p);
    if (rule.credit.decay === 'diagW') diagonal[r] = 1;
    for (let s = 0; s < T; s++)
      for (let a = 0; a < o; a++) {
        const row = (r * T + s) * o + a;
        if (rule.credit.decay === 'W') chain[row] = s < window ? 1 : 0;
        if (rule.credit.decay === 'what') {
          const weight = constantLagWeight(rule, p, s);
          for (let q = 0; q < n; q++) constant[row * n + q] = weight * feedback[r][a][q];
        }
      }
  });
  return {
    chain: tf.tensor3d(chain, [C, T * o, 1]),
    constant: tf.tensor3d(constant, [C, T * o, n]),
    diagonal: diagonal.some((x) => x) ? tf.tensor3d(diagonal, [C, 1, 1]) : null,
  };
}
