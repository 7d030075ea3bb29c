// A Web Worker stand-in for Node: serves the REAL worker code (serve-host.ts → SimHost → engine) in this process,
// with a private scope, and passes messages structured-cloned and asynchronously, as a browser would. Several
// stand-ins share this process's TF.js backend (one per worker in a browser).
// May import: src/worker/serve-host.
import { serveSimHost, type WorkerScope } from '../../src/worker/serve-host';

type Listener = (e: { data: unknown }) => void;

/** Messages cross after the current task, never synchronously (like postMessage between threads). */
const deliver = (listeners: Set<Listener>, data: unknown) => {
  const copy = structuredClone(data);
  setTimeout(() => listeners.forEach((fn) => fn({ data: copy })), 0);
};

export class InProcessWorker {
  private readonly toWorker = new Set<Listener>();
  private readonly toMain = new Set<Listener>();
  private readonly errorListeners = new Set<(e: { message: string }) => void>();
  private terminated = false;
  /** resolves once the worker module has been evaluated (messages sent before are queued) */
  private readonly loaded: Promise<void>;

  constructor(_url: URL | string) {
    const scope = {
      postMessage: (data: unknown) => {
        if (!this.terminated) deliver(this.toMain, data);
      },
      addEventListener: (type: string, fn: Listener) => {
        if (type === 'message') this.toWorker.add(fn);
      },
    };
    this.loaded = Promise.resolve().then(() => {
      serveSimHost(scope as unknown as WorkerScope);
    });
    this.loaded.catch((err: unknown) => this.errorListeners.forEach((fn) => fn({ message: String(err) })));
  }

  postMessage(data: unknown): void {
    void this.loaded.then(() => {
      if (!this.terminated) deliver(this.toWorker, data);
    });
  }

  addEventListener(type: string, fn: Listener | ((e: { message: string }) => void)): void {
    if (type === 'message') this.toMain.add(fn as Listener);
    if (type === 'error') this.errorListeners.add(fn as (e: { message: string }) => void);
  }

  terminate(): void {
    this.terminated = true;
    this.toWorker.clear();
    this.toMain.clear();
  }
}

/** Makes `new Worker(...)` build an InProcessWorker (call in beforeAll; returns the undo). */
export function installInProcessWorker(): () => void {
  const previous = (globalThis as { Worker?: unknown }).Worker;
  (globalThis as { Worker?: unknown }).Worker = InProcessWorker;
  return () => {
    (globalThis as { Worker?: unknown }).Worker = previous;
  };
}
