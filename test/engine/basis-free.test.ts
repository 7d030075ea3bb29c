// Basis-free alignment measures (THEORY 3): the low-rank commutator against the direct n×n formula, invariance
// under hidden rotations, zero on aligned weights, and the emergent-alignment scenario (preset 5) the way THEORY
// reports it: BPTT-like rules align in their own basis while the teacher-basis fractions stay high.
import { describe, expect, it } from 'vitest';
import { asymmetry, basisFree, lowRankCommutator } from '../../src/engine/analysis/basis-free';
import { HistoryRecorder } from '../../src/engine/history';
import { chain, frobenius, type Matrix, matMul, sub, transpose } from '../../src/engine/linalg';
import { Rng } from '../../src/engine/rng';
import { trainAndRecord } from '../../src/engine/run-builder';
import { Simulation } from '../../src/engine/simulation';
import { alignedWeights, makeBases } from '../../src/engine/tasks/aligned';
import { presetById } from '../../src/state/presets';
import { parseQuery } from '../../src/state/url';
import { withBackend } from './helpers';

withBackend();

const directCommutator = (W: Matrix, G: Matrix) =>
  frobenius(sub(matMul(W, G), matMul(G, W))) / (2 * frobenius(W) * frobenius(G));

describe('basis-free measures', () => {
  it('the O(n²k) commutator equals ‖WG − GW‖ / (2‖W‖‖G‖) formed directly, for k below, at and above n', () => {
    const rng = new Rng(3, 'commutator');
    for (const [n, k] of [
      [5, 2],
      [6, 6],
      [4, 9],
      [32, 1],
    ]) {
      const W = rng.gaussian(n, n);
      const F = rng.gaussian(n, k);
      const G = matMul(F, transpose(F));
      expect(lowRankCommutator(W, F)).toBeCloseTo(directCommutator(W, G), 12);
      expect(lowRankCommutator(W, F)).toBeGreaterThan(0.05);
    }
    // a W that commutes with G: a polynomial in G
    const F = rng.gaussian(5, 2);
    const G = matMul(F, transpose(F));
    const W = matMul(G, G).map((row, r) => row.map((v, c) => v - 0.3 * G[r][c] + (r === c ? 1 : 0)));
    expect(lowRankCommutator(W, F)).toBeLessThan(1e-7);
    expect(lowRankCommutator(W, [[0], [0], [0], [0], [0]])).toBe(0);
  });

  it('asymmetry is 0 for symmetric W, ‖W − Wᵀ‖/‖W + Wᵀ‖ otherwise', () => {
    expect(
      asymmetry([
        [1, 2],
        [2, 3],
      ]),
    ).toBe(0);
    expect(
      asymmetry([
        [0, 2],
        [-2, 0],
      ]),
    ).toBe(Infinity);
    const upper = [
      [1, 2],
      [0, 1],
    ];
    expect(asymmetry(upper)).toBeCloseTo(Math.SQRT1_2, 14); // ‖[[0, 2], [−2, 0]]‖ / ‖[[2, 2], [2, 2]]‖ = √8 / 4
    expect(
      asymmetry([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(0);
  });

  it('does not change when the hidden basis is rotated, and is 0 on aligned weights', () => {
    const rng = new Rng(8, 'rotation');
    const bases = makeBases({ seed: 2, basis: 'random', n: 6, i: 4, o: 3 });
    const net = { A: rng.gaussian(3, 6), W: rng.gaussian(6, 6, 0.3), B: rng.gaussian(6, 4) };
    const S = rng.orthogonal(6);
    const rotated = { A: matMul(net.A, transpose(S)), W: chain(S, net.W, transpose(S)), B: matMul(S, net.B) };
    const before = basisFree(net, bases);
    const after = basisFree(rotated, bases);
    for (const key of ['asymW', 'commB', 'commA', 'io'] as const) {
      expect(after[key]).toBeCloseTo(before[key] as number, 12);
      expect(before[key]).toBeGreaterThan(0.05);
    }
    const aligned = alignedWeights(bases, [1, -0.5, 2], [0.7, 1, -1], [0.5, -0.2, 0.9]);
    const zero = basisFree(aligned, bases);
    for (const key of ['asymW', 'io'] as const) expect(zero[key]).toBeLessThan(1e-12);
    // the commutators' floor is √ε (see lowRankCommutator), still below float32 rounding
    for (const key of ['commB', 'commA'] as const) expect(zero[key]).toBeLessThan(5e-8);
    expect(basisFree(aligned, null).io).toBeNull();
  });

  it('emergent alignment (preset 5): BPTT, tBPTT, e-prop align basis-free while the teacher-basis fraction stays; RFLO does not', () => {
    const p = parseQuery(presetById('emergent-alignment')!.query).params;
    expect(p.rules).toEqual(['bptt', 'tbptt', 'rflo', 'eprop']);
    expect(p.aStar).toEqual([2, 1.5, 1, 0.5]); // distinct p per mode
    const sim = new Simulation(p);
    const rec = trainAndRecord(sim, new HistoryRecorder(sim.runs.length));
    sim.dispose();
    sim.runs.forEach((run, k) => {
      const h = rec.histories[k];
      const last = h.step.length - 1;
      const where = run.rule;
      expect(h.alignA[last], where).toBeGreaterThan(0.5); // the teacher basis is not identifiable
      for (const key of ['asymW', 'commB', 'commA', 'io'] as const) {
        expect(h[key][0], `${where} ${key} at step 0`).toBeGreaterThan(0.2);
        if (run.rule === 'rflo') expect(h[key][last], `${where} ${key}`).toBeGreaterThan(5e-3);
        else expect(h[key][last], `${where} ${key}`).toBeLessThan(1e-2);
      }
    });
  });
});
