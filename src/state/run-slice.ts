// The run slice: what the worker is doing (status, step, runs, speed, backend) and the run controls' actions.
// May import: worker protocol types and ./store types. Status and step only ever come from worker snapshots.
import type { RunInfo } from '../engine/batch-layout';
import type { RunStatus, Speed } from '../worker/protocol';
import type { SliceContext } from './store';

/** Speed menu: training steps per displayed frame; 'max' trains as fast as the worker can. */
export const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 25, 100, 'max'];
export const DEFAULT_SPEED: Speed = 10;

/** The last thing the user asked for (the status line phrases the outcome with it). */
export type RunAction = 'none' | 'configure' | 'play' | 'pause' | 'step' | 'reset' | 'runToEnd' | 'load';

export interface RunSlice {
  status: RunStatus;
  step: number;
  /** the target step of what is shown */
  steps: number;
  runs: RunInfo[];
  speed: Speed;
  lastAction: RunAction;
  /** 'file': charts show a loaded run file; the next run action retrains from its parameters */
  source: 'live' | 'file';
  backend: string | null;
  backendNote: string | null;
  /** a request that failed (e.g. an export), shown to the user */
  fault: string | null;
  /**
   * why the simulation stopped when its worker failed (crashed, died, out of memory); the worker has been replaced
   * and the run is lost, so Reset, a preset or Play starts it again from step 0
   */
  failure: string | null;
  /** Builds the simulation for the current params (step 0) in the worker. */
  configure(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** one training step */
  stepOnce(): void;
  /** back to step 0 with the SAME initial weights */
  reset(): void;
  /** train to `steps` without animation */
  runToEnd(): void;
  setSpeed(speed: Speed): void;
}

export function createRunSlice({ set, get, deps }: SliceContext): RunSlice {
  const { client } = deps;
  const report = (p: Promise<unknown>) =>
    p.catch((err: unknown) => {
      // a request ended by a worker failure: the failure itself (onFault) already says why
      if ((err instanceof Error && err.name === 'WorkerFailure') || get().failure) return;
      set({ fault: err instanceof Error ? err.message : String(err) });
    });

  /** Leaving a loaded file's view, or a run whose worker failed: rebuild the simulation before acting. */
  const ensureLive = () => {
    if (get().source === 'file' || get().failure) get().configure();
  };

  return {
    status: 'idle',
    step: 0,
    steps: 0,
    runs: [],
    speed: DEFAULT_SPEED,
    lastAction: 'none',
    source: 'live',
    backend: null,
    backendNote: null,
    fault: null,
    failure: null,

    configure() {
      get().discardPendingSnapshots();
      set({
        source: 'live',
        lastAction: 'configure',
        fault: null,
        failure: null,
        loadedFile: null,
        runFileError: null,
      });
      report(client.configure(get().params));
    },
    play() {
      if (get().status === 'finished' && get().source === 'live') return;
      ensureLive();
      set({ lastAction: 'play', fault: null });
      report(client.play(get().speed));
    },
    pause() {
      set({ lastAction: 'pause' });
      report(client.pause());
    },
    togglePlay() {
      if (get().status === 'running') get().pause();
      else get().play();
    },
    stepOnce() {
      if (get().status === 'finished' && get().source === 'live') return;
      ensureLive();
      set({ lastAction: 'step', fault: null });
      report(client.step(1));
    },
    reset() {
      if (get().source === 'file') return get().configure();
      get().discardPendingSnapshots();
      set({ lastAction: 'reset', fault: null, failure: null });
      report(client.reset());
    },
    runToEnd() {
      if (get().status === 'finished' && get().source === 'live') return;
      ensureLive();
      set({ lastAction: 'runToEnd', fault: null });
      report(client.runToEnd());
    },
    setSpeed(speed) {
      set({ speed });
      report(client.setSpeed(speed));
    },
  };
}
