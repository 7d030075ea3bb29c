// Worker-thread entry for a parallel CLI run: trains one shard of seeds and posts back its run file.
// Imports engine modules only; started by ./parallel-run.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../engine/backend';
import type { SeedShard } from '../engine/batch-layout';
import { HistoryRecorder } from '../engine/history';
import type { EngineParams } from '../engine/params';
import { buildRunFile, trainAndRecord } from '../engine/run-builder';
import { Simulation } from '../engine/simulation';

export type ShardMessage =
  { type: 'progress'; step: number } | { type: 'done'; file: ReturnType<typeof buildRunFile> };

const { params, shard } = workerData as { params: EngineParams; shard: SeedShard };
const port = parentPort!;
const backend = await initBackend();
const sim = new Simulation(params, { shard });
const recorder = trainAndRecord(sim, new HistoryRecorder(sim.runs.length), (step) =>
  port.postMessage({ type: 'progress', step } satisfies ShardMessage),
);
port.postMessage({ type: 'done', file: buildRunFile(sim, recorder, backend.name) } satisfies ShardMessage);
sim.dispose();
