// λ₊(s) on the optimal manifold (THEORY 3.3): values from stabilityOnManifold, the reference table, the BPTT
// slowest points, regions, run markers. May import: vitest, src/theory, src/ui/theory, ./helpers.
import { describe, expect, it } from 'vitest';
import { stabilityOnManifold } from '../../../src/theory';
import type { ExtTrace } from '../../../src/ui/theory/plotly-extra';
import { stabilityFigure } from '../../../src/ui/theory/stability-figure';
import { history, params } from './helpers';

// THEORY 3.3 reference: p = 1, q = 0.5, ŵ = 0.5
const REF = params({ modes: 1, aStar: [1], bStar: [1], wStar: [0.5], aHat: [1], what: 0.5 });

const curve = (data: ExtTrace[], rule: string, panel = 'lambdaPlus') =>
  data.find(
    (t) => t.meta?.role === 'stability' && t.meta.rule === rule && t.meta.panel === panel,
  ) as ExtTrace;

/** Linear interpolation of a curve at s (the grid is fine enough for 1e-3). */
function at(t: ExtTrace, s: number): number {
  const k = t.x.findIndex(
    (x, i) => i > 0 && t.x[i - 1] <= s && x >= s && t.y[i - 1] !== null && t.y[i] !== null,
  );
  if (k < 0) throw new Error(`s = ${s} not on the curve`);
  const [x0, x1, y0, y1] = [t.x[k - 1], t.x[k], t.y[k - 1] as number, t.y[k] as number];
  return y0 + ((y1 - y0) * (s - x0)) / (x1 - x0);
}

describe('stabilityFigure', () => {
  const fig = stabilityFigure({ params: REF, mode: 0 });

  it('draws Re λ₊ and Re λ₋ of each theory rule; values equal stabilityOnManifold at the sample points', () => {
    for (const rule of ['bptt', 'tbptt', 'rflo'] as const) {
      const plus = curve(fig.data, rule);
      const minus = curve(fig.data, rule, 'lambdaMinus');
      for (const k of [3, 100, 250, 400]) {
        const st = stabilityOnManifold(rule, plus.x[k], 1, 0.5, 1, 0.5);
        expect(plus.y[k]).toBe(st.lambdaPlus.re);
        expect(minus.y[k]).toBe(st.lambdaMinus.re);
        expect(plus.customdata?.[k]).toBe(st.lambdaPlus.im);
      }
      expect(plus.line?.width).toBeGreaterThan(minus.line?.width as number);
      expect(plus.hovertemplate).toMatch(/s = %\{x.*λ₊ = %\{y/);
    }
  });

  it('covers about ±3√|p| on both branches, never at s = 0', () => {
    const b = curve(fig.data, 'bptt');
    const xs = b.x.filter((_, k) => b.y[k] !== null);
    expect(Math.min(...xs)).toBeCloseTo(-3, 6);
    expect(Math.max(...xs)).toBeCloseTo(3, 6);
    expect(xs.includes(0)).toBe(false);
    expect(xs.some((s) => s < 0) && xs.some((s) => s > 0)).toBe(true);
    // the branches are not joined across s = 0
    const zero = b.x.indexOf(0);
    expect(b.y[zero]).toBeNull();
    const p4 = stabilityFigure({ params: { ...REF, aStar: [4] }, mode: 0 });
    expect(Math.max(...curve(p4.data, 'bptt').x)).toBeCloseTo(6, 6);
  });

  it('matches the THEORY 3.3 table (BPTT, tBPTT1, RFLO â = +1) at s = 0.25 … 2', () => {
    const table: [number, number, number, number][] = [
      [0.25, -2.2991, -1.3058, -8.0736],
      [0.5, -2.0376, -1.2329, -3.296],
      [1, -1.549, -1.2372, -1.549],
      [2, -2.0376, -1.7211, -1.0302],
    ];
    for (const [s, bptt, tbptt, rflo] of table) {
      expect(at(curve(fig.data, 'bptt'), s)).toBeCloseTo(bptt, 2);
      expect(at(curve(fig.data, 'tbptt'), s)).toBeCloseTo(tbptt, 2);
      expect(at(curve(fig.data, 'rflo'), s)).toBeCloseTo(rflo, 2);
    }
  });

  it('BPTT is stable everywhere; RFLO with â > 0 is stable for s > 0 and unstable for s < 0', () => {
    const b = curve(fig.data, 'bptt');
    expect(b.y.every((v) => v === null || v < 0)).toBe(true);
    const r = curve(fig.data, 'rflo');
    r.x.forEach((s, k) => {
      if (r.y[k] === null) return;
      expect(Math.sign(r.y[k] as number)).toBe(s > 0 ? -1 : 1);
    });
    // (s, â) → (−s, −â) leaves λ± unchanged: the table's â = −1 column at s = 0.5 is RFLO(â = +1) at s = −0.5
    expect(at(r, -0.5)).toBeCloseTo(5.3751, 2);
    // and flipping â flips which branch is unstable
    const neg = stabilityFigure({ params: { ...REF, aHat: [-1] }, mode: 0 });
    expect(at(curve(neg.data, 'rflo'), 0.5)).toBeCloseTo(5.3751, 2);
  });

  it('marks BPTT’s slowest points s = ±√|p|, the zero line and the stable/unstable regions', () => {
    const p4 = stabilityFigure({ params: { ...REF, aStar: [4] }, mode: 0 });
    const slow = p4.layout.shapes.filter((s) => s.name === 'slowest').map((s) => s.x0);
    expect(slow).toEqual([-2, 2]);
    expect(p4.layout.annotations.some((a) => a.x === 2 && /√\|p\| = 2.*BPTT slowest/.test(a.text))).toBe(
      true,
    );
    const b = curve(p4.data, 'bptt');
    // slowest = largest Re λ₊ on the branch: at s ≈ 2
    let best = 0;
    let top = -Infinity;
    b.x.forEach((s, i) => {
      const v = b.y[i];
      if (s > 0 && v !== null && v > top) [best, top] = [s, v];
    });
    expect(Math.abs(best - 2)).toBeLessThan(0.05);
    const [stable, unstable] = ['stable', 'unstable'].map((n) => fig.layout.shapes.find((s) => s.name === n));
    expect(stable?.y1).toBe(0);
    expect(stable?.y0).toBeLessThan(0);
    expect(unstable?.y0).toBe(0);
    expect(unstable?.y1).toBeGreaterThan(0);
    expect(fig.layout.shapes.some((s) => s.name === 'zero' && s.y0 === 0 && s.y1 === 0)).toBe(true);
    expect(fig.layout.title?.text).toMatch(/λ₊.*ab = p.*p = 1, w\* = 0.5, â = 1, ŵ = 0.5/);
  });

  it('marks where each run is converging: s = its latest a of the mode, at λ₊(s)', () => {
    const p = params({
      modes: 2,
      aStar: [1, 2],
      bStar: [1, 1],
      wStar: [0.5, 0.3],
      aHat: [1, -1],
      rules: ['bptt', 'rflo', 'eprop'],
    });
    const h = (a: number) =>
      history(
        [0, 10],
        [
          [0.1, 0.1],
          [0.3, a],
        ],
        [
          [0.1, 0.1],
          [0.3, 2 / a],
        ],
        [
          [0, 0],
          [0.2, 0.3],
        ],
      );
    const runs = [
      { rule: 'bptt' as const, seed: 1 },
      { rule: 'rflo' as const, seed: 1 },
      { rule: 'eprop' as const, seed: 1 },
    ];
    const f = stabilityFigure({ params: p, mode: 1, runs, histories: [h(0.8), h(-1.5), h(1)] });
    const marks = f.data.filter((t) => t.meta?.role === 'run-point');
    expect(marks.map((t) => t.meta?.rule)).toEqual(['bptt', 'rflo']);
    expect(marks[0].x).toEqual([0.8]);
    expect(marks[0].y).toEqual([stabilityOnManifold('bptt', 0.8, 2, 0.3, -1, p.what).lambdaPlus.re]);
    expect(marks[1].x).toEqual([-1.5]);
    expect(marks[1].y[0]).toBeCloseTo(
      stabilityOnManifold('rflo', -1.5, 2, 0.3, -1, p.what).lambdaPlus.re,
      12,
    );
    // a run far out widens the s range
    const far = stabilityFigure({ params: p, mode: 1, runs, histories: [h(9), h(1), h(1)] });
    expect(Math.max(...curve(far.data, 'bptt').x)).toBeGreaterThan(9);
  });

  it('draws only the selected theory rules, and says so when there is none', () => {
    const only = stabilityFigure({ params: { ...REF, rules: ['tbptt'] }, mode: 0 });
    expect(new Set(only.data.map((t) => t.meta?.rule))).toEqual(new Set(['tbptt']));
    const none = stabilityFigure({ params: { ...REF, rules: ['eprop'] }, mode: 0 });
    expect(none.data).toEqual([]);
    expect(none.layout.annotations.some((a) => /e-prop has no mode theory/.test(a.text))).toBe(true);
  });
});

describe('phase portrait opening rule', () => {
  it('RFLO when it starts on its unstable branch (a₀·â < 0: the detour), else the first rule with a theory', async () => {
    const { phaseRuleFor } = await import('../../../src/ui/theory');
    const base = { rules: ['bptt', 'tbptt', 'rflo'] as ('bptt' | 'tbptt' | 'rflo')[], a0: [1], aHat: [-0.3] };
    expect(phaseRuleFor(base, 0)).toBe('rflo');
    expect(phaseRuleFor({ ...base, aHat: [1] }, 0)).toBe('bptt');
    expect(phaseRuleFor({ ...base, rules: ['tbptt'] }, 0)).toBe('tbptt');
  });
});
