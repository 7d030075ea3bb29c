// The main thread's handle on the training worker: typed requests as promises, snapshot and fault events.
// May import: ./protocol, ./lifeline and engine types. The ONLY module that creates sim.worker.ts.
import type { SeedShard } from '../engine/batch-layout';
import type { EngineParams } from '../engine/params';
import { lifelineName, watchLifeline } from './lifeline';
import type {
  ReplyResults,
  RequestKind,
  SimRequest,
  SnapshotMessage,
  Speed,
  TrialRequest,
  WorkerMessage,
} from './protocol';

/** What the store needs from a simulation worker (tests may pass a fake with the same shape). */
export interface SimClient {
  /** the backend the worker got ('wasm' or 'cpu') and why, once known */
  readonly ready: Promise<ReplyResults['init']>;
  /** with a shard: only that block of seeds (sim-pool.ts splits long runs over workers this way) */
  configure(params: EngineParams, shard?: SeedShard): Promise<ReplyResults['configure']>;
  /** trains a throwaway copy of `params` for about `ms` (stops early for any other request) */
  warmUp(params: EngineParams, ms: number): Promise<ReplyResults['warmUp']>;
  play(speed: Speed): Promise<null>;
  pause(): Promise<null>;
  step(count?: number): Promise<null>;
  reset(): Promise<ReplyResults['reset']>;
  runToEnd(): Promise<null>;
  setSpeed(speed: Speed): Promise<null>;
  exportRun(): Promise<string>;
  exportCsv(): Promise<string>;
  /** the credit-assignment microscope's trial (trains nothing) */
  traceTrial(req: TrialRequest): Promise<ReplyResults['traceTrial']>;
  onSnapshot(listener: (s: SnapshotMessage) => void): () => void;
  /**
   * The worker failed: it crashed, died (closed, or ended by the browser), its engine threw, or a message could not
   * be read. `reason` says which, in words that follow "The simulation stopped: ". What it was training is lost;
   * the pool replaces the worker. A client fails at most once; afterwards every request rejects with WorkerFailure.
   */
  onFault(listener: (reason: string) => void): () => void;
  dispose(): void;
}

/** How a request ends when its worker has failed (the fault event already told the user why). */
export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

/** An error event as a Worker delivers it (a stand-in in tests may leave out preventDefault). */
export interface WorkerErrorLike {
  message?: string;
  preventDefault?(): void;
}

/** The slice of the Worker API the client uses (a real Worker, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(msg: SimRequest): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<WorkerMessage>) => void): void;
  addEventListener(type: 'error', fn: (e: WorkerErrorLike) => void): void;
  addEventListener(type: 'messageerror', fn: (e: unknown) => void): void;
  terminate(): void;
}

export interface SimClientOptions {
  /** the three .wasm asset URLs (browser); omit in Node, where the backend finds its own files */
  wasmPaths?: Record<string, string>;
  prefer?: 'wasm' | 'cpu';
  /**
   * Calls `onExit` when the worker has gone without a word (closed, or killed by the browser); returns a cancel.
   * Started once the worker has answered init. createSimClient watches the worker's lifeline lock (./lifeline).
   */
  watchExit?: (onExit: () => void) => () => void;
}

/** The reasons a worker failed, as the status line shows them after "The simulation stopped: ". */
export const FAILURE = {
  crashed: (message: string | undefined) => `the training worker crashed (${message || 'unknown error'})`,
  unreadable: 'a message from the training worker could not be read',
  engine: (message: string) => `the engine failed (${message})`,
  exited:
    'the training worker ended unexpectedly (it was closed, or the browser stopped it, e.g. out of memory)',
} as const;

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };
type Body<K extends RequestKind> = Omit<Extract<SimRequest, { kind: K }>, 'id' | 'kind'>;

export function createSimClient(options: SimClientOptions = {}): SimClient {
  // the worker is named after its lifeline lock, which it holds for its whole life (./lifeline)
  const name = lifelineName();
  // Vite bundles the worker from this exact `new Worker(new URL(...))` form, with a relative URL
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
    name: name ?? undefined,
  }) as unknown as WorkerLike;
  return clientFor(worker, { watchExit: (onExit) => watchLifeline(name, onExit), ...options });
}

/** A client over any WorkerLike (createSimClient passes the real module worker). */
export function clientFor(worker: WorkerLike, options: SimClientOptions = {}): SimClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const snapshotListeners = new Set<(s: SnapshotMessage) => void>();
  const faultListeners = new Set<(m: string) => void>();
  let failure: string | null = null;
  let disposed = false;
  let stopWatching = () => {};

  /** The worker can no longer be trusted: say why once, and end every request waiting on it. */
  const fail = (reason: string) => {
    if (failure !== null || disposed) return;
    failure = reason;
    stopWatching();
    // the waiting requests end first (their handlers run later, as microtasks): a listener may dispose this client
    pending.forEach((p) => p.reject(new WorkerFailure(reason)));
    pending.clear();
    faultListeners.forEach((fn) => fn(reason));
  };

  worker.addEventListener('message', (e: MessageEvent<WorkerMessage>) => {
    const msg = e.data;
    if (failure !== null) return;
    if (msg.type === 'snapshot') snapshotListeners.forEach((fn) => fn(msg));
    else if (msg.type === 'fault') fail(FAILURE.engine(msg.message));
    else {
      const waiting = pending.get(msg.id);
      if (!waiting) return;
      pending.delete(msg.id);
      if (msg.ok) waiting.resolve(msg.result);
      else waiting.reject(new Error(msg.error));
    }
  });
  worker.addEventListener('error', (e: WorkerErrorLike) => {
    // handled here (the status line says it), so the browser does not also report it as uncaught
    e.preventDefault?.();
    fail(FAILURE.crashed(e.message));
  });
  worker.addEventListener('messageerror', () => fail(FAILURE.unreadable));

  function request<K extends RequestKind>(kind: K, body: Body<K>): Promise<ReplyResults[K]> {
    if (failure !== null) return Promise.reject(new WorkerFailure(failure));
    if (disposed) return Promise.reject(new Error('simulation worker disposed'));
    const id = nextId++;
    return new Promise<ReplyResults[K]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, kind, ...body } as SimRequest);
    });
  }

  const ready = request('init', { wasmPaths: options.wasmPaths, prefer: options.prefer });
  // an unobserved init failure still surfaces through the first request that needs the backend
  ready.catch(() => undefined);
  // the worker holds its lifeline by the time it answers init, so a watch from here on only ends with the worker
  void ready.then(
    () => {
      if (failure === null && !disposed && options.watchExit)
        stopWatching = options.watchExit(() => fail(FAILURE.exited));
    },
    () => undefined,
  );

  return {
    ready,
    configure: (params, shard) => request('configure', shard ? { params, shard } : { params }),
    warmUp: (params, ms) => request('warmUp', { params, ms }),
    play: (speed) => request('play', { speed }),
    pause: () => request('pause', {}),
    step: (count = 1) => request('step', { count }),
    reset: () => request('reset', {}),
    runToEnd: () => request('runToEnd', {}),
    setSpeed: (speed) => request('setSpeed', { speed }),
    exportRun: () => request('exportRun', {}).then((r) => r.text),
    exportCsv: () => request('exportCsv', {}).then((r) => r.text),
    traceTrial: (req) => request('traceTrial', req),
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    onFault(listener) {
      faultListeners.add(listener);
      return () => faultListeners.delete(listener);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      // a worker ended on purpose is no failure: stop watching its lifeline first
      stopWatching();
      worker.terminate();
      pending.forEach((p) => p.reject(new Error('simulation worker disposed')));
      pending.clear();
    },
  };
}
