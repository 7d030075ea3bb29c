// The sweep's module Web Worker entry: serves a SweepHost on the worker's scope. May import: ./sweep-host, ./yield-now.
// Only sweep-client.ts creates this worker.
import { SweepHost } from './sweep-host';
import type { SweepMessage, SweepRequest } from './sweep-protocol';
import { yieldNow } from './yield-now';

const scope = self as unknown as {
  postMessage(msg: SweepMessage): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<SweepRequest>) => void): void;
};
const host = new SweepHost((msg) => scope.postMessage(msg), {
  now: () => performance.now(),
  later: (fn, ms) => (ms > 0 ? setTimeout(fn, ms) : yieldNow(fn)),
});
// a cancel must overtake a chunk loop, so requests are handled as they arrive (handle never blocks long)
scope.addEventListener('message', (e) => void host.handle(e.data));
