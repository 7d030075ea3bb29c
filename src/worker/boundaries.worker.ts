// The phase diagrams' theory lines, computed off the main thread (flows and Jacobians over a sample grid take up to
// a second or two). May import: state. Only boundaries-client.ts creates this worker.
import { sweepBoundaries } from '../state/threshold-boundaries';
import type { BoundariesReply, BoundariesRequest } from './boundaries-client';

const scope = self as unknown as {
  postMessage(msg: BoundariesReply): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<BoundariesRequest>) => void): void;
};
scope.addEventListener('message', ({ data }) => {
  try {
    scope.postMessage({ id: data.id, boundaries: sweepBoundaries(data.base, data.grid) });
  } catch (e) {
    scope.postMessage({ id: data.id, error: e instanceof Error ? e.message : String(e) });
  }
});
