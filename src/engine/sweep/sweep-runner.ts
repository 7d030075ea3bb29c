// Trains a sweep's cells: the cells that share every shape parameter are ONE batched simulation (each cell is just
// more runs, ../cells), the others (T differs) one batch after another. Imports engine modules only.
import { batchKey } from '../cells';
import { HistoryRecorder } from '../history';
import type { EngineParams, RuleId } from '../params';
import { choosePlan } from '../plans/choose-plan';
import type { PlanName } from '../plans/plan';
import { buildRunFile } from '../run-builder';
import type { RunFile } from '../run-file';
import { Simulation } from '../simulation';

/** One run of a sweep: its loss trace and what its outcome needs at the end. */
export interface SweepRunRecord {
  /** index into the cells given to the runner */
  cell: number;
  rule: RuleId;
  seed: number;
  /** step 0, every `every` steps and the last step, with the exact loss there (null: not finite) */
  steps: number[];
  loss: (number | null)[];
  divergedStep: number | null;
  /** final per-mode a (aligned task), else null */
  a: number[] | null;
  effRankW: number | null;
}

export interface SweepRunnerOptions {
  /**
   * The plan for a batch (default: the cheaper one for the batch's own size). A sharded sweep passes one chosen for
   * the whole grid, so that every shard trains with the same plan and gives the numbers of the unsharded sweep.
   */
  planFor?: (p: EngineParams, cellsInBatch: number) => PlanName;
  /** at most this many runs per batched simulation (memory); the numbers do not depend on how cells are batched */
  maxRuns?: number;
  /** record every run's full metrics and hand over each cell's run file when its batch ends (costs a snapshot per record) */
  onRunFile?: (cell: number, file: RunFile) => void;
  /** the backend name written into run files */
  backend?: string;
}

interface Batch {
  cells: number[];
  params: EngineParams;
}

/** Groups cells by their shared parameters (first appearance order), each group cut into batches of ≤ maxRuns runs. */
function batchesOf(cells: EngineParams[], maxRuns: number): Batch[] {
  const groups = new Map<string, number[]>();
  cells.forEach((cell, c) => {
    const key = batchKey(cell);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  });
  const out: Batch[] = [];
  for (const group of groups.values()) {
    const p = cells[group[0]];
    const perBatch = Math.max(1, Math.floor(maxRuns / (p.rules.length * p.seeds)));
    for (let k = 0; k < group.length; k += perBatch) {
      const part = group.slice(k, k + perBatch);
      out.push({ cells: part, params: cells[part[0]] });
    }
  }
  return out;
}

export class SweepRunner {
  private readonly batches: Batch[];
  private current: {
    sim: Simulation;
    batch: Batch;
    recorder: HistoryRecorder | null;
    traces: SweepRunRecord[];
  } | null = null;
  private next = 0;
  private readonly done: SweepRunRecord[] = [];
  /** training steps of all batches, and those done */
  readonly stepsTotal: number;
  private stepsDone = 0;

  constructor(
    private readonly cells: EngineParams[],
    private readonly options: SweepRunnerOptions = {},
  ) {
    this.batches = batchesOf(cells, options.maxRuns ?? Infinity);
    this.stepsTotal = this.batches.reduce((sum, b) => sum + b.params.steps, 0);
  }

  get finished(): boolean {
    return this.next >= this.batches.length && !this.current;
  }

  get progress(): { done: number; total: number } {
    return { done: this.stepsDone, total: this.stepsTotal };
  }

  private start(): void {
    const batch = this.batches[this.next++];
    const plan = (this.options.planFor ?? ((p, n) => choosePlan(p, n)))(batch.params, batch.cells.length);
    const sim = new Simulation(batch.params, { cells: batch.cells.map((c) => this.cells[c]), plan });
    const recorder = this.options.onRunFile ? new HistoryRecorder(sim.runs.length) : null;
    const traces = sim.runs.map((run, k) => ({
      cell: batch.cells[sim.cellOf[k]],
      rule: run.rule,
      seed: run.seed,
      steps: [],
      loss: [],
      divergedStep: null,
      a: null,
      effRankW: null,
    }));
    this.current = { sim, batch, recorder, traces };
    this.record();
  }

  /** Records every run's loss at the current step (with the full metrics when run files are wanted). */
  private record(): void {
    const { sim, recorder, traces } = this.current!;
    let loss: (number | null)[];
    if (recorder) {
      const snap = sim.snapshot();
      recorder.record(snap);
      loss = snap.runs.map((m) => m.loss);
    } else loss = sim.losses();
    traces.forEach((t, k) => {
      t.steps.push(sim.step);
      t.loss.push(loss[k]);
    });
  }

  /** Ends the current batch: final metrics, run files, and its tensors released. */
  private finish(): void {
    const { sim, batch, recorder, traces } = this.current!;
    const snap = sim.snapshot();
    snap.runs.forEach((m, k) => {
      traces[k].a = m.modes?.a ?? null;
      traces[k].effRankW = m.effRankW;
      traces[k].divergedStep = snap.diverged[k]?.step ?? null;
    });
    if (recorder && this.options.onRunFile)
      batch.cells.forEach((cell, c) =>
        this.options.onRunFile!(cell, buildRunFile(sim, recorder, this.options.backend ?? '', c)),
      );
    this.done.push(...traces);
    sim.dispose();
    this.current = null;
  }

  /**
   * Trains up to `budget` steps of the current batch (starting the next one if needed), recording at every
   * `every` steps; returns the steps trained. Call until `finished`, yielding in between (the worker's chunks).
   */
  advance(budget: number): number {
    if (this.finished) return 0;
    if (!this.current) this.start();
    const { sim } = this.current!;
    const { steps, every } = sim.params;
    let trained = 0;
    while (trained < budget && sim.step < steps) {
      const boundary = Math.min(steps, (Math.floor(sim.step / every) + 1) * every);
      const count = Math.min(boundary - sim.step, budget - trained);
      sim.stepMany(count);
      trained += count;
      if (sim.step === boundary) this.record();
    }
    this.stepsDone += trained;
    if (sim.step >= steps) this.finish();
    return trained;
  }

  /** Trains everything (the CLI); `onProgress` after each chunk. */
  runToEnd(onProgress?: (done: number, total: number) => void, chunk = 100): SweepRunRecord[] {
    while (!this.finished) {
      this.advance(chunk);
      onProgress?.(this.stepsDone, this.stepsTotal);
    }
    return this.records();
  }

  /** Every run's record, by cell, then in the plain layout of its cell (seeds × rules). Only once finished. */
  records(): SweepRunRecord[] {
    if (!this.finished) throw new Error('the sweep has not finished');
    const order = new Map<SweepRunRecord, number>(this.done.map((r, k) => [r, k]));
    return [...this.done].sort((x, y) => x.cell - y.cell || order.get(x)! - order.get(y)!);
  }

  /** Releases the current batch's tensors (a cancelled sweep). */
  dispose(): void {
    this.current?.sim.dispose();
    this.current = null;
    this.next = this.batches.length;
  }
}
