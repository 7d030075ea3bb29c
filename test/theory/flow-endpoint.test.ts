// Where the flow ends (THEORY 3.2): on the optimal manifold, where the finite-T map at a small η ends too.
// May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import { flowEndpoint, mapFlowEndpoint } from '../../src/theory/flow-endpoint';
import { iterateModeMap } from '../../src/theory/mode-maps';
import type { TheoryRule } from '../../src/theory/types';

describe('flowEndpoint', () => {
  const teacher = { aStar: 1, bStar: 1, wStar: 0.5 };
  const feedback = { aHat: 1, what: 0.5 };
  it('BPTT from a balanced start ends at a = b = √p (its flow keeps a² − b²: a Δa = b Δb in THEORY 3.2)', () => {
    const end = flowEndpoint('bptt', { a: 0.02, b: 0.02, w: 0 }, teacher, feedback)!;
    expect(end.a).toBeCloseTo(1, 4);
    expect(end.b).toBeCloseTo(1, 4);
    expect(end.w).toBeCloseTo(0.5, 4);
  });
  for (const rule of ['bptt', 'tbptt', 'rflo'] as TheoryRule[])
    it(`${rule}: the map at η = 0.002, T = 200 ends within 1 % of the flow’s end`, () => {
      const init = { a: 0.3, b: -0.1, w: 0.2 };
      const end = flowEndpoint(rule, init, teacher, feedback)!;
      expect(Math.abs(end.a * end.b - 1)).toBeLessThan(1e-4);
      const run = iterateModeMap({
        rule,
        init,
        teacher,
        feedback,
        T: 200,
        loss: 'final',
        lr: 0.002,
        steps: 40_000,
        record: [40_000],
      });
      expect(Math.abs(run.a[0] / end.a - 1)).toBeLessThan(0.01);
    });
  it('null when the flow does not arrive (a start exactly on the saddle)', () => {
    expect(flowEndpoint('bptt', { a: 0, b: 0, w: 0 }, teacher, feedback)).toBeNull();
  });
});

describe('mapFlowEndpoint (the finite-T map’s flow)', () => {
  const teacher = { aStar: 1, bStar: 1, wStar: 0.8 };
  const feedback = { aHat: 0.5, what: 0.5 };
  const init = { a: 0.3, b: -0.1, w: 0.2 };
  for (const rule of ['bptt', 'tbptt', 'rflo'] as TheoryRule[]) {
    it(`${rule}: at T = 400 it ends where the T → ∞ flow does (to 1e-4)`, () => {
      const inf = flowEndpoint(rule, init, teacher, feedback)!;
      const map = mapFlowEndpoint(rule, init, teacher, feedback, 400, 'final')!;
      expect(Math.abs(map.a - inf.a)).toBeLessThan(1e-4);
      expect(Math.abs(map.w - inf.w)).toBeLessThan(1e-4);
    });
    it(`${rule}: at T = 10 the map at η = 0.002 ends within 1 % of it, on the optimal manifold`, () => {
      const end = mapFlowEndpoint(rule, init, teacher, feedback, 10, 'final')!;
      expect(Math.abs(end.a * end.b - 1)).toBeLessThan(1e-4);
      expect(Math.abs(end.w - 0.8)).toBeLessThan(1e-4);
      const run = iterateModeMap({
        rule,
        init,
        teacher,
        feedback,
        T: 10,
        loss: 'final',
        lr: 0.002,
        steps: 40_000,
        record: [40_000],
      });
      expect(Math.abs(run.a[0] / end.a - 1)).toBeLessThan(0.01);
    });
  }
  it('null when the flow does not arrive (the saddle itself)', () => {
    expect(mapFlowEndpoint('bptt', { a: 0, b: 0, w: 0 }, teacher, feedback, 10, 'final')).toBeNull();
  });
});
