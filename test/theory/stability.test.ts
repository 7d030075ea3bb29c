// Tests of THEORY 3.3: reference table, closed forms against the numerical Jacobian, manifold claims.
// May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import {
  bpttSlowestS,
  eigenvalues3,
  lambdaPlusCurve,
  numericalJacobian,
  optimalPoint,
  saddleLoss,
  stabilityOnManifold,
} from '../../src/theory/stability';
import { modeLossInfinite } from '../../src/theory/mode-maps';
import type { Complex, TheoryRule } from '../../src/theory/types';

const RULES: TheoryRule[] = ['bptt', 'tbptt', 'rflo'];

// THEORY 3.3 reference table: Re λ₊ for p = 1, q = 0.5, ŵ = 0.5.
const TABLE: [number, number, number, number, number][] = [
  // s, BPTT, tBPTT1, RFLO â=+1, RFLO â=−1
  [0.25, -2.2991, -1.3058, -8.0736, 10.259],
  [0.5, -2.0376, -1.2329, -3.296, 5.3751],
  [1.0, -1.549, -1.2372, -1.549, 2.963],
  [2.0, -2.0376, -1.7211, -1.0302, 2.8416],
  [5.0, -2.326, -1.7768, -0.4653, 6.7408],
];
const COLS: [TheoryRule, number][] = [
  ['bptt', 1],
  ['tbptt', 1],
  ['rflo', 1],
  ['rflo', -1],
];

/** The two eigenvalues other than the one of smallest modulus (the manifold direction), λ₊ first. */
function dropZero(ev: Complex[]): Complex[] {
  const mod = (z: Complex) => Math.hypot(z.re, z.im);
  const zero = ev.reduce((best, z) => (mod(z) < mod(best) ? z : best));
  return ev.filter((z) => z !== zero).sort((x, y) => y.re - x.re || y.im - x.im);
}

function teacherFor(p: number, q: number) {
  return { aStar: p, bStar: 1, wStar: q };
}

describe('THEORY 3.3 reference table', () => {
  it.each(TABLE)('s = %f: closed-form Re λ₊ matches to 1e-3', (s, ...expected) => {
    COLS.forEach(([rule, aHat], c) => {
      const st = stabilityOnManifold(rule, s, 1, 0.5, aHat, 0.5);
      expect(Math.abs(st.lambdaPlus.re - expected[c])).toBeLessThan(1e-3);
    });
  });

  it.each(TABLE)(
    's = %f: largest Re eigenvalue of the numerical Jacobian matches to 1e-3',
    (s, ...expected) => {
      COLS.forEach(([rule, aHat], c) => {
        const J = numericalJacobian(rule, optimalPoint(s, 1, 0.5), teacherFor(1, 0.5), { aHat, what: 0.5 });
        const [hi] = dropZero(eigenvalues3(J));
        expect(Math.abs(hi.re - expected[c])).toBeLessThan(1e-3);
      });
    },
  );
});

// Points (s, p, q, â, ŵ) on the optimal manifold, chosen so that λ₊ ≠ λ₋ and δ ≠ 0.
const POINTS: [number, number, number, number, number][] = [
  [-3.0, 1.0, -0.8, 1.0, 0.5], // RFLO: complex pair (unstable spiral on the wrong branch)
  [0.7, 1.3, 0.4, 0.8, 0.3],
  [-1.5, 0.6, -0.6, -0.5, 0.7],
  [2.2, -0.9, 0.8, 1.4, 0.1],
  [0.4, 2.0, 0.2, -2.0, 0.9],
  [1.1, 0.5, 0.0, 0.3, 0.0],
];

function closeRel(x: Complex, y: Complex, rel: number, scale: number): boolean {
  return Math.hypot(x.re - y.re, x.im - y.im) <= rel * scale;
}

describe('closed-form λ± against the numerical Jacobian', () => {
  for (const rule of RULES) {
    it.each(POINTS)(`${rule} at s=%f p=%f q=%f â=%f ŵ=%f`, (s, p, q, aHat, what) => {
      const st = stabilityOnManifold(rule, s, p, q, aHat, what);
      const disc = st.tau * st.tau - 4 * st.delta;
      expect(Math.abs(disc)).toBeGreaterThan(1e-3 * st.tau * st.tau); // non-degenerate pair
      const J = numericalJacobian(rule, optimalPoint(s, p, q), teacherFor(p, q), { aHat, what });
      const ev = eigenvalues3(J);
      const scale = Math.max(...ev.map((z) => Math.hypot(z.re, z.im)));
      const zero = ev.reduce((best, z) => (Math.hypot(z.re, z.im) < Math.hypot(best.re, best.im) ? z : best));
      expect(Math.hypot(zero.re, zero.im)).toBeLessThan(1e-6 * scale); // along the manifold
      const [hi, lo] = dropZero(ev);
      expect(closeRel(hi, st.lambdaPlus, 1e-5, scale)).toBe(true);
      expect(closeRel(lo, st.lambdaMinus, 1e-5, scale)).toBe(true);
      // Trace and determinant of the 2×2 part: τ = λ₊ + λ₋, δ = λ₊ λ₋.
      expect(Math.abs(st.tau - (J[0][0] + J[1][1] + J[2][2]))).toBeLessThan(1e-5 * scale);
    });
  }

  it('exercises the complex branch: RFLO at s = −3, p = 1, q = −0.8, â = 1, ŵ = 0.5 is an unstable spiral', () => {
    const st = stabilityOnManifold('rflo', -3, 1, -0.8, 1, 0.5);
    expect(st.lambdaPlus.im).toBeGreaterThan(0.5);
    expect(st.lambdaPlus.re).toBeGreaterThan(0);
  });
});

describe('eigenvalues3', () => {
  const rot = (t: number) => [
    [Math.cos(t), -Math.sin(t), 0],
    [Math.sin(t), Math.cos(t), 0],
    [0, 0, 1],
  ];
  const mul = (X: number[][], Y: number[][]) =>
    X.map((r) => Y[0].map((_, j) => r.reduce((s, x, k) => s + x * Y[k][j], 0)));
  const tr = (X: number[][]) => X[0].map((_, j) => X.map((r) => r[j]));
  it('recovers three real eigenvalues of a rotated triangular matrix', () => {
    const R = mul(
      rot(0.7),
      tr(rot(-0.3)).map((r) => [r[0], r[2], r[1]]),
    );
    const B = [
      [3, 1, 2],
      [0, -1.5, 4],
      [0, 0, 1e-9],
    ];
    const Rinv = [R[0], R[1], R[2]];
    const ev = eigenvalues3(mul(mul(R, B), invert3(Rinv)));
    expect(ev.map((z) => z.re)).toEqual([
      expect.closeTo(3, 12),
      expect.closeTo(1e-9, 12),
      expect.closeTo(-1.5, 12),
    ]);
    ev.forEach((z) => expect(z.im).toBe(0));
  });
  it('recovers a complex pair', () => {
    const B = [
      [-0.5, -2, 0],
      [2, -0.5, 0],
      [0, 0, -3],
    ];
    const R = rot(1.1);
    const ev = eigenvalues3(mul(mul(R, B), tr(R)));
    expect(ev[0].re).toBeCloseTo(-0.5, 12);
    expect(Math.abs(ev[0].im)).toBeCloseTo(2, 12);
    expect(ev[1].im).toBeCloseTo(-ev[0].im, 12);
    expect(ev[2].re).toBeCloseTo(-3, 12);
  });
});

function invert3(M: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = M;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

describe('claims of THEORY 3.3', () => {
  it('optimal manifold has zero loss; saddle loss is p²/[2(1−q²)]', () => {
    expect(modeLossInfinite(optimalPoint(-0.7, 1.3, 0.6), teacherFor(1.3, 0.6))).toBeCloseTo(0, 14);
    expect(modeLossInfinite({ a: 0, b: 0, w: 0.3 }, teacherFor(1.3, 0.6))).toBeCloseTo(
      saddleLoss(1.3, 0.6),
      14,
    );
    expect(saddleLoss(1.3, 0.6)).toBeCloseTo(1.69 / (2 * 0.64), 14);
  });

  it('BPTT is slowest at s = ±√|p| (strictly when q ≠ 0) and always stable', () => {
    for (const p of [0.3, 1, 4, -2]) {
      for (const q of [0.1, 0.5, 0.9, -0.7]) {
        const s0 = bpttSlowestS(p);
        expect(s0).toBeCloseTo(Math.sqrt(Math.abs(p)), 14);
        const v0 = stabilityOnManifold('bptt', s0, p, q, 0, 0).lambdaPlus.re;
        expect(v0).toBeLessThan(0);
        for (let k = -200; k <= 200; k++) {
          const s = s0 * Math.exp(k / 40);
          for (const sign of [1, -1]) {
            const v = stabilityOnManifold('bptt', sign * s, p, q, 0, 0).lambdaPlus.re;
            expect(v).toBeLessThanOrEqual(v0 + 1e-12);
          }
        }
        expect(stabilityOnManifold('bptt', 1.5 * s0, p, q, 0, 0).lambdaPlus.re).toBeLessThan(v0 - 1e-6);
      }
    }
  });

  it('at q = 0 tBPTT1 equals BPTT; its slow-down is (1−q²) for large |s| but (1−q²)² as s → 0', () => {
    for (const s of [0.2, 1, 3]) {
      expect(stabilityOnManifold('tbptt', s, 1.7, 0, 0, 0).lambdaPlus.re).toBeCloseTo(
        stabilityOnManifold('bptt', s, 1.7, 0, 0, 0).lambdaPlus.re,
        12,
      );
    }
    const q = 0.6;
    const c = 1 - q * q;
    const ratio = (s: number) =>
      stabilityOnManifold('tbptt', s, 1, q, 0, 0).lambdaPlus.re /
      stabilityOnManifold('bptt', s, 1, q, 0, 0).lambdaPlus.re;
    expect(ratio(1e4)).toBeCloseTo(c, 4);
    expect(ratio(1e-4)).toBeCloseTo(c * c, 4);
  });

  it('RFLO: â s > 0 stable; â s < 0 a saddle exactly when |s|³ < p²/|â|', () => {
    const p = 1.2;
    const aHat = -0.8;
    for (const s of [0.1, 0.5, 1, 3]) {
      const st = stabilityOnManifold('rflo', s, p, 0.4, -aHat, 0.5);
      expect(st.lambdaPlus.re).toBeLessThan(0);
      const wrong = stabilityOnManifold('rflo', s, p, 0.4, aHat, 0.5);
      const saddle = s ** 3 < (p * p) / Math.abs(aHat);
      expect(wrong.delta < 0).toBe(saddle);
      if (saddle) expect(wrong.lambdaPlus.re * wrong.lambdaMinus.re).toBeLessThan(0);
      expect(wrong.lambdaPlus.re).toBeGreaterThan(0);
    }
  });

  it('escape rates at the saddle a = b = 0: |p|/(1−wq) (BPTT), |p|/√(1−wq) (tBPTT1)', () => {
    const p = 0.8;
    const q = 0.7;
    const w = 0.4;
    const evB = eigenvalues3(
      numericalJacobian('bptt', { a: 0, b: 0, w }, teacherFor(p, q), { aHat: 0, what: 0 }),
    );
    const evT = eigenvalues3(
      numericalJacobian('tbptt', { a: 0, b: 0, w }, teacherFor(p, q), { aHat: 0, what: 0 }),
    );
    expect(evB[0].re).toBeCloseTo(p / (1 - w * q), 8);
    expect(evT[0].re).toBeCloseTo(p / Math.sqrt(1 - w * q), 8);
  });

  it('lambdaPlusCurve matches stabilityOnManifold and is JSON-safe at s = 0', () => {
    const c = lambdaPlusCurve('rflo', [0, 0.5, 2], 1, 0.5, 1, 0.5);
    expect(c.re[0]).toBeNull();
    expect(c.re[1]).toBeCloseTo(-3.296, 3);
    expect(c.re[2]).toBeCloseTo(-1.0302, 3);
    expect(c.s).toEqual([0, 0.5, 2]);
  });
});
