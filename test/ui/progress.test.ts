// The progress bar's arithmetic: fraction, time left at the recent rate, when a run counts as long.
import { describe, expect, it } from 'vitest';
import { addSample, formatRemaining, progressOf, RATE_WINDOW_MS } from '../../src/ui/controls/progress';

describe('progress', () => {
  it('estimates the time left from the recent rate and shows a bar only for long runs', () => {
    let samples = addSample([], { at: 0, step: 0 });
    expect(progressOf(samples, 3000, 0).remainingMs).toBeNull();
    samples = addSample(samples, { at: 1000, step: 300 }); // 0.3 steps per ms
    const p = progressOf(samples, 3000, 0);
    expect(p.fraction).toBeCloseTo(0.1);
    expect(p.remainingMs).toBeCloseTo(9000);
    expect(p.long).toBe(true);
    const quick = progressOf(
      [
        { at: 0, step: 0 },
        { at: 500, step: 2500 },
      ],
      3000,
      0,
    );
    expect(quick.remainingMs).toBeCloseTo(100);
    expect(quick.long).toBe(false);
  });

  it('forgets samples older than the window, so a warm-up does not bias the estimate', () => {
    let samples = addSample([], { at: 0, step: 0 });
    samples = addSample(samples, { at: 1000, step: 10 }); // slow start
    for (let t = 2000; t <= 2000 + RATE_WINDOW_MS + 1000; t += 1000)
      samples = addSample(samples, { at: t, step: 10 + (t - 1000) });
    const p = progressOf(samples, 100000, 0);
    expect(p.remainingMs! / (100000 - samples.at(-1)!.step)).toBeCloseTo(1, 5); // 1 ms per step, the recent rate
  });

  it('words the time left', () => {
    expect(formatRemaining(800)).toBe('a moment left');
    expect(formatRemaining(12_400)).toBe('about 12 s left');
    expect(formatRemaining(150_000)).toBe('about 3 min left');
  });
});
