// Wires a worker scope's messages to a SimHost, one request at a time. May import: ./sim-host, ./protocol.
// sim.worker.ts calls it with the worker's `self`; tests call it with an in-process stand-in scope.
import type { SimRequest, WorkerMessage } from './protocol';
import { SimHost } from './sim-host';
import { yieldNow } from './yield-now';

export interface WorkerScope {
  postMessage(msg: WorkerMessage): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<SimRequest>) => void): void;
}

/** @param before requests wait for this first (the worker's lifeline lock being held) */
export function serveSimHost(scope: WorkerScope, before: Promise<void> = Promise.resolve()): SimHost {
  const host = new SimHost((msg) => scope.postMessage(msg), {
    now: () => performance.now(),
    later: (fn, ms) => (ms > 0 ? setTimeout(fn, ms) : yieldNow(fn)),
  });
  // requests are handled in arrival order; init is async (backend), so later requests wait for it. A request
  // that arrives while another runs interrupts a warm-up at once.
  let queue: Promise<void> = before;
  scope.addEventListener('message', (e) => {
    const req = e.data;
    host.interrupt();
    queue = queue.then(() => host.handle(req));
  });
  return host;
}
