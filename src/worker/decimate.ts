// Bounded histories: thins older records of RunHistory arrays so long runs keep a fixed memory footprint.
// May import: engine types only (plain arrays; used by the worker's recorder and the store's chart history).
import { emptyHistory, type RunHistory } from '../engine/history';

type Column = keyof RunHistory;
const COLUMNS = Object.keys(emptyHistory()) as Column[];

/** The newest quarter of the cap is never thinned, so the live end of a chart stays at full resolution. */
const TAIL_FRACTION = 0.25;

/**
 * Indices to keep when a history of `length` records exceeds `max`: the first record (step 0), every
 * second record of the older part, and the newest records untouched. Deterministic in `length` alone,
 * so runs recorded together keep identical step arrays (the seed median needs them aligned).
 */
export function thinningIndices(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, k) => k);
  const tail = Math.max(1, Math.floor(max * TAIL_FRACTION));
  const keep: number[] = [];
  let olderEnd = length - tail;
  // halve the older part until the whole fits (one pass usually suffices)
  let older = Array.from({ length: olderEnd }, (_, k) => k);
  while (older.length + tail > max && older.length > 1)
    older = older.filter((_, k) => k === 0 || k % 2 === 0);
  keep.push(...older);
  for (; olderEnd < length; olderEnd++) keep.push(olderEnd);
  return keep;
}

/** Keeps only the records at `indices` (in place; the history keeps its identity). */
export function selectRecords(h: RunHistory, indices: number[]): void {
  const n = h.step.length;
  for (const column of COLUMNS) {
    const values = h[column] as unknown[];
    // per-mode columns are empty on the random task: leave them alone
    if (values.length !== n) continue;
    const kept = indices.map((k) => values[k]);
    values.length = 0;
    for (const v of kept) values.push(v);
  }
}

/** Thins every history of one simulation together when they exceed `max` records. */
export function thinHistories(histories: RunHistory[], max: number): void {
  const length = histories[0]?.step.length ?? 0;
  if (length <= max) return;
  const indices = thinningIndices(length, max);
  for (const h of histories) selectRecords(h, indices);
}

/** Appends every record of `more` to `target` (column by column, in place). */
export function appendHistory(target: RunHistory, more: RunHistory): void {
  for (const column of COLUMNS) {
    const into = target[column] as unknown[];
    for (const v of more[column] as unknown[]) into.push(v);
  }
}
