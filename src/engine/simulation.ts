// Trains every selected rule (× seeds) side by side as ONE batched tensor program, from identical initial
// weights, teacher, feedback and input samples. Imports TF.js and engine modules only (no DOM, React, zustand).
import * as tf from '@tensorflow/tfjs-core';
import { type RunMetrics, runMetrics } from './analysis/metrics';
import { feedbackRangeBasis } from './analysis/rank';
import { layoutRuns, type RunInfo, type SeedShard, stackMatrices, unstackMatrices } from './batch-layout';
import { assembleUpdates, combinedCredit } from './gradients/apply-update';
import { expectedLoss, expectedStatistics, type TeacherResponses } from './gradients/expected';
import { MinibatchSource } from './gradients/minibatch';
import { readoutPowers } from './gradients/readout-powers';
import { sampledStatistics } from './gradients/sampled';
import type { BatchedWeights, ErrorStatistics } from './gradients/statistics';
import type { Matrix } from './linalg';
import { impulseResponses, lagWeight, type Weights } from './network';
import type { EngineParams, RuleId } from './params';
import { type CreditContext, RULES } from './rules';
import { makeTask, type TaskInstance } from './tasks';

export interface Divergence {
  step: number;
  reason: string;
}

export interface Snapshot {
  step: number;
  runs: RunMetrics[];
  diverged: (Divergence | null)[];
}

const roundMatrix = (m: Matrix): Matrix => m.map((row) => row.map(Math.fround));
const roundWeights = (x: Weights): Weights => ({
  A: roundMatrix(x.A),
  W: roundMatrix(x.W),
  B: roundMatrix(x.B),
});

/** A run stops when its loss is non-finite or exceeds this multiple of its initial loss. */
export const DIVERGENCE_FACTOR = 1e6;

export class Simulation {
  readonly runs: RunInfo[];
  readonly task: TaskInstance;
  /** per run, plain float64 copies of the initial weights and feedback */
  readonly initial: Weights[];
  readonly feedback: Matrix[];
  private readonly feedbackBases: (Matrix | null)[];
  private readonly minibatch: MinibatchSource | null;
  private stepCount = 0;

  // owned tensors (released in dispose)
  private w: BatchedWeights;
  private active: tf.Tensor1D; // 1 while training, 0 once diverged
  private divergedAt: tf.Tensor1D; // step of divergence, −1 if none
  private divergedLoss: tf.Tensor1D; // the loss that triggered it
  private readonly lossLimit: tf.Tensor1D;
  private readonly teacherResponses: TeacherResponses;
  private readonly Rcat: tf.Tensor3D;
  private readonly selectors: Map<RuleId, tf.Tensor3D>;

  /**
   * @param shard train only these seed indices (the CLI splits seeds over threads); every run's numbers are the
   *   same as in the full simulation, because runs never interact.
   */
  constructor(
    readonly params: EngineParams,
    shard?: SeedShard,
  ) {
    const p = params;
    this.runs = layoutRuns(p, shard);
    this.task = makeTask(p);
    // rounded to float32 once, so ΔW = W − W0 is exactly 0 at step 0 and the run file holds what was trained
    this.initial = this.runs.map((r) => roundWeights(this.task.student(r.seed)));
    this.feedback = this.runs.map((r) => roundMatrix(this.task.feedback(r.seed)));
    this.feedbackBases = this.runs.map((r, k) =>
      r.rule === 'rflo' ? feedbackRangeBasis(this.feedback[k]) : null,
    );
    const Estar = impulseResponses(this.task.teacher, p.T);
    this.minibatch =
      p.gradient === 'sampled'
        ? new MinibatchSource(
            [...new Set(this.runs.map((r) => r.seed))],
            p.rules.length,
            Estar,
            p.batch,
            p.i,
            p.loss,
          )
        : null;
    this.w = {
      A: stackMatrices(this.initial.map((x) => x.A)),
      W: stackMatrices(this.initial.map((x) => x.W)),
      B: stackMatrices(this.initial.map((x) => x.B)),
    };
    this.teacherResponses = {
      Estar: Estar.map((e) => tf.tensor3d(e.flat(), [p.o, 1, p.i])),
      omega: Array.from({ length: p.T }, (_, j) => lagWeight(p.loss, p.T, j)),
    };
    this.Rcat = tf.tidy(() => tf.tile(stackMatrices(this.feedback), [1, p.T, 1]));
    this.selectors = new Map(
      [...new Set(p.rules)].map((id) => [
        id,
        tf.tensor3d(
          this.runs.map((r) => (r.rule === id ? 1 : 0)),
          [this.runs.length, 1, 1],
        ),
      ]),
    );
    const count = this.runs.length;
    this.active = tf.ones([count]);
    this.divergedAt = tf.fill([count], -1);
    this.divergedLoss = tf.zeros([count]);
    this.lossLimit = tf.tidy(() =>
      tf.mul(
        tf.maximum(expectedLoss(this.w, readoutPowers(this.w, p.T), this.teacherResponses), 1e-12),
        DIVERGENCE_FACTOR,
      ),
    );
  }

  get step(): number {
    return this.stepCount;
  }

  /** Trains `count` steps (θ ← θ − η Δθ for every run at once). No read-back: nothing here waits on the backend. */
  stepMany(count: number): void {
    for (let k = 0; k < count; k++) this.stepOnce();
  }

  private creditContext(powers: { Qcat: tf.Tensor3D }): CreditContext {
    const p = this.params;
    return {
      T: p.T,
      o: p.o,
      n: p.n,
      Qcat: powers.Qcat,
      A: this.w.A,
      W: this.w.W,
      Rcat: this.Rcat,
      what: p.what,
      truncation: p.truncation,
    };
  }

  private statistics(): { stats: ErrorStatistics; Qcat: tf.Tensor3D } {
    const powers = readoutPowers(this.w, this.params.T);
    const stats = this.minibatch
      ? sampledStatistics(this.w, this.minibatch.next(), this.params.loss)
      : expectedStatistics(this.w, powers, this.teacherResponses);
    return { stats, Qcat: powers.Qcat };
  }

  private stepOnce(): void {
    const p = this.params;
    const stepIndex = this.stepCount;
    const next = tf.tidy(() => {
      const { stats, Qcat } = this.statistics();
      const upd = assembleUpdates(combinedCredit(this.creditContext({ Qcat }), this.selectors), stats);
      // a run stops (keeps its weights) at the first step whose loss is non-finite or above the limit
      // (an update with a non-finite entry also stops its run: its sum is then non-finite)
      const updateSum = tf.add(
        tf.add(tf.sum(upd.dA, [1, 2]), tf.sum(upd.dW, [1, 2])),
        tf.sum(upd.dB, [1, 2]),
      );
      const ok = tf.logicalAnd(
        tf.logicalAnd(tf.isFinite(stats.loss), tf.lessEqual(stats.loss, this.lossLimit)),
        tf.isFinite(updateSum),
      );
      const active = tf.mul(this.active, tf.cast(ok, 'float32')) as tf.Tensor1D;
      const justStopped = tf.greater(this.active, active);
      // stopped runs get a zero step; non-finite entries are zeroed first because 0 × NaN is NaN
      const rate = tf.reshape(tf.mul(active, p.lr), [-1, 1, 1]);
      const move = (x: tf.Tensor3D, d: tf.Tensor3D) =>
        tf.sub(x, tf.mul(tf.where(tf.isFinite(d), d, tf.zerosLike(d)), rate)) as tf.Tensor3D;
      return {
        w: { A: move(this.w.A, upd.dA), W: move(this.w.W, upd.dW), B: move(this.w.B, upd.dB) },
        active,
        divergedAt: tf.where(justStopped, tf.fill(active.shape, stepIndex), this.divergedAt) as tf.Tensor1D,
        divergedLoss: tf.where(justStopped, stats.loss, this.divergedLoss) as tf.Tensor1D,
      };
    });
    tf.dispose([this.w.A, this.w.W, this.w.B, this.active, this.divergedAt, this.divergedLoss]);
    this.w = next.w;
    this.active = next.active;
    this.divergedAt = next.divergedAt;
    this.divergedLoss = next.divergedLoss;
    this.stepCount++;
  }

  /** Current weights of every run, as plain float64 matrices (one read-back). */
  weights(): Weights[] {
    const p = this.params;
    const count = this.runs.length;
    const A = unstackMatrices(this.w.A.dataSync(), count, p.o, p.n);
    const W = unstackMatrices(this.w.W.dataSync(), count, p.n, p.n);
    const B = unstackMatrices(this.w.B.dataSync(), count, p.n, p.i);
    return A.map((_, k) => ({ A: A[k], W: W[k], B: B[k] }));
  }

  /**
   * Every run's update (ΔA, ΔW, ΔB) at the current weights, without applying it (tests, analysis). With the
   * sampled gradient this draws, and uses up, the next minibatch.
   */
  currentUpdates(): { dA: Matrix; dW: Matrix; dB: Matrix }[] {
    const p = this.params;
    const count = this.runs.length;
    const [dA, dW, dB] = tf.tidy(() => {
      const { stats, Qcat } = this.statistics();
      const u = assembleUpdates(combinedCredit(this.creditContext({ Qcat }), this.selectors), stats);
      return [u.dA, u.dW, u.dB];
    });
    const A = unstackMatrices(dA.dataSync(), count, p.o, p.n);
    const W = unstackMatrices(dW.dataSync(), count, p.n, p.n);
    const B = unstackMatrices(dB.dataSync(), count, p.n, p.i);
    tf.dispose([dA, dW, dB]);
    return A.map((_, k) => ({ dA: A[k], dW: W[k], dB: B[k] }));
  }

  /** Which runs have stopped, at which step and why. */
  divergences(): (Divergence | null)[] {
    const at = this.divergedAt.dataSync();
    const loss = this.divergedLoss.dataSync();
    return this.runs.map((_, k) =>
      at[k] < 0
        ? null
        : {
            step: at[k],
            reason: Number.isFinite(loss[k])
              ? `loss ${loss[k].toExponential(2)} exceeded ${DIVERGENCE_FACTOR.toExponential(0)} × its initial loss`
              : `loss became non-finite (${loss[k]})`,
          },
    );
  }

  /** Exact loss and expected-form cosine with the BPTT gradient at the current weights, per run. */
  private lossAndAgreement(): { loss: Float32Array; cos: Float32Array } {
    const p = this.params;
    const [loss, cos] = tf.tidy(() => {
      const powers = readoutPowers(this.w, p.T);
      const stats = expectedStatistics(this.w, powers, this.teacherResponses);
      const ctx = this.creditContext(powers);
      const mine = assembleUpdates(combinedCredit(ctx, this.selectors), stats).dW;
      const truth = assembleUpdates(RULES.bptt.credit(ctx), stats).dW;
      const dot = tf.sum(tf.mul(mine, truth), [1, 2]);
      const norms = tf.sqrt(tf.mul(tf.sum(tf.square(mine), [1, 2]), tf.sum(tf.square(truth), [1, 2])));
      const cos = tf.where(tf.greater(norms, 0), tf.div(dot, tf.maximum(norms, 1e-30)), tf.zerosLike(dot));
      return [stats.loss, cos];
    });
    const out = { loss: loss.dataSync() as Float32Array, cos: cos.dataSync() as Float32Array };
    tf.dispose([loss, cos]);
    return out;
  }

  /** Metrics of every run at the current step (reads back once; call every K steps, not every step). */
  snapshot(): Snapshot {
    const p = this.params;
    const current = this.weights();
    const { loss, cos } = this.lossAndAgreement();
    return {
      step: this.stepCount,
      diverged: this.divergences(),
      runs: current.map((cur, k) =>
        runMetrics({
          current: cur,
          initial: this.initial[k],
          R: this.feedback[k],
          feedbackBasis: this.feedbackBases[k],
          bases: this.task.bases,
          modes: p.modes,
          rankTol: p.rankTol,
          loss: loss[k],
          cosBptt: cos[k],
        }),
      ),
    };
  }

  dispose(): void {
    tf.dispose([
      this.w.A,
      this.w.W,
      this.w.B,
      this.active,
      this.divergedAt,
      this.divergedLoss,
      this.lossLimit,
    ]);
    tf.dispose([...this.teacherResponses.Estar, this.Rcat, ...this.selectors.values()]);
  }
}
