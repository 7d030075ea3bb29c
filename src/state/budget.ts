// The size limits between parameters: a run must fit the memory budget and the work budget, or it is made
// smaller (fewer seeds, then a smaller minibatch, then a shorter T), each change reported. Imports the engine's
// memory estimate (TF.js-free) and engine types.
import { estimateMemory, formatBytes, MEMORY_BUDGET_BYTES } from '../engine/memory-estimate';
import type { EngineParams } from '../engine/params';

/** Runs × T × n × (n + i + batch) above this would take minutes per step (a laptop's pace, measured roughly). */
export const WORK_BUDGET = 4e8;

const work = (p: EngineParams) =>
  p.seeds * p.rules.length * p.T * p.n * (p.n + p.i + (p.gradient === 'sampled' ? p.batch : 0));

/** The knobs turned down, in order: what each one means in a notice. */
const KNOBS = [
  { key: 'seeds', what: (v: number) => `${v} runs per rule` },
  { key: 'batch', what: (v: number) => `${v} sequences per step` },
  { key: 'T', what: (v: number) => `${v} time steps` },
] as const;

/**
 * Lowers seeds, then batch (sampled gradient only), then T until the run fits both budgets. Mutates p; reports each
 * change through `fix(key, problem, fallback)`, naming the memory needed (or the work) and the value used instead.
 */
export function fitBudgets(
  p: EngineParams,
  fix: (key: string, problem: string, fallback: string) => void,
): void {
  const memory = () => estimateMemory(p).totalBytes;
  const fits = () => memory() <= MEMORY_BUDGET_BYTES && work(p) <= WORK_BUDGET;
  for (const knob of KNOBS) {
    if (fits()) return;
    if (knob.key === 'batch' && p.gradient !== 'sampled') continue;
    const before = p[knob.key];
    const needed = memory();
    const problem =
      needed > MEMORY_BUDGET_BYTES
        ? `${knob.key}: ${knob.what(before)} need ${formatBytes(needed)} at this size (budget ${formatBytes(MEMORY_BUDGET_BYTES)})`
        : `${knob.key}: ${knob.what(before)} is too much work at this size`;
    // one at a time: the estimate is cheap, and where a plan changes with T it need not be monotone
    while (p[knob.key] > 1 && !fits()) p[knob.key]--;
    if (p[knob.key] !== before) fix(knob.key, problem, String(p[knob.key]));
  }
  p.truncation = Math.min(p.truncation, p.T);
}

/**
 * The most runs one batched simulation of these parameters may hold (a sweep cuts its cells into such batches):
 * within both budgets, taking every run's share of the estimate (constants included, so it errs small).
 */
export function maxBatchRuns(p: EngineParams): number {
  const runs = p.seeds * p.rules.length;
  const byWork = WORK_BUDGET / (work(p) / runs);
  const byMemory = MEMORY_BUDGET_BYTES / (estimateMemory(p).totalBytes / runs);
  return Math.max(1, Math.floor(Math.min(byWork, byMemory)));
}
