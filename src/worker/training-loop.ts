// The worker's pacing of training: paced play (a speed's steps per frame), max speed and run to end, in time-boxed
// chunks that yield between them so requests (pause, a new speed) get through at once. It owns no simulation and
// no history: the host it drives trains, records and posts.
// May import: the engine's Simulation type and ./protocol (no DOM, React or zustand).
import type { Simulation } from '../engine/simulation';
import type { Speed } from './protocol';

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

export type LoopMode = 'paced' | 'max' | 'toEnd';

/** What the loop needs of the host it drives. */
export interface LoopHost {
  /** the simulation to train (null: none configured, the loop does nothing) */
  sim(): Simulation | null;
  /** every run has diverged: training further would only repeat their frozen state */
  allStopped(): boolean;
  /** records the current step (called at each recording step) */
  record(): void;
  /** posts a snapshot of what was recorded since the last one */
  flush(): void;
  /** when the last snapshot was posted (scheduler time) */
  lastPost(): number;
  /** the end (or every run diverged) was reached: stop and say so */
  finish(): void;
  /** the engine threw: stop and report it */
  fail(err: unknown): void;
}

export class TrainingLoop {
  private speed: Speed = 10;
  private mode: LoopMode = 'paced';
  /** steps still due in the current paced frame */
  private quota = 0;
  private frameStart = 0;
  /** bumped whenever training is (re)scheduled or stopped, so stale timers do nothing */
  private token = 0;
  private running = false;
  /** measured milliseconds per training step (a moving average), to size the next call */
  private stepMs: number | null = null;

  constructor(
    private readonly host: LoopHost,
    private readonly scheduler: HostScheduler,
  ) {}

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.quota = Math.min(this.quota, this.frameQuota());
  }

  /** Starts (or restarts) training in `mode`; paced play at speed 'max' runs as 'max'. */
  start(mode: LoopMode): void {
    this.stop();
    this.mode = mode === 'paced' && this.speed === 'max' ? 'max' : mode;
    this.quota = this.mode === 'paced' ? this.frameQuota() : Infinity;
    this.frameStart = this.scheduler.now();
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.token++;
    this.running = false;
  }

  /**
   * Trains up to `limit` steps in one call, stopping at the next recording step (so the engine reads back once per
   * interval: see Simulation.stepMany), and records there.
   */
  trainUpTo(sim: Simulation, limit: number): void {
    const { every, steps } = sim.params;
    const toRecord = every - (sim.step % every);
    const count = Math.max(1, Math.min(limit, toRecord, steps - sim.step));
    const t0 = this.scheduler.now();
    sim.stepMany(count);
    const perStep = (this.scheduler.now() - t0) / count;
    this.stepMs = this.stepMs === null ? perStep : 0.8 * this.stepMs + 0.2 * perStep;
    if (sim.step % every === 0) this.host.record();
  }

  private frameQuota(): number {
    return this.speed === 'max' ? Infinity : Math.max(1, Math.floor(this.speed));
  }

  private schedule(ms: number): void {
    const token = this.token;
    this.scheduler.later(() => {
      if (token === this.token) this.tick();
    }, ms);
  }

  /** One time-boxed chunk of training, then yield (setTimeout / MessageChannel) so requests get through. */
  private tick(): void {
    const sim = this.host.sim();
    if (!sim || !this.running) return;
    try {
      const start = this.scheduler.now();
      while (
        this.quota > 0 &&
        sim.step < sim.params.steps &&
        !this.host.allStopped() &&
        this.scheduler.now() - start < CHUNK_MS
      ) {
        const before = sim.step;
        this.trainUpTo(
          sim,
          Math.min(this.quota, this.stepsThatFit(CHUNK_MS - (this.scheduler.now() - start))),
        );
        this.quota -= sim.step - before;
      }
    } catch (err) {
      this.host.fail(err);
      return;
    }
    if (sim.step >= sim.params.steps || this.host.allStopped()) return this.host.finish();
    const now = this.scheduler.now();
    const gap = this.mode === 'toEnd' ? RUN_TO_END_POST_MS : FRAME_MS;
    if (now - this.host.lastPost() >= gap) this.host.flush();
    if (this.quota > 0) return this.schedule(0);
    // paced: the frame's steps are done; wait for the next frame
    const wait = Math.max(0, this.frameStart + FRAME_MS - now);
    this.frameStart = now + wait;
    this.quota = this.frameQuota();
    this.schedule(wait);
  }

  /** Steps expected to fit in `ms` at the measured pace (at least one). */
  private stepsThatFit(ms: number): number {
    return this.stepMs === null || this.stepMs <= 0 ? 1 : Math.max(1, Math.floor(ms / this.stepMs));
  }
}
