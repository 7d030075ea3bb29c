// The main thread's handle on the training worker: typed requests as promises, snapshot and fault events.
// May import: ./protocol and engine types. The ONLY module that creates sim.worker.ts.
import type { SeedShard } from '../engine/batch-layout';
import type { EngineParams } from '../engine/params';
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
  onFault(listener: (message: string) => void): () => void;
  dispose(): void;
}

/** The slice of the Worker API the client uses (a real Worker, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(msg: SimRequest): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<WorkerMessage>) => void): void;
  addEventListener(type: 'error', fn: (e: ErrorEvent) => void): void;
  terminate(): void;
}

export interface SimClientOptions {
  /** the three .wasm asset URLs (browser); omit in Node, where the backend finds its own files */
  wasmPaths?: Record<string, string>;
  prefer?: 'wasm' | 'cpu';
}

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };
type Body<K extends RequestKind> = Omit<Extract<SimRequest, { kind: K }>, 'id' | 'kind'>;

export function createSimClient(options: SimClientOptions = {}): SimClient {
  // Vite bundles the worker from this exact `new Worker(new URL(...))` form, with a relative URL
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as WorkerLike;
  return clientFor(worker, options);
}

/** A client over any WorkerLike (createSimClient passes the real module worker). */
export function clientFor(worker: WorkerLike, options: SimClientOptions = {}): SimClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const snapshotListeners = new Set<(s: SnapshotMessage) => void>();
  const faultListeners = new Set<(m: string) => void>();

  worker.addEventListener('message', (e: MessageEvent<WorkerMessage>) => {
    const msg = e.data;
    if (msg.type === 'snapshot') snapshotListeners.forEach((fn) => fn(msg));
    else if (msg.type === 'fault') faultListeners.forEach((fn) => fn(msg.message));
    else {
      const waiting = pending.get(msg.id);
      if (!waiting) return;
      pending.delete(msg.id);
      if (msg.ok) waiting.resolve(msg.result);
      else waiting.reject(new Error(msg.error));
    }
  });
  worker.addEventListener('error', (e: ErrorEvent) => {
    const message = `simulation worker failed: ${e.message || 'unknown error'}`;
    faultListeners.forEach((fn) => fn(message));
    pending.forEach((p) => p.reject(new Error(message)));
    pending.clear();
  });

  function request<K extends RequestKind>(kind: K, body: Body<K>): Promise<ReplyResults[K]> {
    const id = nextId++;
    return new Promise<ReplyResults[K]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, kind, ...body } as SimRequest);
    });
  }

  const ready = request('init', { wasmPaths: options.wasmPaths, prefer: options.prefer });
  // an unobserved init failure still surfaces through the first request that needs the backend
  ready.catch(() => undefined);

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
      worker.terminate();
      pending.forEach((p) => p.reject(new Error('simulation worker disposed')));
      pending.clear();
    },
  };
}
