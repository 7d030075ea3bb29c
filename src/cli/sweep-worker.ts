// Worker-thread entry for a threaded sweep: trains one contiguous block of cells and posts back its records
// (writing the block's run files itself, so they never cross threads). Started by ./sweep-parallel.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../engine/backend';
import type { EngineParams } from '../engine/params';
import type { PlanName } from '../engine/plans/plan';
import { SweepRunner, type SweepRunRecord } from '../engine/sweep/sweep-runner';
import { batchKey } from '../engine/cells';
import { attachTheory } from '../theory/run-file-blocks';
import { writeRunFile } from './run-file-writer';
import { runFilePath } from './sweep-files';

export interface SweepBlock {
  cells: EngineParams[];
  /** the plan of each batch key, chosen for the whole grid */
  plans: [string, PlanName][];
  maxRuns: number;
  /** write each cell's run file: folder, this block's first cell in the grid, the grid's cell count */
  runFiles: { dir: string; first: number; total: number } | null;
}

export type SweepWorkerMessage =
  { type: 'progress'; done: number; total: number } | { type: 'done'; records: SweepRunRecord[] };

/** Trains a block (in this thread or a worker): the same runner, options and files either way. */
export function trainBlock(
  block: SweepBlock,
  backend: string,
  onProgress: (done: number, total: number) => void,
): SweepRunRecord[] {
  const plans = new Map(block.plans);
  const { runFiles } = block;
  const runner = new SweepRunner(block.cells, {
    planFor: (p) => plans.get(batchKey(p))!,
    maxRuns: block.maxRuns,
    backend,
    ...(runFiles
      ? {
          onRunFile: (cell, file) =>
            writeRunFile(
              attachTheory(file),
              runFilePath(runFiles.dir, runFiles.first + cell, runFiles.total),
            ),
        }
      : {}),
  });
  return runner.runToEnd(onProgress);
}

if (parentPort && workerData) {
  const port = parentPort;
  const backend = await initBackend();
  const records = trainBlock(workerData as SweepBlock, backend.name, (done, total) =>
    port.postMessage({ type: 'progress', done, total } satisfies SweepWorkerMessage),
  );
  port.postMessage({ type: 'done', records } satisfies SweepWorkerMessage);
}
