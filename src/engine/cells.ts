// Which parameters a run may carry on its own inside one batched simulation (a sweep's grid cells are just more
// runs), and which cells can share a batch. Imports engine types only.
import type { EngineParams } from './params';

/**
 * Parameters that change no tensor's shape: each run holds its own value (the learning rate as a per-run rate, the
 * mode values and init scale through its initial weights, the teacher values through its teacher's impulse
 * responses, â through its feedback R, ŵ and the truncation through its credit constants). Every other parameter
 * (T, n, the rules, the gradient form…) is shared by the whole batch.
 */
export const PER_RUN_KEYS = [
  'lr',
  'a0',
  'b0',
  'w0',
  'aStar',
  'bStar',
  'wStar',
  'aHat',
  'what',
  'truncation',
  'initScale',
  'radius',
] as const satisfies readonly (keyof EngineParams)[];

export type PerRunKey = (typeof PER_RUN_KEYS)[number];

const PER_RUN: ReadonlySet<string> = new Set(PER_RUN_KEYS);

export const isPerRunKey = (key: string): key is PerRunKey => PER_RUN.has(key);

const same = (x: unknown, y: unknown): boolean =>
  Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((v, k) => v === y[k]) : x === y;

/** The shared (not per-run) keys in which `cell` differs from `base`: empty when it can join base's batch. */
export function sharedKeyDifferences(base: EngineParams, cell: EngineParams): (keyof EngineParams)[] {
  return (Object.keys(base) as (keyof EngineParams)[]).filter(
    (key) => !isPerRunKey(key) && !same(base[key], cell[key]),
  );
}

/** A key equal for exactly the cells that can share one batch (their shared parameters, canonically ordered). */
export function batchKey(p: EngineParams): string {
  const shared = (Object.keys(p) as (keyof EngineParams)[]).filter((k) => !isPerRunKey(k)).sort();
  return JSON.stringify(shared.map((k) => [k, p[k]]));
}
