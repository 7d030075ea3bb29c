// The seeds advisory says exactly when seeds change nothing: checked against the engine's own runs.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation';
import { advisories, seedsDiffer } from '../../src/state/advisories';
import { params, withBackend } from '../engine/helpers';

withBackend();

/** Final losses of BPTT's three seeds, then RFLO's. */
function finalLosses(over: Parameters<typeof params>[0]): number[] {
  const sim = new Simulation(params({ rules: ['bptt', 'rflo'], seeds: 3, steps: 40, every: 40, ...over }));
  sim.stepMany(40);
  const losses = sim.snapshot().runs.map((m) => m.loss ?? NaN);
  sim.dispose();
  return ['bptt', 'rflo'].flatMap((rule) => losses.filter((_, k) => sim.runs[k].rule === rule));
}

describe('seeds advisory', () => {
  it('aligned task, aligned init, expected gradient: the seeds give identical runs, and the advice says so', () => {
    const p = params({ seeds: 3 });
    expect(seedsDiffer(p)).toBe(false);
    const losses = finalLosses({});
    expect(losses.slice(0, 3)).toEqual([losses[0], losses[0], losses[0]]);
    expect(losses.slice(3)).toEqual([losses[3], losses[3], losses[3]]);
    expect(advisories(p).map((a) => a.key)).toEqual(['seeds']);
    expect(advisories(params({ seeds: 1 }))).toEqual([]);
  });

  it.each([{ init: 'random' as const }, { gradient: 'sampled' as const }, { task: 'random' as const }])(
    '%o: the seeds differ, and there is no advice',
    (over) => {
      expect(seedsDiffer(params({ seeds: 3, ...over }))).toBe(true);
      expect(advisories(params({ seeds: 3, ...over }))).toEqual([]);
      const losses = finalLosses(over);
      expect(new Set(losses.slice(0, 3)).size).toBe(3);
    },
  );
});
