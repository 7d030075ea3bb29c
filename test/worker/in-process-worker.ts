// A Web Worker stand-in for Node: evaluates the REAL worker module (sim.worker.ts) in this process, with a
// private `self` scope, and passes messages structured-cloned and asynchronously, as a browser would.
// May import: vitest (module isolation) only.
import { vi } from 'vitest';

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

  constructor(url: URL | string) {
    const path = new URL(String(url)).pathname;
    const scope = {
      postMessage: (data: unknown) => {
        if (!this.terminated) deliver(this.toMain, data);
      },
      addEventListener: (type: string, fn: Listener) => {
        if (type === 'message') this.toWorker.add(fn);
      },
    };
    this.loaded = (async () => {
      const previous = (globalThis as { self?: unknown }).self;
      // a fresh module instance per worker, bound to this scope (the module reads `self` once, on load)
      vi.resetModules();
      (globalThis as { self?: unknown }).self = scope;
      try {
        await import(/* @vite-ignore */ path);
      } finally {
        (globalThis as { self?: unknown }).self = previous;
      }
    })();
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
