// The run file (JSON, versioned): parameters, teacher, bases and every run's weights and history. The CLI and
// the app's "download run" write it; the app loads it. Imports engine types only.
import type { Matrix } from './linalg';
import type { Weights } from './network';
import type { EngineParams, RuleId } from './params';
import { type RunHistory, SCALAR_KEYS, type Spectrum } from './history';
import { describe, schemaProblem } from './run-file-schema';
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

/**
 * Every history column lines up with `step` (the schema has checked their types): scalar columns, when present
 * (older files lack the newer ones), hold one value per record; the per-mode columns a, b, w are all absent or
 * empty (random task) or all one record per step.
 */
function checkHistory(h: Record<string, unknown>, where: string): void {
  const n = (h.step as unknown[]).length;
  for (const key of SCALAR_KEYS) {
    const col = h[key] as unknown[] | undefined;
    if (col !== undefined && col.length !== n)
      throw new RunFileError(`${where}.${key}: ${col.length} records, expected ${n} (one per step)`);
  }
  const modeCols = (['a', 'b', 'w'] as const).map((key) => [key, h[key] as unknown[] | undefined] as const);
  const expected = modeCols.some(([, col]) => col && col.length > 0) ? n : 0;
  for (const [key, col] of modeCols) {
    if (col === undefined && expected === 0) continue;
    if (col === undefined) throw new RunFileError(`${where}.${key} must be an array, got undefined`);
    if (col.length !== expected)
      throw new RunFileError(
        `${where}.${key}: ${col.length} records, expected ${expected} (as many as a, b, w together, one per step)`,
      );
  }
}

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
      typeof data.version === 'number'
        ? `run file version ${data.version} is not supported (this app reads version ${RUN_FILE_VERSION})`
        : `"version" must be the number ${RUN_FILE_VERSION}, got ${describe(data.version)}`,
    );
  const problem = schemaProblem(data);
  if (problem) throw new RunFileError(problem);
  (data.runs as Record<string, unknown>[]).forEach((run, k) =>
    checkHistory(run.history as Record<string, unknown>, `runs[${k}].history`),
  );
  return data as unknown as RunFile;
}
