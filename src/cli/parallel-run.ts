// Trains a simulation to the end, splitting its seeds over worker threads (Node only): runs never interact, so
// the merged run file is identical to a single-threaded one, just sooner. Imports engine modules and node APIs.
import { Worker } from 'node:worker_threads';
import { initBackend } from '../engine/backend';
import type { SeedShard } from '../engine/batch-layout';
import { splitSeeds } from '../engine/shards';
import { mergeRunFiles } from '../engine/merge-runs';
import { HistoryRecorder } from '../engine/history';
import type { EngineParams } from '../engine/params';
import { buildRunFile, trainAndRecord } from '../engine/run-builder';
import type { RunFile } from '../engine/run-file';
import { Simulation } from '../engine/simulation';
import type { ShardMessage } from './shard-worker';

function trainShard(
  params: EngineParams,
  shard: SeedShard,
  onProgress: (step: number) => void,
): Promise<RunFile> {
  // tsx must be registered inside the worker too, so the entry is a tiny bootstrap that loads the TS module
  const entry = new URL('./shard-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { params, shard } });
  return new Promise((resolve, reject) => {
    worker.on('message', (m: ShardMessage) => {
      if (m.type === 'progress') onProgress(m.step);
      else {
        resolve(m.file);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`shard worker exited with code ${code}`)));
  });
}

/** Runs to `params.steps` on `threads` threads (1 = in this thread) and returns the merged run file. */
export async function runParallel(
  params: EngineParams,
  threads: number,
  onProgress: (step: number) => void = () => {},
): Promise<RunFile> {
  const shards = splitSeeds(params.seeds, threads);
  if (shards.length === 1) {
    const backend = await initBackend();
    const sim = new Simulation(params);
    const file = buildRunFile(
      sim,
      trainAndRecord(sim, new HistoryRecorder(sim.runs.length), onProgress),
      backend.name,
    );
    sim.dispose();
    return file;
  }
  const progress = shards.map(() => 0);
  const files = await Promise.all(
    shards.map((shard, k) =>
      trainShard(params, shard, (step) => {
        progress[k] = step;
        onProgress(Math.min(...progress));
      }),
    ),
  );
  return { ...mergeRunFiles(files), params };
}
