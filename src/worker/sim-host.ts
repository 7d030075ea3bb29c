// The worker's host: owns one Simulation, serves the page's requests, records and posts snapshots; the pacing of
// training is ./training-loop's and the warm-up ./warm-up's.
// May import: the engine, the theory's run-file blocks and ./protocol, ./decimate, ./history-csv, ./training-loop,
// ./warm-up (no DOM, React or zustand).
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
import { buildRunFile } from '../engine/run-builder';
import { serializeRunFile } from '../engine/run-file';
import { type Divergence, Simulation } from '../engine/simulation';
import { attachTheory } from '../theory/run-file-blocks';
import { traceTrial } from '../engine/trial-trace';
import { thinHistories } from './decimate';
import { historiesToCsv } from './history-csv';
import type { ReplyResults, RunStatus, SimRequest, TrialRequest, WorkerMessage } from './protocol';
import { type HostScheduler, type LoopMode, TrainingLoop } from './training-loop';
import { warmUp } from './warm-up';

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
  private lastPost = -Infinity;
  private lastRecordedStep = -1;
  private backend = 'unknown';
  /** the block of seeds this worker trains (all of them when undefined) */
  private shard: SeedShard | undefined = undefined;
  /** set by interrupt(): a request is waiting, so a warm-up stops early */
  private waiting = false;

  private readonly loop: TrainingLoop;

  constructor(
    private readonly post: (msg: WorkerMessage) => void,
    private readonly scheduler: HostScheduler,
  ) {
    // the loop sees the host through this view only (the host's state stays its own)
    this.loop = new TrainingLoop(
      {
        sim: () => this.sim,
        lastPost: () => this.lastPost,
        allStopped: () => this.allStopped(),
        record: () => this.record(),
        flush: () => this.flush(),
        finish: () => this.finish(),
        fail: (err) => this.fail(err),
      },
      scheduler,
    );
  }

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
        this.waiting = false;
        return {
          steps: await warmUp(req.params, this.shard, req.ms, this.scheduler, () => this.waiting),
        };
      case 'reset':
        return { runs: this.configure(this.requireSim().params) };
      case 'play':
        this.loop.setSpeed(req.speed);
        this.start('paced');
        return null;
      case 'runToEnd':
        this.start('toEnd');
        return null;
      case 'setSpeed':
        this.loop.setSpeed(req.speed);
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

  private start(mode: LoopMode): void {
    const sim = this.requireSim();
    if (sim.step >= sim.params.steps || this.allStopped()) return this.finish();
    this.status = 'running';
    this.loop.start(mode);
    this.flush();
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
    while (sim.step < target && !this.allStopped()) this.loop.trainUpTo(sim, target - sim.step);
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
    this.loop.stop();
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

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
