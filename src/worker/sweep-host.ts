// The sweep worker's loop: trains a sweep in time-boxed chunks (a cancel is handled between two of them), posts
// throttled progress, then the records. May import: the engine and ./sweep-protocol (no DOM, React or zustand).
import { initBackend } from '../engine/backend';
import { SweepRunner } from '../engine/sweep/sweep-runner';
import type { HostScheduler } from './training-loop';
import type { SweepMessage, SweepRequest } from './sweep-protocol';

/** A chunk of training never runs longer than about this before yielding. */
export const SWEEP_CHUNK_MS = 50;
/** Progress is posted at most this often. */
export const SWEEP_PROGRESS_MS = 200;

export class SweepHost {
  private job: { id: number; runner: SweepRunner; started: number; backend: string } | null = null;
  private lastProgress = -Infinity;
  /** steps per chunk, sized from the last chunk's time */
  private chunk = 10;

  constructor(
    private readonly post: (msg: SweepMessage) => void,
    private readonly scheduler: HostScheduler,
  ) {}

  async handle(req: SweepRequest): Promise<void> {
    if (req.kind === 'cancel') {
      if (this.job?.id === req.id) {
        this.job.runner.dispose();
        this.job = null;
        this.post({ type: 'cancelled', id: req.id });
      }
      return;
    }
    if (this.job) {
      // one sweep at a time: a new one replaces the old
      this.job.runner.dispose();
      this.post({ type: 'cancelled', id: this.job.id });
      this.job = null;
    }
    try {
      const backend = await initBackend(req.wasmPaths ? { wasmPaths: req.wasmPaths } : {});
      this.job = {
        id: req.id,
        runner: new SweepRunner(req.cells, req.maxRuns ? { maxRuns: req.maxRuns } : {}),
        started: this.scheduler.now(),
        backend: backend.name,
      };
      this.chunk = 10;
      this.lastProgress = -Infinity;
      this.scheduler.later(() => this.loop(req.id), 0);
    } catch (err) {
      this.post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
    }
  }

  private loop(id: number): void {
    const job = this.job;
    if (!job || job.id !== id) return; // cancelled or replaced
    try {
      const start = this.scheduler.now();
      const trained = job.runner.advance(this.chunk);
      const ms = this.scheduler.now() - start;
      // aim at SWEEP_CHUNK_MS per chunk (a batch of a thousand cells takes ~20 ms a step, one cell ~1 ms)
      if (trained > 0 && ms > 0)
        this.chunk = Math.max(1, Math.min(1000, Math.round((trained * SWEEP_CHUNK_MS) / ms)));
      else if (trained > 0) this.chunk = Math.min(1000, this.chunk * 2);
      const { done, total } = job.runner.progress;
      if (job.runner.finished) {
        const records = job.runner.records();
        this.job = null;
        this.post({ type: 'progress', id, done, total });
        this.post({
          type: 'done',
          id,
          records,
          backend: job.backend,
          seconds: (this.scheduler.now() - job.started) / 1000,
        });
        return;
      }
      if (this.scheduler.now() - this.lastProgress >= SWEEP_PROGRESS_MS) {
        this.lastProgress = this.scheduler.now();
        this.post({ type: 'progress', id, done, total });
      }
      this.scheduler.later(() => this.loop(id), 0);
    } catch (err) {
      job.runner.dispose();
      this.job = null;
      this.post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
