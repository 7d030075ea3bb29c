// The module Web Worker entry: wires the worker scope's messages to SimHost, one request at a time.
// May import: ./sim-host and ./protocol (types). Only sim-client.ts creates this worker.
import type { SimRequest, WorkerMessage } from './protocol';
import { SimHost } from './sim-host';

// captured once: tests run this module in-process with a stand-in scope (test/worker/in-process-worker.ts)
const scope = self as unknown as {
  postMessage(msg: WorkerMessage): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<SimRequest>) => void): void;
};

/** Yields to the event loop without the ≥4 ms clamp of nested setTimeout(0), so "max" speed stays fast. */
function yieldNow(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

const host = new SimHost((msg) => scope.postMessage(msg), {
  now: () => performance.now(),
  later: (fn, ms) => (ms > 0 ? setTimeout(fn, ms) : yieldNow(fn)),
});

// requests are handled in arrival order; init is async (backend), so later requests wait for it
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (e) => {
  const req = e.data;
  queue = queue.then(() => host.handle(req));
});
