// Tests of the finite-T maps' limits (THEORY 3.1 → 3.2), the saddle (3.3) and iterateModeMap.
// May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import { iterateModeMap, modeLoss, modeLossInfinite, modeUpdate } from '../../src/theory/mode-maps';
import { odeRates } from '../../src/theory/mode-odes';
import type { ModeFeedback, ModeState, ModeTeacher, TheoryRule } from '../../src/theory/types';

const RULES: TheoryRule[] = ['bptt', 'tbptt', 'rflo'];
const STATES: ModeState[] = [
  { a: 0.8, b: -0.6, w: 0.7 },
  { a: -1.3, b: 0.4, w: -0.5 },
  { a: 0.2, b: 1.1, w: 1.05 },
];
const TEACHER: ModeTeacher = { aStar: 1.2, bStar: 0.7, wStar: -0.6 };
const FB: ModeFeedback = { aHat: 0.45, what: 0.6 };

describe('T → ∞ limit (THEORY 3.2)', () => {
  const states: ModeState[] = [
    { a: 0.8, b: -0.6, w: 0.8 },
    { a: -1.3, b: 0.4, w: -0.8 },
    { a: 0.5, b: 0.9, w: 0.55 }, // w close to ŵ = 0.6
    { a: 0.3, b: 0.2, w: 0 },
  ];
  it('final-step map at T = 2000 equals the ODE rates to 1e-8', () => {
    for (const rule of RULES) {
      for (const s of states) {
        const m = modeUpdate(rule, s, TEACHER, FB, 2000, 'final');
        const o = odeRates(rule, s, TEACHER, FB);
        expect(Math.abs(m.da - o.da)).toBeLessThan(1e-8);
        expect(Math.abs(m.db - o.db)).toBeLessThan(1e-8);
        expect(Math.abs(m.dw - o.dw)).toBeLessThan(1e-8);
      }
    }
  });
  it('RFLO ODE is finite and continuous at w = ŵ', () => {
    const at = odeRates('rflo', { a: 0.5, b: 0.9, w: 0.6 }, TEACHER, FB);
    const near = odeRates('rflo', { a: 0.5, b: 0.9, w: 0.6 + 1e-9 }, TEACHER, FB);
    expect(Math.abs(at.dw - near.dw)).toBeLessThan(1e-7);
  });
  it('modeLoss at T = 2000 equals modeLossInfinite; sequence loss converges as O(1/T)', () => {
    for (const s of states) {
      expect(modeLoss(s, TEACHER, 2000, 'final')).toBeCloseTo(modeLossInfinite(s, TEACHER), 12);
      const gap = (T: number) => T * (modeLossInfinite(s, TEACHER) - modeLoss(s, TEACHER, T, 'sequence'));
      expect(gap(4000)).toBeCloseTo(gap(2000), 10);
    }
    expect(Number.isNaN(modeLossInfinite({ a: 1, b: 1, w: 1 }, TEACHER))).toBe(true);
  });
});

describe('the saddle a = b = 0 (THEORY 3.3)', () => {
  const zero = { a: 0, b: 0, w: 0.4 };
  it('BPTT and tBPTT do not move (exactly zero rates, map and ODE)', () => {
    for (const rule of ['bptt', 'tbptt'] as const) {
      for (const r of [
        modeUpdate(rule, zero, TEACHER, FB, 30, 'final', 3),
        odeRates(rule, zero, TEACHER, FB),
      ]) {
        expect([Math.abs(r.da), Math.abs(r.db), Math.abs(r.dw)]).toEqual([0, 0, 0]);
      }
    }
  });
  it('RFLO moves: Δb = −â p/(1 − ŵq) (ODE), −â p (1 − (ŵq)^T)/(1 − ŵq) (map)', () => {
    const p = TEACHER.aStar * TEACHER.bStar;
    const x = FB.what * TEACHER.wStar;
    const o = odeRates('rflo', zero, TEACHER, FB);
    expect(o.db).toBeCloseTo((-FB.aHat * p) / (1 - x), 14);
    expect(Math.abs(o.da) + Math.abs(o.dw)).toBe(0);
    const m = modeUpdate('rflo', zero, TEACHER, FB, 7, 'final');
    expect(m.db).toBeCloseTo((-FB.aHat * p * (1 - x ** 7)) / (1 - x), 14);
  });
});

describe('iterateModeMap', () => {
  const base = {
    rule: 'bptt' as const,
    teacher: TEACHER,
    feedback: FB,
    T: 10,
    loss: 'final' as const,
    lr: 0.05,
  };
  it('records step 0 = init, updates a, b, w simultaneously from the old state', () => {
    const init = { a: 0.4, b: 0.3, w: 0.2 };
    const tr = iterateModeMap({ ...base, init, steps: 5, record: [5, 0, 1, 1, 9] });
    expect(tr.step).toEqual([0, 1, 5]);
    expect([tr.a[0], tr.b[0], tr.w[0]]).toEqual([0.4, 0.3, 0.2]);
    const r = modeUpdate('bptt', init, TEACHER, FB, 10, 'final');
    expect(tr.a[1]).toBe(0.4 - 0.05 * r.da);
    expect(tr.b[1]).toBe(0.3 - 0.05 * r.db);
    expect(tr.w[1]).toBe(0.2 - 0.05 * r.dw);
    expect(tr.loss[0]).toBe(modeLoss(init, TEACHER, 10, 'final'));
    expect(tr.stopped).toBeNull();
  });
  it('BPTT with a small lr decreases the loss monotonically', () => {
    const rec = Array.from({ length: 101 }, (_, i) => i * 10);
    const tr = iterateModeMap({ ...base, init: { a: 0.1, b: 0.1, w: 0 }, steps: 1000, record: rec });
    for (let i = 1; i < tr.loss.length; i++) expect(tr.loss[i]).toBeLessThanOrEqual(tr.loss[i - 1]);
    expect(tr.loss[100]).toBeLessThan(1e-3 * tr.loss[0]);
  });
  it('stops with a reason when values blow up or become non-finite', () => {
    const big = iterateModeMap({
      ...base,
      init: { a: 1, b: 1, w: 0.5 },
      lr: 50,
      steps: 100,
      record: [0, 50, 100],
    });
    expect(big.stopped?.reason).toMatch(/blew up|non-finite/);
    expect(big.step).toEqual([0]);
    const inf = iterateModeMap({ ...base, T: 400, init: { a: 1, b: 1, w: 10 }, steps: 10, record: [0, 10] });
    expect(inf.stopped).toEqual({ step: 1, reason: expect.stringMatching(/non-finite/) });
  });
  it('rejects an invalid T or truncation', () => {
    expect(() => modeUpdate('tbptt', STATES[0], TEACHER, FB, 0, 'final')).toThrow(RangeError);
    expect(() => modeUpdate('tbptt', STATES[0], TEACHER, FB, 5, 'final', 0)).toThrow(RangeError);
    expect(() => modeUpdate('tbptt', STATES[0], TEACHER, FB, 5, 'final', 1.5)).toThrow(RangeError);
  });
});
