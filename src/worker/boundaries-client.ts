// The main thread's handle on the boundaries worker: the latest request wins, older answers are dropped. Where
// there are no workers (server rendering, unit tests) it computes in place. May import: state, engine types.
import type { EngineParams } from '../engine/params';
import type { Boundary } from '../state/sweep-boundaries';
import type { SweepGrid } from '../state/sweep-grid';
import { sweepBoundaries } from '../state/threshold-boundaries';

export interface BoundariesRequest {
  id: number;
  base: EngineParams;
  grid: SweepGrid;
}
export type BoundariesReply = { id: number; boundaries: Boundary[] } | { id: number; error: string };

export interface BoundariesClient {
  /** resolves with the boundaries, or null when a later request replaced this one */
  compute(base: EngineParams, grid: SweepGrid): Promise<Boundary[] | null>;
  dispose(): void;
}

export function createBoundariesClient(): BoundariesClient {
  if (typeof Worker === 'undefined')
    return { compute: (base, grid) => Promise.resolve(sweepBoundaries(base, grid)), dispose: () => {} };
  let worker: Worker | null = null;
  let latest = 0;
  const waiting = new Map<number, (r: BoundariesReply) => void>();
  const get = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./boundaries.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent<BoundariesReply>) => {
      waiting.get(e.data.id)?.(e.data);
      waiting.delete(e.data.id);
    });
    return worker;
  };
  return {
    compute(base, grid) {
      const id = ++latest;
      return new Promise((resolve, reject) => {
        waiting.set(id, (r) => {
          if (id !== latest) resolve(null);
          else if ('error' in r) reject(new Error(r.error));
          else resolve(r.boundaries);
        });
        get().postMessage({ id, base, grid } satisfies BoundariesRequest);
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      waiting.clear();
    },
  };
}
