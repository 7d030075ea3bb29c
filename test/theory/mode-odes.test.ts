// Tests of the T→∞ mode ODEs and their RK4 integration (THEORY 3.2), against the finite-T map (3.1).
// May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import { integrateModeOde, odeRates } from '../../src/theory/mode-odes';
import { iterateModeMap, modeLossInfinite } from '../../src/theory/mode-maps';
import type { ModeState, ModeTrajectory, TheoryRule } from '../../src/theory/types';

const TEACHER = { aStar: 1, bStar: 1, wStar: 0.5 };
const FB = { aHat: 0.7, what: 0.5 };

function maxStateDiff(x: ModeTrajectory, y: ModeTrajectory): number {
  expect(x.step).toEqual(y.step);
  let d = 0;
  for (let i = 0; i < x.step.length; i++) {
    d = Math.max(d, Math.abs(x.a[i] - y.a[i]), Math.abs(x.b[i] - y.b[i]), Math.abs(x.w[i] - y.w[i]));
  }
  return d;
}

describe('odeRates', () => {
  it('BPTT rates are the gradient of the T→∞ loss', () => {
    const h = 1e-6;
    for (const s of [
      { a: 0.8, b: -0.6, w: 0.7 },
      { a: -1.3, b: 0.4, w: -0.5 },
    ]) {
      const L = (x: ModeState) => modeLossInfinite(x, TEACHER);
      const r = odeRates('bptt', s, TEACHER, FB);
      expect(r.da).toBeCloseTo((L({ ...s, a: s.a + h }) - L({ ...s, a: s.a - h })) / (2 * h), 7);
      expect(r.db).toBeCloseTo((L({ ...s, b: s.b + h }) - L({ ...s, b: s.b - h })) / (2 * h), 7);
      expect(r.dw).toBeCloseTo((L({ ...s, w: s.w + h }) - L({ ...s, w: s.w - h })) / (2 * h), 7);
    }
  });
});

describe('integrateModeOde accuracy', () => {
  it('matches the closed-form logistic solution (BPTT and tBPTT1, q = 0, w = 0, a = b): a² = u(t)', () => {
    const p = 0.8;
    const u0 = 0.01;
    for (const rule of ['bptt', 'tbptt'] as const) {
      const tr = integrateModeOde({
        rule,
        init: { a: 0.1, b: 0.1, w: 0 },
        teacher: { aStar: p, bStar: 1, wStar: 0 },
        feedback: FB,
        lr: 0.05,
        record: [0, 37, 100, 200, 1000],
      });
      expect(tr.stopped).toBeNull();
      tr.step.forEach((s, i) => {
        const e = Math.exp(2 * p * 0.05 * s);
        const u = (p * u0 * e) / (p + u0 * (e - 1));
        expect(Math.abs(tr.a[i] - Math.sqrt(u))).toBeLessThan(1e-10);
        expect(Math.abs(tr.b[i] - Math.sqrt(u))).toBeLessThan(1e-10);
        expect(Math.abs(tr.w[i])).toBe(0);
      });
    }
  });

  it('is converged: default steps agree with dtMax = 1e-3 to 1e-9; step k is time η k', () => {
    const rec = [0, 250, 500, 1000, 2000];
    for (const rule of ['bptt', 'tbptt', 'rflo'] as const) {
      const opts = {
        rule,
        init: { a: 0.3, b: 0.2, w: 0.1 },
        teacher: TEACHER,
        feedback: FB,
        lr: 0.01,
        record: rec,
      };
      const x = integrateModeOde(opts);
      expect(maxStateDiff(x, integrateModeOde({ ...opts, dtMax: 1e-3 }))).toBeLessThan(1e-9);
      const y = integrateModeOde({ ...opts, lr: 0.02, record: rec.map((s) => s / 2) });
      expect(Math.abs(y.a[4] - x.a[4]) + Math.abs(y.w[4] - x.w[4])).toBeLessThan(1e-9);
      expect(x.loss[4]).toBeCloseTo(modeLossInfinite({ a: x.a[4], b: x.b[4], w: x.w[4] }, TEACHER), 15);
    }
  });
});

/**
 * Measured max |Δa|, |Δb|, |Δw| between the finite-T map (T = 200) and the ODE over 20 units of time,
 * recorded at t = 0, 2.5, 5, 10, 20, teacher p = 1, q = 0.5, â = 0.7, ŵ = 0.5:
 *
 *   rule   init (a, b, w)     lr = 0.01 (2000 steps)   lr = 0.001 (20000 steps)
 *   bptt   (0.3, 0.2, 0.1)    5.98e-4                   5.96e-5
 *   bptt   (1, 1, 0.6)        2.71e-5                   2.72e-6
 *   bptt   (−0.5, 0.8, −0.3)  3.07e-3                   3.08e-4
 *   tbptt  (0.3, 0.2, 0.1)    6.75e-4                   6.72e-5
 *   tbptt  (1, 1, 0.6)        5.94e-5                   5.96e-6
 *   tbptt  (−0.5, 0.8, −0.3)  3.18e-3                   3.18e-4
 *   rflo   (0.3, 0.2, 0.1)    2.12e-3                   2.11e-4
 *   rflo   (1, 1, 0.6)        6.16e-5                   6.10e-6
 *   rflo   (−0.5, 0.8, −0.3)  3.00e-3                   2.98e-4
 *
 * The gap is the O(η) error of the Euler-like map against the flow: it falls tenfold with η.
 */
const MEASURED: [TheoryRule, ModeState, number][] = [
  ['bptt', { a: 0.3, b: 0.2, w: 0.1 }, 5.98e-4],
  ['bptt', { a: 1, b: 1, w: 0.6 }, 2.71e-5],
  ['bptt', { a: -0.5, b: 0.8, w: -0.3 }, 3.07e-3],
  ['tbptt', { a: 0.3, b: 0.2, w: 0.1 }, 6.75e-4],
  ['tbptt', { a: 1, b: 1, w: 0.6 }, 5.94e-5],
  ['tbptt', { a: -0.5, b: 0.8, w: -0.3 }, 3.18e-3],
  ['rflo', { a: 0.3, b: 0.2, w: 0.1 }, 2.12e-3],
  ['rflo', { a: 1, b: 1, w: 0.6 }, 6.16e-5],
  ['rflo', { a: -0.5, b: 0.8, w: -0.3 }, 3.0e-3],
];

describe('long T, small lr: the map follows the ODE', () => {
  it.each(MEASURED)('%s from %o: gap within 1.25× the measured value and O(lr)', (rule, init, measured) => {
    const gap = (lr: number) => {
      const steps = Math.round(20 / lr);
      const record = [0, 250, 500, 1000, 2000].map((s) => (s * steps) / 2000);
      const m = iterateModeMap({
        rule,
        init,
        teacher: TEACHER,
        feedback: FB,
        T: 200,
        loss: 'final',
        lr,
        steps,
        record,
      });
      const o = integrateModeOde({ rule, init, teacher: TEACHER, feedback: FB, lr, record });
      expect(m.stopped).toBeNull();
      expect(o.stopped).toBeNull();
      return maxStateDiff(m, o);
    };
    const g1 = gap(0.01);
    const g2 = gap(0.001);
    expect(g1).toBeLessThan(1.25 * measured);
    expect(g1 / g2).toBeGreaterThan(9);
    expect(g1 / g2).toBeLessThan(11);
  });
});

describe('integrateModeOde stops', () => {
  it('stops with a reason when |w| reaches 1 (RFLO pushed the wrong way)', () => {
    const tr = integrateModeOde({
      rule: 'rflo',
      init: { a: 1, b: 1, w: 0.5 },
      teacher: { aStar: 0, bStar: 0, wStar: 0.5 },
      feedback: { aHat: -1, what: 0.5 },
      lr: 0.01,
      record: [0, 10, 20, 30, 1000],
    });
    expect(tr.stopped?.reason).toMatch(/\|w\| reached 1/);
    expect(tr.stopped?.step).toBeGreaterThan(20);
    expect(tr.stopped?.step).toBeLessThanOrEqual(30);
    expect(tr.step).toEqual([0, 10, 20]);
    tr.w.forEach((w) => expect(Math.abs(w)).toBeLessThan(1));
  });
  it('rejects |q| ≥ 1, |w| ≥ 1 at init, and |ŵ| ≥ 1 for RFLO only', () => {
    const base = {
      rule: 'bptt' as const,
      init: { a: 0.1, b: 0.1, w: 0 },
      teacher: TEACHER,
      feedback: FB,
      lr: 0.1,
      record: [0, 5],
    };
    const q1 = integrateModeOde({ ...base, teacher: { aStar: 1, bStar: 1, wStar: 1 } });
    expect(q1.stopped).toEqual({ step: 0, reason: expect.stringMatching(/q/) });
    expect(q1.step).toEqual([]);
    expect(integrateModeOde({ ...base, teacher: { aStar: 1, bStar: 1, wStar: -1.2 } }).stopped?.step).toBe(0);
    expect(integrateModeOde({ ...base, init: { a: 0.1, b: 0.1, w: 1 } }).stopped?.reason).toMatch(/\|w\|/);
    const hat = { aHat: 1, what: 1 };
    expect(integrateModeOde({ ...base, rule: 'rflo', feedback: hat }).stopped?.reason).toMatch(/ŵ/);
    expect(integrateModeOde({ ...base, feedback: hat }).stopped).toBeNull();
    expect(integrateModeOde({ ...base, lr: 0 }).stopped?.step).toBe(0);
  });
});
