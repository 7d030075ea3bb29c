// Trains a sweep's cells on one or more worker threads (Node only): contiguous blocks of cells, one per thread.
// The numbers of a cell never depend on which cells share its batch, so the records are those of one thread.
import { Worker } from 'node:worker_threads';
import { batchKey } from '../engine/cells';
import type { EngineParams } from '../engine/params';
import { choosePlan } from '../engine/plans/choose-plan';
import type { PlanName } from '../engine/plans/plan';
import type { SweepRunRecord } from '../engine/sweep/sweep-runner';
import { cellShard } from '../state/sweep-grid';
import { type SweepBlock, trainBlock, type SweepWorkerMessage } from './sweep-worker';

/**
 * Each batch key's plan, chosen for all the grid's cells of that shape (not just this shard's or thread's), so
 * every part trains with the plan of the unsharded sweep and the merged table is the unsharded one.
 */
export function gridPlans(grid: EngineParams[]): [string, PlanName][] {
  const groups = new Map<string, { p: EngineParams; count: number }>();
  for (const c of grid) {
    const key = batchKey(c);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { p: c, count: 1 });
  }
  return [...groups].map(([key, g]) => [key, choosePlan(g.p, g.count)]);
}

function trainInWorker(block: SweepBlock, onProgress: (done: number, total: number) => void) {
  // tsx must be registered inside the worker too, so the entry is a tiny bootstrap that loads the TS module
  const entry = new URL('./sweep-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: block });
  return new Promise<SweepRunRecord[]>((resolve, reject) => {
    worker.on('message', (m: SweepWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.done, m.total);
      else {
        resolve(m.records);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`sweep worker exited with code ${code}`)));
  });
}

export interface SweepPartOptions {
  /** the part of the grid to train: its cells and the first one's index in the grid */
  cells: EngineParams[];
  first: number;
  /** every cell of the grid (for the plans and the run files' names) */
  grid: EngineParams[];
  threads: number;
  maxRuns: number;
  runFilesDir: string | null;
  backend: string;
}

/** Trains the part's cells on up to `threads` threads; records by cell (indices within the part). */
export async function trainCells(
  o: SweepPartOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SweepRunRecord[]> {
  const plans = gridPlans(o.grid);
  const parts = Math.max(1, Math.min(o.threads, o.cells.length));
  const blocks = Array.from({ length: parts }, (_, k) => cellShard(o.cells.length, k + 1, parts));
  const block = (b: { first: number; count: number }): SweepBlock => ({
    cells: o.cells.slice(b.first, b.first + b.count),
    plans,
    maxRuns: o.maxRuns,
    runFiles: o.runFilesDir ? { dir: o.runFilesDir, first: o.first + b.first, total: o.grid.length } : null,
  });
  if (parts === 1) return trainBlock(block(blocks[0]), o.backend, onProgress);
  const progress = blocks.map(() => ({ done: 0, total: 0 }));
  const results = await Promise.all(
    blocks.map((b, k) =>
      trainInWorker(block(b), (done, total) => {
        progress[k] = { done, total };
        onProgress(
          progress.reduce((s, p) => s + p.done, 0),
          progress.reduce((s, p) => s + p.total, 0),
        );
      }),
    ),
  );
  // each block's cells are numbered from 0: shift them back to the part's numbering
  return results.flatMap((records, k) => records.map((r) => ({ ...r, cell: r.cell + blocks[k].first })));
}
