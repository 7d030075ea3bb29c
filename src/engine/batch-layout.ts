// How runs are laid out along the leading tensor dimension, and plain-array ↔ tensor conversion.
// Imports TF.js and engine types only.
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix } from './linalg';
import type { EngineParams, RuleId } from './params';

/** One trained network: a rule and a seed. Runs of one seed share teacher, init, feedback and samples. */
export interface RunInfo {
  rule: RuleId;
  /** the run's own seed: params.seed + seedIndex */
  seed: number;
  seedIndex: number;
}

/** A contiguous block of seed indices [first, first + count): one process's share of a parallel run. */
export interface SeedShard {
  first: number;
  count: number;
}

/** Seed-major order: run r = seedIndex · rules.length + ruleIndex (within the shard). */
export function layoutRuns(p: Pick<EngineParams, 'rules' | 'seed' | 'seeds'>, shard?: SeedShard): RunInfo[] {
  const runs: RunInfo[] = [];
  const first = shard?.first ?? 0;
  const count = shard?.count ?? p.seeds;
  for (let k = first; k < first + count; k++)
    for (const rule of p.rules) runs.push({ rule, seed: p.seed + k, seedIndex: k });
  return runs;
}

/** Stacks equally-shaped matrices into a [count, rows, cols] float32 tensor. */
export function stackMatrices(ms: Matrix[]): tf.Tensor3D {
  const rows = ms[0].length;
  const cols = rows ? ms[0][0].length : 0;
  const buf = new Float32Array(ms.length * rows * cols);
  let k = 0;
  for (const m of ms) for (const row of m) for (const v of row) buf[k++] = v;
  return tf.tensor3d(buf, [ms.length, rows, cols]);
}

/** Splits [count, rows, cols] data (as read back) into plain float64 matrices. */
export function unstackMatrices(
  data: ArrayLike<number>,
  count: number,
  rows: number,
  cols: number,
): Matrix[] {
  const out: Matrix[] = [];
  let k = 0;
  for (let c = 0; c < count; c++) {
    const m: Matrix = [];
    for (let r = 0; r < rows; r++) {
      const row = new Array<number>(cols);
      for (let j = 0; j < cols; j++) row[j] = data[k++];
      m.push(row);
    }
    out.push(m);
  }
  return out;
}
