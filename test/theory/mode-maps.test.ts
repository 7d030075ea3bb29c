// Tests of the finite-T mode maps (THEORY 3.1) against the matrix form (THEORY 2.2), limits and gradients.
// May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import { modeLoss, modeUpdate } from '../../src/theory/mode-maps';
import type {
  LossKind,
  ModeFeedback,
  ModeRates,
  ModeState,
  ModeTeacher,
  TheoryRule,
} from '../../src/theory/types';

const RULES: TheoryRule[] = ['bptt', 'tbptt', 'rflo'];
const LOSSES: LossKind[] = ['final', 'sequence'];

/**
 * Independent scalar (1×1) implementation of THEORY 2.2's expected form, final-step loss:
 * C_t = Σ_{m<t} E_{T−t+m} M_m, X_k = E_{T−1−k}; BPTT/tBPTT-k sum (W^T)^{T−t} A^T C_{t−1} over the last
 * k steps (Horner), RFLO sums ŵ^{T−t} R^T C_{t−1}.
 */
function matrixForm(
  rule: TheoryRule,
  s: ModeState,
  t: ModeTeacher,
  f: ModeFeedback,
  T: number,
  k: number,
): ModeRates {
  const E = (j: number) => s.a * s.w ** j * s.b - t.aStar * t.wStar ** j * t.bStar;
  const M = (j: number) => s.w ** j * s.b;
  const C = (tt: number) => {
    let c = 0;
    for (let m = 0; m < tt; m++) c += E(T - tt + m) * M(m);
    return c;
  };
  const X = (kk: number) => E(T - 1 - kk);
  const first = rule === 'tbptt' ? Math.max(1, T - k + 1) : 1;
  let SW = 0;
  let SB = 0;
  for (let tt = first; tt <= T; tt++) {
    const decay = rule === 'rflo' ? f.what : s.w;
    const back = rule === 'rflo' ? f.aHat : s.a;
    SW = decay * SW + back * C(tt - 1);
    SB = decay * SB + back * X(tt - 1);
  }
  return { da: C(T), db: SB, dw: SW };
}

const STATES: ModeState[] = [
  { a: 0.8, b: -0.6, w: 0.7 },
  { a: -1.3, b: 0.4, w: -0.5 },
  { a: 0.2, b: 1.1, w: 1.05 },
];
const TEACHER: ModeTeacher = { aStar: 1.2, bStar: 0.7, wStar: -0.6 };
const FB: ModeFeedback = { aHat: 0.45, what: 0.6 };

function expectRatesClose(x: ModeRates, y: ModeRates, rel: number) {
  const scale = Math.max(1e-300, Math.abs(y.da), Math.abs(y.db), Math.abs(y.dw));
  expect(Math.abs(x.da - y.da)).toBeLessThanOrEqual(rel * scale);
  expect(Math.abs(x.db - y.db)).toBeLessThanOrEqual(rel * scale);
  expect(Math.abs(x.dw - y.dw)).toBeLessThanOrEqual(rel * scale);
}

describe('modeUpdate against the matrix form (THEORY 2.2)', () => {
  for (const rule of RULES) {
    for (const T of [1, 2, 5, 17]) {
      it(`${rule}, T = ${T}, all truncations`, () => {
        for (const s of STATES) {
          for (const k of rule === 'tbptt' ? [1, 2, 3, T, T + 3] : [1]) {
            const ref = matrixForm(rule, s, TEACHER, FB, T, k);
            expectRatesClose(modeUpdate(rule, s, TEACHER, FB, T, 'final', k), ref, 1e-12);
            if (T > 1) expect(Math.abs(ref.dw)).toBeGreaterThan(1e-6);
          }
        }
      });
    }
  }
});

describe('modeUpdate against the literal table of THEORY 3.1', () => {
  const s = STATES[0];
  const p = TEACHER.aStar * TEACHER.bStar;
  const q = TEACHER.wStar;
  const T = 9;
  const e = (j: number) => s.a * s.b * s.w ** j - p * q ** j;
  it('tBPTT1: Δb = a e_0, Δw = a b Σ e_k w^{k−1}', () => {
    let sw = 0;
    for (let k = 1; k < T; k++) sw += e(k) * s.w ** (k - 1);
    const r = modeUpdate('tbptt', s, TEACHER, FB, T, 'final', 1);
    expect(r.db).toBeCloseTo(s.a * e(0), 13);
    expect(r.dw).toBeCloseTo(s.a * s.b * sw, 13);
  });
  it('RFLO: Δw = â b Σ e_k (w^k − ŵ^k)/(w − ŵ) when w is far from ŵ', () => {
    let sw = 0;
    let sb = 0;
    for (let k = 0; k < T; k++) sb += FB.what ** k * e(k);
    for (let k = 1; k < T; k++) sw += (e(k) * (s.w ** k - FB.what ** k)) / (s.w - FB.what);
    const r = modeUpdate('rflo', s, TEACHER, FB, T, 'final');
    expect(r.db).toBeCloseTo(FB.aHat * sb, 13);
    expect(r.dw).toBeCloseTo(FB.aHat * s.b * sw, 13);
  });
});

describe('identities between the rules', () => {
  it('RFLO with â = a, ŵ = w equals BPTT (and is non-zero)', () => {
    for (const s of STATES) {
      for (const loss of LOSSES) {
        const r = modeUpdate('rflo', s, TEACHER, { aHat: s.a, what: s.w }, 40, loss);
        const b = modeUpdate('bptt', s, TEACHER, FB, 40, loss);
        expectRatesClose(r, b, 1e-13);
        expect(Math.min(Math.abs(r.da), Math.abs(r.db), Math.abs(r.dw))).toBeGreaterThan(1e-4);
      }
    }
  });
  it('tBPTT with k = T (or larger) equals BPTT; k = T − 1 does not', () => {
    for (const s of STATES) {
      for (const loss of LOSSES) {
        const b = modeUpdate('bptt', s, TEACHER, FB, 12, loss);
        expectRatesClose(modeUpdate('tbptt', s, TEACHER, FB, 12, loss, 12), b, 1e-14);
        expectRatesClose(modeUpdate('tbptt', s, TEACHER, FB, 12, loss, 50), b, 1e-14);
        const k11 = modeUpdate('tbptt', s, TEACHER, FB, 12, loss, 11);
        expect(Math.abs(k11.dw - b.dw) + Math.abs(k11.db - b.db)).toBeGreaterThan(1e-8);
      }
    }
  });
  it('at T = 1 all three rules equal tBPTT when â = a', () => {
    for (const s of STATES) {
      const t = modeUpdate('tbptt', s, TEACHER, FB, 1, 'final');
      expect(Math.abs(t.dw)).toBe(0);
      expectRatesClose(modeUpdate('bptt', s, TEACHER, FB, 1, 'final'), t, 0);
      expectRatesClose(modeUpdate('rflo', s, TEACHER, { aHat: s.a, what: 0.3 }, 1, 'final'), t, 0);
      expect(Math.abs(t.db)).toBeGreaterThan(1e-3);
    }
  });
});

describe('sequence loss', () => {
  it('update = average over horizons τ = 1..T of the final-step update with T → τ', () => {
    const T = 23;
    for (const rule of RULES) {
      for (const k of rule === 'tbptt' ? [1, 4] : [1]) {
        for (const s of STATES) {
          const avg = { da: 0, db: 0, dw: 0 };
          for (let tau = 1; tau <= T; tau++) {
            const r = modeUpdate(rule, s, TEACHER, FB, tau, 'final', k);
            avg.da += r.da / T;
            avg.db += r.db / T;
            avg.dw += r.dw / T;
          }
          expectRatesClose(modeUpdate(rule, s, TEACHER, FB, T, 'sequence', k), avg, 1e-12);
        }
      }
    }
  });
  it('loss = average over horizons of the final-step loss', () => {
    const s = STATES[1];
    let avg = 0;
    for (let tau = 1; tau <= 15; tau++) avg += modeLoss(s, TEACHER, tau, 'final') / 15;
    expect(modeLoss(s, TEACHER, 15, 'sequence')).toBeCloseTo(avg, 13);
  });
});

describe('BPTT is the exact gradient of the finite-T loss', () => {
  for (const loss of LOSSES) {
    it(`${loss} loss, central differences`, () => {
      const h = 1e-6;
      for (const s of STATES) {
        for (const T of [1, 3, 25]) {
          const L = (x: ModeState) => modeLoss(x, TEACHER, T, loss);
          const fd = {
            da: (L({ ...s, a: s.a + h }) - L({ ...s, a: s.a - h })) / (2 * h),
            db: (L({ ...s, b: s.b + h }) - L({ ...s, b: s.b - h })) / (2 * h),
            dw: (L({ ...s, w: s.w + h }) - L({ ...s, w: s.w - h })) / (2 * h),
          };
          expectRatesClose(modeUpdate('bptt', s, TEACHER, FB, T, loss), fd, 1e-6);
        }
      }
    });
  }
});
