// BPTT's and tBPTT's escape from the saddle a = b = 0 (THEORY 3.3) against the finite-T mode map of THEORY 3.1
// iterated from a small start: the step at which |ab| first reaches |p|/2 (half-way off the plateau).
// May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import { modeUpdate } from '../../src/theory/mode-maps';
import { saddleEscapeSteps, saddleLinearisation, type SaddleRule } from '../../src/theory/saddle-escape';
import type { ModeState, ModeTeacher } from '../../src/theory/types';

const NO_FEEDBACK = { aHat: 0, what: 0 };

/** The first step of the map at which ab has the sign of p and |ab| ≥ |p|/2. */
function observedEscape(
  rule: SaddleRule,
  init: ModeState,
  teacher: ModeTeacher,
  T: number,
  lr: number,
): number {
  const p = teacher.aStar * teacher.bStar;
  let x = init;
  for (let k = 0; k < 1_000_000; k++) {
    if (x.a * x.b * Math.sign(p) >= Math.abs(p) / 2) return k;
    const r = modeUpdate(rule, x, teacher, NO_FEEDBACK, T, 'final');
    x = { a: x.a - lr * r.da, b: x.b - lr * r.db, w: x.w - lr * r.dw };
  }
  return Infinity;
}

describe('saddleLinearisation', () => {
  it('as T → ∞, the rates of THEORY 3.3: |p|/(1−wq) (BPTT) and |p|/√(1−wq) (tBPTT1)', () => {
    for (const [p, q, w] of [
      [1, 0.5, 0],
      [-0.6, 0.8, 0.5],
      [2, -0.7, 0.3],
    ]) {
      const teacher = { aStar: p, bStar: 1, wStar: q };
      expect(saddleLinearisation('bptt', w, teacher, 2000, 'final').rate).toBeCloseTo(
        Math.abs(p) / (1 - w * q),
        10,
      );
      expect(saddleLinearisation('tbptt', w, teacher, 2000, 'final').rate).toBeCloseTo(
        Math.abs(p) / Math.sqrt(1 - w * q),
        10,
      );
    }
  });
});

describe('saddleEscapeSteps against the iterated map', () => {
  type Case = { rule: SaddleRule; init: ModeState; p: number; q: number; T: number; lr: number };
  const cases: Case[] = [
    { rule: 'bptt', init: { a: 1e-3, b: 1e-3, w: 0.5 }, p: 1, q: 0.5, T: 100, lr: 0.01 },
    { rule: 'bptt', init: { a: 1e-4, b: 3e-4, w: 0 }, p: 1, q: 0.5, T: 100, lr: 0.02 },
    { rule: 'bptt', init: { a: 2e-3, b: -1e-3, w: 0.2 }, p: -0.5, q: 0.8, T: 20, lr: 0.01 },
    { rule: 'tbptt', init: { a: 1e-3, b: 1e-3, w: 0 }, p: 1, q: 0.5, T: 100, lr: 0.01 },
    { rule: 'tbptt', init: { a: 1e-4, b: -2e-4, w: 0.3 }, p: -2, q: 0.6, T: 30, lr: 0.005 },
  ];
  for (const c of cases) {
    it(`${c.rule} from (${c.init.a}, ${c.init.b}, ${c.init.w}), p = ${c.p}, q = ${c.q}: within 5 % (measured ≤ 2.6 %)`, () => {
      const teacher = { aStar: c.p, bStar: 1, wStar: c.q };
      const predicted = saddleEscapeSteps(c.rule, c.init, teacher, c.T, 'final', c.lr);
      const observed = observedEscape(c.rule, c.init, teacher, c.T, c.lr);
      expect(observed).toBeGreaterThan(100); // a real plateau
      expect(Math.abs(predicted / observed - 1), `${predicted} vs ${observed}`).toBeLessThan(0.05);
    });
  }

  it('halving the start’s size adds ln 4 / (2 ln(1 + ηr)) steps, and no growing component means no escape', () => {
    const teacher = { aStar: 1, bStar: 1, wStar: 0.5 };
    const at = (e: number) => saddleEscapeSteps('bptt', { a: e, b: e, w: 0 }, teacher, 50, 'final', 0.01);
    const { rate } = saddleLinearisation('bptt', 0, teacher, 50, 'final');
    expect(at(5e-4) - at(1e-3)).toBeCloseTo(Math.log(4) / (2 * Math.log1p(0.01 * rate)), 8);
    expect(saddleEscapeSteps('bptt', { a: 1e-3, b: -1e-3, w: 0 }, teacher, 50, 'final', 0.01)).toBe(Infinity);
    expect(saddleEscapeSteps('bptt', { a: 1, b: 1, w: 0 }, teacher, 50, 'final', 0.01)).toBe(0);
  });
});
