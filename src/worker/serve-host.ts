// Wires a worker scope's messages to a SimHost, one request at a time. May import: ./sim-host, ./protocol.
// sim.worker.ts calls it with the worker's `self`; tests call it with an in-process stand-in scope.
import type { SimRequest, WorkerMessage } from './protocol';
import { SimHost } from './sim-host';

export interface WorkerScope {
  postMessage(msg: WorkerMessage): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<SimRequest>) => void): void;
}

/** Yields to the event loop without the ≥4 ms clamp of nested setTimeout(0), so "max" speed stays fast. */
function yieldNow(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
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
