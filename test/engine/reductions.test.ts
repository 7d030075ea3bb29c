// Reductions between rules (THEORY 2, 3.1): RFLO with R = A and ŵ = w is BPTT; tBPTT with k = T is BPTT; at
// T = 1 every rule is tBPTT. Each also asserts that the weights moved, so equality is not trivially 0 = 0.
import { expect, it } from 'vitest';
import type { Weights } from '../../src/engine/network';
import { Simulation } from '../../src/engine/simulation';
import { EXPECTED_PLANS, maxAbs, params, plansFor, relErr, withBackend } from './helpers';

withBackend();

const moved = (a: Weights, b: Weights) =>
  Math.max(
    maxAbs(a.W.map((r, i) => r.map((v, j) => v - b.W[i][j]))),
    maxAbs(a.B.map((r, i) => r.map((v, j) => v - b.B[i][j]))),
  );

it.each(EXPECTED_PLANS)(
  '%s plan: RFLO with R = A and ŵ = w equals BPTT (aligned, every mode with w = ŵ)',
  (plan) => {
    const p = params({
      task: 'aligned',
      rules: ['bptt', 'rflo'],
      n: 4,
      i: 3,
      o: 3,
      modes: 3,
      a0: [0.7, -0.4, 1.1],
      b0: [0.5, 0.3, -0.6],
      w0: [0.35],
      what: 0.35,
      aHat: [0.7, -0.4, 1.1],
      aStar: [1, 0.5, -1],
      wStar: [0.6, -0.2, 0.3],
      T: 9,
    });
    const sim = new Simulation(p, { plan });
    const [bptt, rflo] = sim.currentUpdates();
    expect(maxAbs(bptt.dW)).toBeGreaterThan(1e-2);
    expect(relErr(rflo.dW, bptt.dW)).toBeLessThan(1e-5);
    expect(relErr(rflo.dB, bptt.dB)).toBeLessThan(1e-5);
    expect(relErr(rflo.dA, bptt.dA)).toBeLessThan(1e-6);
    // and with a different ŵ they differ: the test can fail
    const other = new Simulation({ ...p, what: 0.8 }, { plan });
    const [b2, r2] = other.currentUpdates();
    expect(relErr(r2.dW, b2.dW)).toBeGreaterThan(1e-2);
    sim.dispose();
    other.dispose();
  },
);

it.each(EXPECTED_PLANS)(
  '%s plan: tBPTT with truncation k = T equals BPTT over 100 steps of a random task',
  (plan) => {
    const sim = new Simulation(
      params({
        task: 'random',
        rules: ['bptt', 'tbptt'],
        n: 6,
        i: 3,
        o: 2,
        T: 7,
        truncation: 7,
        lr: 0.05,
        initScale: 0.7,
      }),
      { plan },
    );
    sim.stepMany(100);
    const [bptt, tbptt] = sim.weights();
    expect(moved(bptt, sim.initial[0])).toBeGreaterThan(1e-2);
    expect(relErr(tbptt.W, bptt.W)).toBeLessThan(1e-6);
    expect(relErr(tbptt.B, bptt.B)).toBeLessThan(1e-6);
    expect(relErr(tbptt.A, bptt.A)).toBeLessThan(1e-6);
    sim.dispose();
  },
);

it('at T = 1 BPTT and e-prop equal tBPTT over 100 steps, for both gradient forms', () => {
  for (const gradient of ['expected', 'sampled'] as const)
    for (const plan of plansFor(gradient)) {
      const sim = new Simulation(
        params({
          task: 'random',
          rules: ['tbptt', 'bptt', 'eprop'],
          n: 5,
          i: 3,
          o: 2,
          T: 1,
          lr: 0.05,
          initScale: 0.7,
          gradient,
          batch: 8,
        }),
        { plan },
      );
      sim.stepMany(100);
      const [tb, bp, ep] = sim.weights();
      expect(moved(tb, sim.initial[0])).toBeGreaterThan(1e-2);
      for (const other of [bp, ep]) {
        expect(relErr(other.B, tb.B)).toBeLessThan(1e-6);
        expect(relErr(other.A, tb.A)).toBeLessThan(1e-6);
        expect(relErr(other.W, tb.W)).toBeLessThan(1e-6);
      }
      sim.dispose();
    }
});

it.each(EXPECTED_PLANS)(
  '%s plan: at T = 1 RFLO equals tBPTT when R = A (its only difference is Rᵀ for Aᵀ)',
  (plan) => {
    const sim = new Simulation(
      params({
        task: 'aligned',
        rules: ['tbptt', 'rflo'],
        n: 3,
        i: 3,
        o: 3,
        modes: 3,
        a0: [0.5, -0.7, 0.9],
        aHat: [0.5, -0.7, 0.9],
        T: 1,
      }),
      { plan },
    );
    const [tb, rf] = sim.currentUpdates();
    expect(maxAbs(tb.dB)).toBeGreaterThan(1e-2);
    expect(relErr(rf.dB, tb.dB)).toBeLessThan(1e-6);
    expect(relErr(rf.dA, tb.dA)).toBeLessThan(1e-6);
    // at T = 1 no rule changes W: h_0 = 0
    expect(maxAbs(tb.dW)).toBe(0);
    expect(maxAbs(rf.dW)).toBe(0);
    sim.dispose();
  },
);
