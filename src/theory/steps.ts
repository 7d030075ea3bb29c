// Helpers for the lists of training steps at which theory trajectories are recorded (step 0 = init).
// May import: nothing.

/**
 * Sorted, de-duplicated copy of `record`, keeping only steps in [0, maxStep].
 * Throws RangeError for entries that are not non-negative integers.
 */
export function normalizeRecord(
  record: readonly number[],
  maxStep: number = Number.POSITIVE_INFINITY,
): number[] {
  for (const s of record) {
    if (!Number.isInteger(s) || s < 0)
      throw new RangeError(`recorded steps must be non-negative integers (got ${s})`);
  }
  const kept = record.filter((s) => s <= maxStep);
  return Array.from(new Set(kept)).sort((x, y) => x - y);
}

/** True when the number is finite and no larger than `limit` in magnitude. */
export function withinLimit(x: number, limit: number): boolean {
  return Number.isFinite(x) && Math.abs(x) <= limit;
}
