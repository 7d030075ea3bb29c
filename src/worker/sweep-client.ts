// The main thread's handle on the sweep worker: run a sweep as a promise with progress, cancel it.
// May import: ./sweep-protocol and engine types. The ONLY module that creates sweep.worker.ts.
import type { EngineParams } from '../engine/params';
import type { SweepRunRecord } from '../engine/sweep/sweep-runner';
import type { SweepMessage, SweepRequest } from './sweep-protocol';

export interface SweepResult {
  records: SweepRunRecord[];
  backend: string;
  seconds: number;
}

export interface SweepClient {
  /** trains every cell; rejects with 'cancelled' when cancelled (or replaced by another run) */
  run(
    cells: EngineParams[],
    onProgress: (done: number, total: number) => void,
    maxRuns?: number,
  ): Promise<SweepResult>;
  cancel(): void;
  dispose(): void;
}

export class SweepCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** The slice of the Worker API the client uses (a real Worker, or a stand-in in tests). */
export interface SweepWorkerLike {
  postMessage(msg: SweepRequest): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<SweepMessage>) => void): void;
  terminate(): void;
}

export function createSweepClient(wasmPaths?: Record<string, string>): SweepClient {
  // the worker starts on the first sweep: a page that never sweeps pays nothing
  let worker: SweepWorkerLike | null = null;
  const make = () =>
    new Worker(new URL('./sweep.worker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as SweepWorkerLike;
  return sweepClientFor(() => (worker ??= make()), wasmPaths);
}

/** A client over any worker (created on first use). */
export function sweepClientFor(
  getWorker: () => SweepWorkerLike,
  wasmPaths?: Record<string, string>,
): SweepClient {
  let nextId = 1;
  let current: {
    id: number;
    resolve: (r: SweepResult) => void;
    reject: (e: Error) => void;
    onProgress: (done: number, total: number) => void;
  } | null = null;
  let listening: SweepWorkerLike | null = null;
  const listen = (w: SweepWorkerLike) => {
    if (listening === w) return;
    listening = w;
    w.addEventListener('message', (e) => {
      const m = e.data;
      if (!current || m.id !== current.id) return; // a stale message of a cancelled run
      const job = current;
      if (m.type === 'progress') job.onProgress(m.done, m.total);
      else {
        current = null;
        if (m.type === 'done') job.resolve({ records: m.records, backend: m.backend, seconds: m.seconds });
        else if (m.type === 'cancelled') job.reject(new SweepCancelled());
        else job.reject(new Error(m.message));
      }
    });
  };
  const cancel = () => {
    if (!current) return;
    const job = current;
    current = null;
    getWorker().postMessage({ kind: 'cancel', id: job.id });
    job.reject(new SweepCancelled());
  };
  return {
    run(cells, onProgress, maxRuns) {
      cancel();
      const w = getWorker();
      listen(w);
      const id = nextId++;
      return new Promise<SweepResult>((resolve, reject) => {
        current = { id, resolve, reject, onProgress };
        w.postMessage({
          kind: 'run',
          id,
          cells,
          ...(maxRuns ? { maxRuns } : {}),
          ...(wasmPaths ? { wasmPaths } : {}),
        });
      });
    },
    cancel,
    dispose() {
      cancel();
      listening?.terminate();
    },
  };
}
