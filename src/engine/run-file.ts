// The run file (JSON, versioned): parameters, teacher, bases and every run's weights and history. The CLI and
// the app's "download run" write it; the app loads it. Imports engine types only.
import type { Matrix } from './linalg';
import type { Weights } from './network';
import type { EngineParams, RuleId } from './params';
import { RULE_IDS } from './params';
import type { RunHistory, Spectrum } from './history';
import type { Bases } from './tasks';

export const RUN_FILE_FORMAT = 'locality-lab-run';
export const RUN_FILE_VERSION = 1;

export interface RunRecord {
  rule: RuleId;
  seed: number;
  initial: Weights;
  final: Weights;
  /** RFLO's feedback (rflo runs only) */
  R?: Matrix;
  diverged: null | { step: number; reason: string };
  history: RunHistory;
  /** singular values of ΔW, ΔB at the last recorded step */
  spectrum: Spectrum | null;
  /** the analytical theory for this run (aligned tasks; filled by src/theory) */
  theory?: unknown;
  map?: unknown;
}

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  version: typeof RUN_FILE_VERSION;
  /** the TF.js backend that produced the numbers (same backend ⇒ same numbers) */
  backend: string;
  /** 12 hex digits over every run's final weights (engine/checksum.ts); absent in files written before it */
  checksum?: string;
  params: EngineParams;
  teacher: Weights;
  bases?: Bases;
  runs: RunRecord[];
}

/** JSON text of a run file; non-finite numbers (from a diverged run) are written as null. */
export function serializeRunFile(file: RunFile): string {
  return JSON.stringify(file, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? null : value,
  );
}

export class RunFileError extends Error {}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isMatrix = (x: unknown): x is Matrix =>
  Array.isArray(x) &&
  x.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number' || v === null));
const isWeights = (x: unknown): x is Weights =>
  isObject(x) && isMatrix(x.A) && isMatrix(x.W) && isMatrix(x.B);

/**
 * Parses and checks a run file's text. Throws RunFileError with a message naming the first problem found
 * (never a bare SyntaxError or TypeError), so the app can show it as is.
 */
export function parseRunFile(text: string): RunFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new RunFileError(`not JSON (${(err as Error).message})`);
  }
  if (!isObject(data)) throw new RunFileError('not a run file: the top level is not an object');
  if (data.format !== RUN_FILE_FORMAT)
    throw new RunFileError(`not a run file: "format" is not "${RUN_FILE_FORMAT}"`);
  if (data.version !== RUN_FILE_VERSION)
    throw new RunFileError(
      `run file version ${String(data.version)} is not supported (this app reads ${RUN_FILE_VERSION})`,
    );
  if (data.checksum !== undefined && typeof data.checksum !== 'string')
    throw new RunFileError('run file\'s "checksum" is not a string');
  if (!isObject(data.params)) throw new RunFileError('run file has no "params" object');
  if (!isWeights(data.teacher)) throw new RunFileError('run file\'s "teacher" needs matrices A, W and B');
  if (!Array.isArray(data.runs) || data.runs.length === 0) throw new RunFileError('run file has no runs');
  data.runs.forEach((run: unknown, k: number) => {
    const where = `runs[${k}]`;
    if (!isObject(run)) throw new RunFileError(`${where} is not an object`);
    if (!RULE_IDS.includes(run.rule as RuleId))
      throw new RunFileError(`${where}.rule '${String(run.rule)}' is unknown`);
    if (!isWeights(run.initial) || !isWeights(run.final))
      throw new RunFileError(`${where} needs initial and final weights`);
    const h = run.history;
    if (!isObject(h) || !Array.isArray(h.step) || !Array.isArray(h.loss) || h.step.length !== h.loss.length)
      throw new RunFileError(`${where}.history needs equally long "step" and "loss" arrays`);
  });
  return data as unknown as RunFile;
}
