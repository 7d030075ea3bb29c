// The typed messages between the main thread (sweep-client.ts) and the sweep worker (sweep.worker.ts).
// May import: engine types only (types only: this file emits no code).
import type { EngineParams } from '../engine/params';
import type { SweepRunRecord } from '../engine/sweep/sweep-runner';

export type SweepRequest =
  /** trains every cell (one batched simulation per shape); the backend is set up on the first run */
  | {
      kind: 'run';
      id: number;
      cells: EngineParams[];
      /** at most this many runs per batched simulation (the memory and work budgets; state/budget.ts) */
      maxRuns?: number;
      wasmPaths?: Record<string, string>;
    }
  /** stops the run with this id at once (its tensors are released) */
  | { kind: 'cancel'; id: number };

export type SweepMessage =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; records: SweepRunRecord[]; backend: string; seconds: number }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };
