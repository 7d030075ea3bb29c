// The worker's training loop: owns one Simulation, trains in time-boxed chunks, records and posts snapshots.
// May import: the engine, the theory's run-file blocks and ./protocol, ./decimate, ./history-csv (no DOM, React or zustand).
import { initBackend } from '../engine/backend';
import {
  appendSnapshotRun,
  emptyHistory,
  HISTORY_RECORD_CAP,
  HistoryRecorder,
  type RunHistory,
} from '../engine/history';
import type { SeedShard } from '../engine/batch-layout';
import type { EngineParams } from '../engine/params';
import { weightsDigest } from '../engine/checksum';
import { impulseResponses } from '../engine/network';
import { estimateMemory, MEMORY_BUDGET_BYTES } from '../engine/memory-estimate';
import { buildRunFile } from '../engine/run-builder';
import { serializeRunFile } from '../engine/run-file';
import { type Divergence, Simulation } from '../engine/simulation';
import { attachTheory } from '../theory/run-file-blocks';
import { traceTrial } from '../engine/trial-trace';
import { thinHistories } from './decimate';
import { historiesToCsv } from './history-csv';
import type { ReplyResults, RunStatus, SimRequest, Speed, TrialRequest, WorkerMessage } from './protocol';

/** Frame period of paced play, and the shortest gap between two snapshots (≈30 per second). */
export const FRAME_MS = 33;
/** A chunk of training never runs longer than this before yielding, so pause is handled at once. */
export const CHUNK_MS = 25;
/** Run to end shows progress this often instead (it is not an animation). */
export const RUN_TO_END_POST_MS = 250;

export interface HostScheduler {
  now(): number;
  /** run `fn` after `ms` (0: as soon as the event loop is free) */
  later(fn: () => void, ms: number): void;
}

type Mode = 'paced' | 'max' | 'toEnd';

/** A request this host cannot serve as asked (nothing configured yet): refused, the worker is fine. */
class RequestError extends Error {}

/** Requests whose failure is only refused: an export that cannot be written leaves the training intact. */
const REFUSABLE: ReadonlySet<SimRequest['kind']> = new Set(['exportRun', 'exportCsv']);

export class SimHost {
  private sim: Simulation | null = null;
  private recorder: HistoryRecorder | null = null;
  private pending: RunHistory[] = [];
  private divergences: (Divergence | null)[] = [];
  private status: RunStatus = 'idle';
  private generation = 0;
  private fresh = false;
  private speed: Speed = 10;
  private mode: Mode = 'paced';
  private lastPost = -Infinity;
  private lastRecordedStep = -1;
  /** steps still due in the current paced frame */
  private quota = 0;
  private frameStart = 0;
  /** bumped whenever training is (re)scheduled or stopped, so stale timers do nothing */
  private loopToken = 0;
  private backend = 'unknown';
  /** measured milliseconds per training step (a moving average), to size the next call */
  private stepMs: number | null = null;
  /** the block of seeds this worker trains (all of them when undefined) */
  private shard: SeedShard | undefined = undefined;
  /** set by interrupt(): a request is waiting, so a warm-up stops early */
  private waiting = false;

  constructor(
    private readonly post: (msg: WorkerMessage) => void,
    private readonly scheduler: HostScheduler,
  ) {}

  async handle(req: SimRequest): Promise<void> {
    try {
      const result = await this.run(req);
      this.post({ type: 'reply', id: req.id, kind: req.kind, ok: true, result } as WorkerMessage);
    } catch (err) {
      // the engine failed (out of memory, a bug): nothing here can be trusted any more, so say so first and let
      // the page replace this worker; a request that could not be served (nothing configured, an export) is
      // only refused
      if (!(err instanceof RequestError) && !REFUSABLE.has(req.kind)) this.fail(err);
      this.post({ type: 'reply', id: req.id, kind: req.kind, ok: false, error: messageOf(err) });
    }
  }

  /** Stops training and reports a failure of the engine (the page replaces the worker). */
  private fail(err: unknown): void {
    this.stopLoop();
    if (this.status === 'running') this.status = 'paused';
    this.post({ type: 'fault', message: messageOf(err) });
  }

  private async run(req: SimRequest): Promise<ReplyResults[typeof req.kind]> {
    switch (req.kind) {
      case 'init': {
        const choice = await initBackend({ wasmPaths: req.wasmPaths, prefer: req.prefer });
        this.backend = choice.name;
        return { backend: choice.name, note: choice.note };
      }
      case 'configure':
        this.shard = req.shard;
        return { runs: this.configure(req.params) };
      case 'warmUp':
        return { steps: await this.warmUp(req.params, req.ms) };
      case 'reset':
        return { runs: this.configure(this.requireSim().params) };
      case 'play':
        this.speed = req.speed;
        this.start('paced');
        return null;
      case 'runToEnd':
        this.start('toEnd');
        return null;
      case 'setSpeed':
        this.speed = req.speed;
        this.quota = Math.min(this.quota, this.frameQuota());
        return null;
      case 'pause':
        this.pause();
        return null;
      case 'step':
        this.stepBy(req.count);
        return null;
      case 'exportRun':
        // the same file the CLI writes, with the mode theory of aligned tasks (issue 4's run-file blocks)
        return {
          text: serializeRunFile(
            attachTheory(buildRunFile(this.requireSim(), this.requireRecorder(), this.backend)),
          ),
        };
      case 'exportCsv':
        return { text: historiesToCsv(this.requireSim().runs, this.requireRecorder().histories) };
      case 'traceTrial':
        return this.traceTrial(req);
    }
  }

  /** One trial of a run's current network through every rule's credit (the microscope; trains nothing). */
  private traceTrial(req: TrialRequest): ReplyResults['traceTrial'] {
    const sim = this.requireSim();
    const run = sim.runs[req.run];
    if (!run) throw new Error(`run ${req.run} does not exist (this simulation has ${sim.runs.length} runs)`);
    const trace = traceTrial({
      params: sim.params,
      network: sim.weights()[req.run],
      R: sim.feedback[req.run],
      teacherImpulse: impulseResponses(sim.task.teacher, sim.params.T),
      runSeed: run.seed,
      trial: req.trial,
      synapse: req.synapse,
    });
    return { step: sim.step, run: { ...run }, trace };
  }

  private requireSim(): Simulation {
    if (!this.sim) throw new RequestError('no simulation configured yet');
    return this.sim;
  }

  private requireRecorder(): HistoryRecorder {
    if (!this.recorder) throw new RequestError('no simulation configured yet');
    return this.recorder;
  }

  private configure(params: EngineParams) {
    this.stopLoop();
    this.sim?.dispose();
    this.sim = null;
    const sim = new Simulation(params, { shard: this.shard });
    this.sim = sim;
    this.recorder = new HistoryRecorder(sim.runs.length);
    this.pending = sim.runs.map(() => emptyHistory());
    this.divergences = sim.runs.map(() => null);
    this.generation++;
    this.fresh = true;
    this.lastRecordedStep = -1;
    this.status = 'idle';
    this.record();
    this.flush();
    return sim.runs.map((r) => ({ ...r }));
  }

  /** A request has arrived while another is being handled (the worker calls this before queueing it). */
  interrupt(): void {
    this.waiting = true;
  }

  /**
   * Trains a throwaway copy of `params` in short chunks for about `ms`, yielding between them, and stops early when
   * a request arrives. The first ~1000 steps of a fresh worker run at half speed (JIT tiers, wasm code caches,
   * XNNPACK's first operators); this moves that cost to page load. Returns the steps trained.
   */
  private async warmUp(params: EngineParams, ms: number): Promise<number> {
    this.waiting = false;
    if (!warmUpFits(params)) return 0;
    const sim = new Simulation({ ...params, every: params.steps }, { shard: this.shard });
    const start = this.scheduler.now();
    let steps = 0;
    try {
      while (!this.waiting && this.scheduler.now() - start < ms && steps < params.steps) {
        const t0 = this.scheduler.now();
        while (this.scheduler.now() - t0 < CHUNK_MS && steps < params.steps) {
          sim.stepMany(1);
          steps++;
        }
        await new Promise<void>((resolve) => this.scheduler.later(resolve, 0));
      }
    } finally {
      sim.dispose();
    }
    return steps;
  }

  private frameQuota(): number {
    return this.speed === 'max' ? Infinity : Math.max(1, Math.floor(this.speed));
  }

  private start(mode: Mode): void {
    const sim = this.requireSim();
    if (sim.step >= sim.params.steps || this.allStopped()) return this.finish();
    this.stopLoop();
    this.mode = mode === 'paced' && this.speed === 'max' ? 'max' : mode;
    this.status = 'running';
    this.quota = this.mode === 'paced' ? this.frameQuota() : Infinity;
    this.frameStart = this.scheduler.now();
    this.flush();
    this.schedule(0);
  }

  private pause(): void {
    if (!this.sim) return;
    this.stopLoop();
    if (this.status === 'running') this.status = 'paused';
    this.record();
    this.flush();
  }

  private stepBy(count: number): void {
    const sim = this.requireSim();
    this.stopLoop();
    const target = Math.min(sim.params.steps, sim.step + Math.max(1, Math.floor(count)));
    while (sim.step < target && !this.allStopped()) this.trainUpTo(target - sim.step);
    this.record();
    this.status = sim.step >= sim.params.steps && !this.allStopped() ? 'finished' : 'paused';
    this.flush();
  }

  /** Stops at the end, or where every run has diverged: then paused, not finished (no run reached the end). */
  private finish(): void {
    this.stopLoop();
    this.record();
    this.status = this.allStopped() ? 'paused' : 'finished';
    this.flush();
  }

  /** Every run has diverged (as of the last record): training further would only repeat their frozen state. */
  private allStopped(): boolean {
    return this.divergences.length > 0 && this.divergences.every((d) => d !== null);
  }

  private stopLoop(): void {
    this.loopToken++;
  }

  private schedule(ms: number): void {
    const token = this.loopToken;
    this.scheduler.later(() => {
      if (token === this.loopToken) this.tick();
    }, ms);
  }

  /** One time-boxed chunk of training, then yield (setTimeout / MessageChannel) so requests get through. */
  private tick(): void {
    const sim = this.sim;
    if (!sim || this.status !== 'running') return;
    try {
      const start = this.scheduler.now();
      while (
        this.quota > 0 &&
        sim.step < sim.params.steps &&
        !this.allStopped() &&
        this.scheduler.now() - start < CHUNK_MS
      ) {
        const before = sim.step;
        this.trainUpTo(Math.min(this.quota, this.stepsThatFit(CHUNK_MS - (this.scheduler.now() - start))));
        this.quota -= sim.step - before;
      }
    } catch (err) {
      this.fail(err);
      return;
    }
    if (sim.step >= sim.params.steps || this.allStopped()) return this.finish();
    const now = this.scheduler.now();
    const gap = this.mode === 'toEnd' ? RUN_TO_END_POST_MS : FRAME_MS;
    if (now - this.lastPost >= gap) this.flush();
    if (this.quota > 0) return this.schedule(0);
    // paced: the frame's steps are done; wait for the next frame
    const wait = Math.max(0, this.frameStart + FRAME_MS - now);
    this.frameStart = now + wait;
    this.quota = this.frameQuota();
    this.schedule(wait);
  }

  /**
   * Trains up to `limit` steps in one call, stopping at the next recording step (so the engine reads back once per
   * interval: see Simulation.stepMany), and records there.
   */
  private trainUpTo(limit: number): void {
    const sim = this.requireSim();
    const { every, steps } = sim.params;
    const toRecord = every - (sim.step % every);
    const count = Math.max(1, Math.min(limit, toRecord, steps - sim.step));
    const t0 = this.scheduler.now();
    sim.stepMany(count);
    const perStep = (this.scheduler.now() - t0) / count;
    this.stepMs = this.stepMs === null ? perStep : 0.8 * this.stepMs + 0.2 * perStep;
    if (sim.step % every === 0) this.record();
  }

  /** Steps expected to fit in `ms` at the measured pace (at least one). */
  private stepsThatFit(ms: number): number {
    return this.stepMs === null || this.stepMs <= 0 ? 1 : Math.max(1, Math.floor(ms / this.stepMs));
  }

  /** Records the current step once (no duplicate when pause follows a regular record). */
  private record(): void {
    const sim = this.sim;
    const recorder = this.recorder;
    if (!sim || !recorder || sim.step === this.lastRecordedStep) return;
    const snap = sim.snapshot();
    recorder.record(snap);
    snap.runs.forEach((_m, k) => appendSnapshotRun(this.pending[k], snap, k));
    this.divergences = snap.diverged;
    this.lastRecordedStep = sim.step;
    thinHistories(recorder.histories, HISTORY_RECORD_CAP);
  }

  /** Posts the records made since the previous snapshot, with the latest spectra, divergences and status. */
  private flush(): void {
    const sim = this.sim;
    if (!sim || !this.recorder) return;
    this.post({
      type: 'snapshot',
      generation: this.generation,
      fresh: this.fresh,
      status: this.status,
      step: sim.step,
      steps: sim.params.steps,
      runs: sim.runs.map((r) => ({ ...r })),
      records: this.pending,
      spectra: this.recorder.spectra,
      divergences: this.divergences,
      digests: this.status === 'running' ? null : sim.weights().map(weightsDigest),
    });
    this.fresh = false;
    this.pending = sim.runs.map(() => emptyHistory());
    this.lastPost = this.scheduler.now();
  }
}

/**
 * Whether a warm-up copy fits beside the configured run: it trains a second Simulation of the same size (its
 * tensors, not its history), and a run near the memory budget would then need twice the budget.
 */
export function warmUpFits(params: EngineParams): boolean {
  const run = estimateMemory(params);
  return run.totalBytes + run.tensorBytes <= MEMORY_BUDGET_BYTES;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
