// Trains every selected rule (× seeds) side by side as ONE batched tensor program, from identical initial
// weights, teacher, feedback and input samples. Imports TF.js and engine modules only (no DOM, React, zustand).
import { type RunMetrics, runMetrics } from './analysis/metrics';
import { feedbackRangeBasis } from './analysis/rank';
import { layoutRuns, type RunInfo, type SeedShard } from './batch-layout';
import { PER_RUN_KEYS, sharedKeyDifferences } from './cells';
import type { Matrix } from './linalg';
import { impulseResponses, lagWeight, type Weights } from './network';
import type { EngineParams } from './params';
import { ChainPlan } from './plans/chain-plan';
import { SampledPlan } from './plans/sampled-plan';
import { choosePlan } from './plans/choose-plan';
import { DoublingPlan } from './plans/doubling-plan';
import { disposeOnThrow } from './dispose-on-throw';
import type {
  PlanCheckpoint,
  PlanEvaluation,
  PlanInputs,
  PlanName,
  TrainingPlan,
  Updates,
} from './plans/plan';
import { RULES, usesFeedback } from './rules';
import { makeTask, type TaskInstance } from './tasks';
import { assertEngineParams } from './params-check';

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

export interface SimulationOptions {
  /** train only these seed indices (the CLI and the app's workers split seeds); runs never interact */
  shard?: SeedShard;
  /** force a plan (tests, bench); by default the cheaper one for these parameters (see plans/choose-plan) */
  plan?: PlanName;
  /**
   * A sweep's grid cells, batched as more runs: each cell's full parameters, equal to `params` except in the per-run
   * keys (./cells). Runs are cell-major: run = cell · (its seeds × rules) + the plain layout within the cell. By
   * default one cell, `params` itself.
   */
  cells?: EngineParams[];
}

function createPlan(name: PlanName, inputs: PlanInputs): TrainingPlan {
  if (name === 'doubling') return new DoublingPlan(inputs);
  return name === 'chain' ? new ChainPlan(inputs) : new SampledPlan(inputs);
}

export class Simulation {
  readonly runs: RunInfo[];
  /** the parameters of each cell (one: `params`, unless a sweep batched several) and each run's cell */
  readonly cells: EngineParams[];
  readonly cellOf: number[];
  /** each cell's task (its teacher, init and feedback) */
  readonly tasks: TaskInstance[];
  /** the first cell's task: the task of a plain simulation */
  readonly task: TaskInstance;
  /** per run, plain float64 copies of the initial weights and feedback */
  readonly initial: Weights[];
  readonly feedback: Matrix[];
  readonly plan: TrainingPlan;
  private readonly feedbackBases: (Matrix | null)[];
  private readonly lossLimit: number[];
  private stepCount = 0;
  private readonly diverged: (Divergence | null)[];
  /** the weights, loss and agreement a run stopped with (the plan's working copy of a stopped run is zeroed) */
  private readonly stopped: ({ weights: Weights; loss: number; cos: number } | null)[];
  /** where the runs were last checked, and the state there (what a replay starts from) */
  private since: { step: number; state: PlanCheckpoint } | null = null;
  /** the evaluation of the current step, when one was made (a check also serves the next snapshot) */
  private evaluation: { step: number; value: PlanEvaluation } | null = null;

  constructor(
    readonly params: EngineParams,
    options: SimulationOptions = {},
  ) {
    const p = params;
    assertEngineParams(p); // before any tensor: a refused simulation holds nothing
    this.cells = options.cells ?? [p];
    if (!this.cells.length) throw new Error('a simulation needs at least one cell');
    this.cells.forEach((cell, c) => {
      if (cell !== p) assertEngineParams(cell);
      const differ = sharedKeyDifferences(p, cell);
      if (differ.length)
        throw new Error(
          `cell ${c} differs from the batch in ${differ.join(', ')}: only ${PER_RUN_KEYS.join(', ')} may differ within one batched simulation`,
        );
    });
    const perCell = layoutRuns(p, options.shard);
    this.runs = this.cells.flatMap(() => perCell.map((r) => ({ ...r })));
    this.cellOf = this.cells.flatMap((_, c) => perCell.map(() => c));
    this.tasks = this.cells.map(makeTask);
    this.task = this.tasks[0];
    const taskOf = (k: number) => this.tasks[this.cellOf[k]];
    // rounded to float32 once, so ΔW = W − W0 is exactly 0 at step 0 and the run file holds what was trained
    this.initial = this.runs.map((r, k) => roundWeights(taskOf(k).student(r.seed)));
    this.feedback = this.runs.map((r, k) => roundMatrix(taskOf(k).feedback(r.seed)));
    this.feedbackBases = this.runs.map((r, k) =>
      usesFeedback(RULES[r.rule]) ? feedbackRangeBasis(this.feedback[k]) : null,
    );
    // one array per cell: the runs of a cell share their teacher's impulse responses (the plans rely on identity)
    const impulses = this.tasks.map((t) => impulseResponses(t.teacher, p.T));
    const inputs: PlanInputs = {
      params: p,
      runs: this.runs,
      runParams: this.cellOf.map((c) => this.cells[c]),
      initial: this.initial,
      feedback: this.feedback,
      teacherImpulse: this.cellOf.map((c) => impulses[c]),
      omega: Array.from({ length: p.T }, (_, j) => lagWeight(p.loss, p.T, j)),
    };
    const name = options.plan ?? choosePlan(p);
    if ((name === 'sampled') !== (p.gradient === 'sampled'))
      throw new Error(`the ${name} plan does not train the ${p.gradient} gradient`);
    this.diverged = this.runs.map(() => null);
    this.stopped = this.runs.map(() => null);
    // a throw anywhere in here (a plan's constants, the first evaluation, a run stopped at step 0) leaves no
    // tensor behind: this object is never returned, so nobody could dispose them
    const { plan, first } = disposeOnThrow(() => {
      const made = createPlan(name, inputs);
      return { plan: made, first: made.evaluate() };
    });
    this.plan = plan;
    this.evaluation = { step: 0, value: first };
    this.lossLimit = Array.from(first.loss, (l) => Math.max(l, 1e-12) * DIVERGENCE_FACTOR);
    try {
      disposeOnThrow(() => this.stopFailing(first));
    } catch (err) {
      this.plan.dispose();
      throw err;
    }
  }

  get step(): number {
    return this.stepCount;
  }

  private evaluate(): PlanEvaluation {
    if (this.evaluation?.step !== this.stepCount)
      this.evaluation = { step: this.stepCount, value: this.plan.evaluate() };
    return this.evaluation.value;
  }

  /** Runs still training whose evaluation fails the divergence test. */
  private failing(ev: PlanEvaluation): number[] {
    return this.runs
      .map((_, k) => k)
      .filter((k) => {
        if (this.diverged[k]) return false;
        const loss = ev.loss[k];
        return !(Number.isFinite(loss) && loss <= this.lossLimit[k]) || !ev.updateFinite[k];
      });
  }

  /** Stops every failing run at the current step, keeping its current (last good) weights. */
  private stopFailing(ev: PlanEvaluation): void {
    const bad = this.failing(ev);
    if (!bad.length) return;
    const current = this.plan.weights();
    for (const k of bad) {
      const loss = ev.loss[k];
      this.diverged[k] = {
        step: this.stepCount,
        reason: !ev.updateFinite[k]
          ? 'its update became non-finite'
          : Number.isFinite(loss)
            ? `loss ${loss.toExponential(2)} exceeded ${DIVERGENCE_FACTOR.toExponential(0)} × its initial loss`
            : `loss became non-finite (${loss})`,
      };
      this.stopped[k] = { weights: current[k], loss, cos: ev.cos[k] };
      this.plan.freeze(k);
    }
    this.evaluation = null;
  }

  /**
   * Trains `count` steps (θ ← θ − η Δθ for every run at once). Nothing is read back between checks; the runs are
   * checked once at every multiple of `every` (and whenever their state is read: weights, snapshot, updates),
   * whatever the calls' sizes. If a run has diverged, the steps since the previous check are replayed one by one
   * to stop it at its first bad step with its last good weights; the other runs are unchanged (runs never
   * interact), so where the checks fall never changes the numbers.
   */
  stepMany(count: number): void {
    const target = this.stepCount + count;
    while (this.stepCount < target) {
      const { every } = this.params;
      const length = Math.min(target - this.stepCount, every - (this.stepCount % every));
      this.since ??= { step: this.stepCount, state: this.plan.checkpoint() };
      this.plan.advance(length);
      this.stepCount += length;
      this.evaluation = null;
      if (this.stepCount % every === 0) this.settle();
    }
  }

  /** Checks every run at the current step (replaying since the previous check if one failed). */
  private settle(): void {
    const since = this.since;
    if (!since) return;
    this.since = null;
    if (this.failing(this.evaluate()).length) {
      const end = this.stepCount;
      this.plan.restore(since.state);
      this.stepCount = since.step;
      this.evaluation = null;
      while (this.stepCount < end) {
        this.stopFailing(this.evaluate());
        this.plan.advance(1);
        this.stepCount++;
        this.evaluation = null;
      }
      this.stopFailing(this.evaluate());
    }
    this.plan.release(since.state);
  }

  /** Current weights of every run, as plain float64 matrices (one read-back). */
  weights(): Weights[] {
    this.settle();
    return this.plan.weights().map((w, k) => this.stopped[k]?.weights ?? w);
  }

  /**
   * Every run's update (ΔA, ΔW, ΔB) at the current weights, without applying it (tests, analysis). With the
   * sampled gradient this draws, and uses up, the next minibatch.
   */
  currentUpdates(): Updates[] {
    this.settle();
    return this.plan.updates();
  }

  /** Which runs have stopped, at which step and why. */
  divergences(): (Divergence | null)[] {
    this.settle();
    return this.diverged.map((d) => (d ? { ...d } : null));
  }

  /** Every run's exact loss at the current step, null where not finite: one small read-back, no metrics (a sweep). */
  losses(): (number | null)[] {
    this.settle();
    const { loss } = this.evaluate();
    return this.runs.map((_, k) => {
      const l = this.stopped[k]?.loss ?? loss[k];
      return Number.isFinite(l) ? l : null;
    });
  }

  /** Metrics of every run at the current step (reads back once; call every K steps, not every step). */
  snapshot(): Snapshot {
    const p = this.params;
    const current = this.weights(); // settles first
    const { loss, cos } = this.evaluate();
    return {
      step: this.stepCount,
      diverged: this.divergences(),
      runs: current.map((cur, k) =>
        runMetrics({
          current: cur,
          initial: this.initial[k],
          R: this.feedback[k],
          feedbackBasis: this.feedbackBases[k],
          bases: this.tasks[this.cellOf[k]].bases,
          modes: p.modes,
          rankTol: p.rankTol,
          loss: this.stopped[k]?.loss ?? loss[k],
          cosBptt: this.stopped[k]?.cos ?? cos[k],
        }),
      ),
    };
  }

  dispose(): void {
    if (this.since) this.plan.release(this.since.state);
    this.plan.dispose();
  }
}
