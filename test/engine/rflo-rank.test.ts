// THEORY 4: every RFLO update is Rᵀ times something, so ΔW = W − W0 has rank ≤ o and lies in range(Rᵀ) after
// any number of steps of a non-aligned task; BPTT's changes are not so confined (the test can tell them apart).
import { expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation';
import { params, plansFor, withBackend } from './helpers';

withBackend();

it('RFLO: rank(ΔW) ≤ o and ΔW in range(Rᵀ) after 400 steps; BPTT exceeds the bound', () => {
  for (const gradient of ['expected', 'sampled'] as const)
    for (const plan of plansFor(gradient)) {
      const o = 2;
      const sim = new Simulation(
        params({
          task: 'random',
          rules: ['rflo', 'bptt'],
          n: 12,
          i: 3,
          o,
          teacherN: 5,
          T: 10,
          lr: 0.05,
          steps: 400,
          gradient,
          batch: 16,
        }),
        { plan },
      );
      sim.stepMany(400);
      const [rflo, bptt] = sim.snapshot().runs;
      expect(rflo.sigmaW[0]).toBeGreaterThan(1e-2); // it learned something
      expect(rflo.rankW).toBeLessThanOrEqual(o);
      expect(rflo.rankB).toBeLessThanOrEqual(o);
      expect(rflo.sigmaW[o] / rflo.sigmaW[0]).toBeLessThan(1e-4);
      expect(rflo.residualR as number).toBeLessThan(1e-4);
      expect(rflo.effRankW as number).toBeLessThanOrEqual(o);
      expect(bptt.rankW as number).toBeGreaterThan(o);
      sim.dispose();
    }
});
