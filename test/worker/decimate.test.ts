// Bounded histories: thinning keeps step 0, the newest records intact, the runs aligned and the size capped.
// May import: vitest, src/worker/decimate, test/state helpers.
import { describe, expect, it } from 'vitest';
import { appendHistory, thinHistories, thinningIndices } from '../../src/worker/decimate';
import { historyAt } from '../state/fake-client';

describe('thinning', () => {
  it('keeps everything up to the cap', () => {
    expect(thinningIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('halves the older part, keeps the first record and the newest quarter', () => {
    const keep = thinningIndices(12, 8);
    expect(keep.length).toBeLessThanOrEqual(8);
    expect(keep[0]).toBe(0);
    expect(keep.slice(-2)).toEqual([10, 11]);
    expect(keep).toEqual([...keep].sort((a, b) => a - b));
  });

  it('bounds a long stream of appends and keeps every column the same length', () => {
    const h = historyAt([0]);
    h.a.push([1]);
    h.b.push([1]);
    h.w.push([0]);
    for (let k = 1; k <= 5000; k++) {
      const more = historyAt([k]);
      more.a.push([k]);
      more.b.push([k]);
      more.w.push([k]);
      appendHistory(h, more);
      thinHistories([h], 100);
    }
    expect(h.step.length).toBeLessThanOrEqual(100);
    expect(h.step[0]).toBe(0);
    expect(h.step.at(-1)).toBe(5000);
    for (const column of Object.values(h)) expect(column).toHaveLength(h.step.length);
    // values stay attached to their steps
    expect(h.a.map((v) => v[0])).toEqual(h.step.map((s) => (s === 0 ? 1 : s)));
  });

  it('thins runs of one simulation identically', () => {
    const runs = [historyAt([...Array(300).keys()]), historyAt([...Array(300).keys()])];
    thinHistories(runs, 50);
    expect(runs[0].step).toEqual(runs[1].step);
    expect(runs[0].step.length).toBeLessThanOrEqual(50);
  });
});
