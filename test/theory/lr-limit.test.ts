// The learning-rate limit (THEORY 2, 3.3) against an independent oracle: the finite-T mode map of THEORY 3.1,
// iterated from a point of the optimal manifold nudged off it, converges just below the limit and runs away
// just above it. May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import { modeUpdate } from '../../src/theory/mode-maps';
import { lrLimitFromRoots, lrLimitOfMap, lrLimitOnManifold } from '../../src/theory/lr-limit';
import { optimalPoint, stabilityOnManifold } from '../../src/theory/stability';
import type { ModeState, TheoryRule } from '../../src/theory/types';

// T long enough that q^T is below float64 rounding next to 1: the finite-T map is then the T → ∞ flow's
const T = 400;
const NUDGE = 1e-9;
const STEPS = 400;

type Case = { rule: TheoryRule; s: number; p: number; q: number; aHat: number; what: number };
const CASES: Case[] = [
  { rule: 'bptt', s: 1, p: 1, q: 0.5, aHat: 0, what: 0 },
  { rule: 'bptt', s: 0.25, p: 1, q: 0.5, aHat: 0, what: 0 },
  { rule: 'bptt', s: -2, p: 0.7, q: -0.8, aHat: 0, what: 0 },
  { rule: 'tbptt', s: 2, p: 1, q: 0.5, aHat: 0, what: 0 },
  { rule: 'tbptt', s: 0.5, p: -1.5, q: 0.3, aHat: 0, what: 0 },
  { rule: 'rflo', s: 0.5, p: 1, q: 0.5, aHat: 1, what: 0.5 },
  { rule: 'rflo', s: 2, p: 1, q: 0.5, aHat: 1, what: 0.5 },
  { rule: 'rflo', s: -1, p: 0.8, q: 0.6, aHat: -0.4, what: 0.3 },
];

/** Distance from the optimal manifold {a b = p, w = q} (zero on it: the map's fixed points). */
const offManifold = (x: ModeState, c: Case) => Math.abs(x.a * x.b - c.p) + Math.abs(x.w - c.q);

/**
 * The manifold's point nudged in every coordinate, iterated STEPS times at η: its distance from the manifold over
 * the start's, at the end and at its largest. (Above the limit the run can leave and then settle elsewhere on the
 * manifold, where the limit is higher: the peak shows it ran away.)
 */
function growth(c: Case, lr: number, horizon = T): { final: number; peak: number } {
  const teacher = { aStar: c.p, bStar: 1, wStar: c.q };
  const fb = { aHat: c.aHat, what: c.what };
  const o = optimalPoint(c.s, c.p, c.q);
  let x: ModeState = { a: o.a + NUDGE, b: o.b - 2 * NUDGE, w: o.w + NUDGE };
  const start = offManifold(x, c);
  let peak = 1;
  for (let k = 0; k < STEPS; k++) {
    const r = modeUpdate(c.rule, x, teacher, fb, horizon, 'final');
    x = { a: x.a - lr * r.da, b: x.b - lr * r.db, w: x.w - lr * r.dw };
    const d = offManifold(x, c);
    if (!Number.isFinite(d)) return { final: Infinity, peak: Infinity };
    peak = Math.max(peak, d / start);
  }
  return { final: offManifold(x, c) / start, peak };
}

describe('lrLimitOnManifold (THEORY 3.3 roots, map I + ηJ)', () => {
  for (const c of CASES) {
    it(`${c.rule} s = ${c.s}, p = ${c.p}, q = ${c.q}${c.rule === 'rflo' ? `, â = ${c.aHat}` : ''}: the map converges at 0.9 × the limit and runs away at 1.1 ×`, () => {
      const limit = lrLimitOnManifold(c.rule, c.s, c.p, c.q, c.aHat, c.what);
      expect(limit).toBeGreaterThan(0);
      const below = growth(c, 0.9 * limit);
      expect(below.final).toBeLessThan(1e-3);
      expect(below.peak).toBeLessThan(10); // transient growth of a non-normal J only
      expect(growth(c, 1.1 * limit).peak).toBeGreaterThan(1e3);
    });
  }

  it('real roots: the larger |λ| binds, 2/|λ₋| (BPTT p = 1, q = 0.5, s = 1: λ₊ = −1.5490 of THEORY’s table)', () => {
    const st = stabilityOnManifold('bptt', 1, 1, 0.5, 0, 0);
    expect(st.lambdaPlus.re).toBeCloseTo(-1.549, 3);
    expect(st.lambdaMinus.im).toBe(0);
    expect(lrLimitOnManifold('bptt', 1, 1, 0.5, 0, 0)).toBeCloseTo(2 / Math.abs(st.lambdaMinus.re), 12);
  });

  it('a complex pair λ = α ± iβ: |1 + ηλ| = 1 at η = −2α/(α² + β²) = −τ/δ', () => {
    const lp = { re: -1, im: 3 };
    const limit = lrLimitFromRoots(lp, { re: -1, im: -3 });
    expect(limit).toBeCloseTo(0.2, 12); // −τ/δ with τ = −2, δ = 1 + 9
    expect(Math.hypot(1 + limit * lp.re, limit * lp.im)).toBeCloseTo(1, 12);
  });

  it('RFLO’s saddle branch (â s < 0, |s|³ < p²/|â|): 0, and the map leaves it even at a small η', () => {
    const c: Case = { rule: 'rflo', s: 0.5, p: 1, q: 0.5, aHat: -1, what: 0.5 };
    expect(lrLimitOnManifold(c.rule, c.s, c.p, c.q, c.aHat, c.what)).toBe(0);
    expect(growth(c, 0.01).peak).toBeGreaterThan(1e3);
  });
});

describe('lrLimitOfMap (the finite-T map’s own Jacobian)', () => {
  const point = (c: Case) => optimalPoint(c.s, c.p, c.q);
  const teacherOf = (c: Case) => ({ aStar: c.p, bStar: 1, wStar: c.q });
  for (const c of CASES)
    it(`${c.rule} s = ${c.s}, q = ${c.q}: at T = 400 it is THEORY 3.3’s closed form to 1e-6`, () => {
      const closed = lrLimitOnManifold(c.rule, c.s, c.p, c.q, c.aHat, c.what);
      const map = lrLimitOfMap(c.rule, point(c), teacherOf(c), c, T, 'final');
      expect(Math.abs(map / closed - 1)).toBeLessThan(1e-6);
    });

  // T = 10 with q = 0.8: q^T = 0.11 is far from negligible, so the closed form is off and the map's own limit is not
  const SHORT: Case[] = [
    { rule: 'bptt', s: 1, p: 1, q: 0.8, aHat: 0, what: 0 },
    { rule: 'tbptt', s: 0.7, p: 1, q: 0.8, aHat: 0, what: 0 },
    { rule: 'rflo', s: 1, p: 1, q: 0.8, aHat: 0.5, what: 0.5 },
  ];
  for (const c of SHORT)
    it(`${c.rule} at T = 10, q = 0.8: differs from the T → ∞ form by over 5 %, and bounds the T = 10 map`, () => {
      const closed = lrLimitOnManifold(c.rule, c.s, c.p, c.q, c.aHat, c.what);
      const map = lrLimitOfMap(c.rule, point(c), teacherOf(c), c, 10, 'final');
      expect(Math.abs(map / closed - 1)).toBeGreaterThan(0.05);
      expect(growth(c, 0.95 * map, 10).final).toBeLessThan(1e-2);
      expect(growth(c, 1.05 * map, 10).peak).toBeGreaterThan(1e3);
    });

  it('tBPTT with k = T is BPTT, and the sequence loss has a limit of its own', () => {
    const c = SHORT[0];
    const bptt = lrLimitOfMap('bptt', point(c), teacherOf(c), c, 10, 'final');
    expect(lrLimitOfMap('tbptt', point(c), teacherOf(c), c, 10, 'final', 10)).toBeCloseTo(bptt, 6);
    const seq = lrLimitOfMap('bptt', point(c), teacherOf(c), c, 10, 'sequence');
    expect(Math.abs(seq / bptt - 1)).toBeGreaterThan(0.05);
  });
});
