// The typed message protocol between the main thread (sim-client.ts) and the training worker (sim.worker.ts).
// May import: engine types only (types only: this file emits no code).
import type { RunInfo, SeedShard } from '../engine/batch-layout';
import type { RunHistory, Spectrum } from '../engine/history';
import type { EngineParams } from '../engine/params';
import type { Divergence } from '../engine/simulation';
import type { TrialTrace } from '../engine/trial-trace';

/** Training steps per displayed frame, or 'max': as many as fit while staying responsive. */
export type Speed = number | 'max';

export type RunStatus = 'idle' | 'running' | 'paused' | 'finished';

/** What the main thread asks for. Every request carries an id; the worker answers each with one Reply. */
export type SimRequest =
  | { id: number; kind: 'init'; wasmPaths?: Record<string, string>; prefer?: 'wasm' | 'cpu' }
  /**
   * build a new Simulation (step 0, same initial weights for the same params) and post a fresh snapshot; with a
   * shard, only that block of seeds (the pool splits a run over workers this way)
   */
  | { id: number; kind: 'configure'; params: EngineParams; shard?: SeedShard }
  /** trains a throwaway copy of `params` for about `ms` so the first real run starts at full speed (JIT, wasm) */
  | { id: number; kind: 'warmUp'; params: EngineParams; ms: number }
  | { id: number; kind: 'play'; speed: Speed }
  | { id: number; kind: 'pause' }
  | { id: number; kind: 'step'; count: number }
  /** rebuild the Simulation with the same params: back to the SAME initial weights */
  | { id: number; kind: 'reset' }
  /** train to `steps` as fast as possible, posting progress rarely */
  | { id: number; kind: 'runToEnd' }
  | { id: number; kind: 'setSpeed'; speed: Speed }
  /** the run file (serializeRunFile text), exactly what the CLI writes */
  | { id: number; kind: 'exportRun' }
  /** every recorded metric as CSV */
  | { id: number; kind: 'exportCsv' }
  /** the credit-assignment microscope: one trial of run `run`'s current network (engine/trial-trace.ts) */
  | ({ id: number; kind: 'traceTrial' } & TrialRequest);

/** Which network (run index in the unsplit order), which trial, which synapse W_ij ([i, j], 0-based). */
export interface TrialRequest {
  run: number;
  trial: number;
  synapse: [number, number];
}

export type RequestKind = SimRequest['kind'];

/** The result each request kind resolves with. */
export interface ReplyResults {
  init: { backend: string; note: string | null };
  configure: { runs: RunInfo[] };
  warmUp: { steps: number };
  play: null;
  pause: null;
  step: null;
  reset: { runs: RunInfo[] };
  runToEnd: null;
  setSpeed: null;
  exportRun: { text: string };
  exportCsv: { text: string };
  /** the network's run and the step its weights are from */
  traceTrial: { step: number; run: RunInfo; trace: TrialTrace };
}

export type Reply =
  | {
      [K in RequestKind]: { type: 'reply'; id: number; kind: K; ok: true; result: ReplyResults[K] };
    }[RequestKind]
  | { type: 'reply'; id: number; kind: RequestKind; ok: false; error: string };

/**
 * Posted by the worker at most ~30 times a second (and after every configure, reset, pause, step and end):
 * plain arrays only. `records` holds, per run, the history records made since the previous snapshot.
 */
export interface SnapshotMessage {
  type: 'snapshot';
  /** bumped by configure and reset; a snapshot with `fresh` starts a new set of histories */
  generation: number;
  fresh: boolean;
  status: RunStatus;
  step: number;
  /** the target step (params.steps) */
  steps: number;
  runs: RunInfo[];
  records: RunHistory[];
  /** latest singular values of ΔW, ΔB per run */
  spectra: (Spectrum | null)[];
  divergences: (Divergence | null)[];
  /**
   * per run, the digest of its current weights (engine/checksum.ts: combineDigests gives the run checksum); null
   * while training runs (the weights change every frame, and hashing them each frame would slow big runs)
   */
  digests: string[] | null;
}

/**
 * The engine failed (while training, or serving a request other than an export): training has stopped and this
 * worker can no longer be trusted (its wasm heap may be broken), so the page replaces it.
 */
export interface FaultMessage {
  type: 'fault';
  message: string;
}

export type WorkerMessage = Reply | SnapshotMessage | FaultMessage;
