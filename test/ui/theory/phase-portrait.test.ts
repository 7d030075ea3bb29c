// The (a, b) phase portrait at w = w*: manifold ab = p, saddle, arrows along −odeRates, runs' paths, clicks → (a₀, b₀).
// May import: vitest, src/theory, src/ui/theory, ./helpers.
import { describe, expect, it } from 'vitest';
import { odeRates } from '../../../src/theory';
import {
  manifoldBranches,
  niceCeil,
  phaseBounds,
  phaseField,
  pixelToData,
  pointToModeInit,
} from '../../../src/ui/theory/phase-geometry';
import { phasePortraitFigure, SADDLE_COLOR } from '../../../src/ui/theory/phase-portrait';
import { MANIFOLD_COLOR } from '../../../src/ui/theory/phase-traces';
import type { ExtAxis } from '../../../src/ui/theory/plotly-extra';
import { history, params } from './helpers';

const P = params({
  modes: 2,
  aStar: [1, 2],
  bStar: [1, -1],
  wStar: [0.5, 0.3],
  aHat: [1, 0.5],
  a0: [0.02, 0.5],
  b0: [0.02, 0.1],
});

const byRole = (fig: ReturnType<typeof phasePortraitFigure>, role: string) =>
  fig.data.filter((t) => t.meta?.role === role);

describe('manifold and saddle', () => {
  it('every manifold point satisfies ab = p, on both branches, in cyan', () => {
    for (const mode of [0, 1]) {
      const p = P.aStar[mode] * P.bStar[mode];
      const fig = phasePortraitFigure({ params: P, mode, rule: 'bptt' });
      const lines = byRole(fig, 'manifold');
      expect(lines.length).toBeGreaterThan(0);
      const pts = lines.flatMap((t) => t.x.map((a, k) => [a, t.y[k]] as const)).filter(([, b]) => b !== null);
      for (const [a, b] of pts) expect((a * (b as number)) / p).toBeCloseTo(1, 12);
      expect(pts.some(([a]) => a > 0) && pts.some(([a]) => a < 0)).toBe(true);
      expect(lines[0].line?.color).toBe(MANIFOLD_COLOR);
    }
    // inside the bounds
    const br = manifoldBranches(1, { a: [-2, 2], b: [-2, 2] });
    for (const { a, b } of br)
      for (let k = 0; k < a.length; k++)
        expect(Math.max(Math.abs(a[k]), Math.abs(b[k]))).toBeLessThanOrEqual(2 + 1e-12);
  });

  it('RFLO: the branch with â·a < 0 is drawn as unstable, BPTT has no unstable part', () => {
    const rflo = phasePortraitFigure({ params: P, mode: 0, rule: 'rflo' });
    const unstable = byRole(rflo, 'manifold').find((t) => t.meta?.panel === 'unstable');
    const xs = unstable?.x.filter((_, k) => unstable.y[k] !== null) ?? [];
    expect(xs.length).toBeGreaterThan(10);
    expect(xs.every((a) => a < 0)).toBe(true); // â = 1 > 0: a < 0 is the wrong branch
    const bptt = phasePortraitFigure({ params: P, mode: 0, rule: 'bptt' });
    expect(byRole(bptt, 'manifold').map((t) => t.meta?.panel)).toEqual(['stable']);
  });

  it('the saddle a = b = 0 is a red point for BPTT and tBPTT, absent for RFLO', () => {
    for (const rule of ['bptt', 'tbptt'] as const) {
      const [saddle] = byRole(phasePortraitFigure({ params: P, mode: 0, rule }), 'saddle');
      expect([saddle.x, saddle.y]).toEqual([[0], [0]]);
      expect(saddle.marker?.color).toBe(SADDLE_COLOR);
    }
    const rflo = phasePortraitFigure({ params: P, mode: 0, rule: 'rflo' });
    expect(byRole(rflo, 'saddle')).toEqual([]);
    expect(rflo.layout.title?.text).toMatch(/no saddle/);
    expect(phasePortraitFigure({ params: P, mode: 0, rule: 'bptt' }).layout.title?.text).not.toMatch(
      /no saddle/,
    );
  });
});

describe('vector field', () => {
  const bounds = phaseBounds(P, 0);

  it('each arrow points along −odeRates projected on (a, b) at w = w*', () => {
    for (const rule of ['bptt', 'tbptt', 'rflo'] as const) {
      const arrows = phaseField(P, 0, rule, bounds, 9);
      // the centre cell is a = b = 0: BPTT's and tBPTT's saddle has no flow (no arrow), RFLO leaves it
      expect(arrows.length).toBe(rule === 'rflo' ? 81 : 80);
      for (const ar of arrows) {
        const r = odeRates(
          rule,
          { a: ar.a, b: ar.b, w: 0.5 },
          { aStar: 1, bStar: 1, wStar: 0.5 },
          { aHat: 1, what: P.what },
        );
        const [da, db] = [ar.tip[0] - ar.tail[0], ar.tip[1] - ar.tail[1]];
        const len = Math.hypot(-r.da, -r.db);
        expect((da * -r.da + db * -r.db) / (Math.hypot(da, db) * len)).toBeCloseTo(1, 9);
      }
    }
  });

  it('hand-checked signs: below the manifold (ab < p) a and b grow, above it they shrink (BPTT, p = 1)', () => {
    const [low] = phaseField(P, 0, 'bptt', { a: [0.4, 0.6], b: [0.4, 0.6] }, 1); // centre (0.5, 0.5): ab = 0.25 < 1
    expect(low.va).toBeGreaterThan(0);
    expect(low.vb).toBeGreaterThan(0);
    expect(low.tip[0]).toBeGreaterThan(low.tail[0]);
    const [high] = phaseField(P, 0, 'bptt', { a: [1.9, 2.1], b: [1.9, 2.1] }, 1); // (2, 2): ab = 4 > 1
    expect(high.va).toBeLessThan(0);
    expect(high.vb).toBeLessThan(0);
    expect(high.tip[1]).toBeLessThan(high.tail[1]);
  });

  it('the figure draws the arrows as tail → tip → barb → tip → barb, gap; same length; opacity bins by speed', () => {
    const fig = phasePortraitFigure({ params: P, mode: 0, rule: 'bptt', gridSize: 9 });
    const field = byRole(fig, 'field');
    expect(field.reduce((n, t) => n + t.x.length / 6, 0)).toBe(80);
    const lengths: number[] = [];
    for (const t of field) {
      for (let k = 0; k < t.x.length; k += 6) {
        expect(t.y[k + 5]).toBeNull();
        const [a, b] = [(t.x[k] + t.x[k + 1]) / 2, ((t.y[k] as number) + (t.y[k + 1] as number)) / 2];
        const r = odeRates(
          'bptt',
          { a, b, w: 0.5 },
          { aStar: 1, bStar: 1, wStar: 0.5 },
          { aHat: 1, what: 0.5 },
        );
        // same direction as −(Δa, Δb) (a zero component, e.g. ḃ on the axis a = 0, is ±0 either way)
        if (Math.abs(r.da) > 1e-12) expect(Math.sign(t.x[k + 1] - t.x[k])).toBe(Math.sign(-r.da));
        if (Math.abs(r.db) > 1e-12)
          expect(Math.sign((t.y[k + 1] as number) - (t.y[k] as number))).toBe(Math.sign(-r.db));
        lengths.push(Math.hypot(t.x[k + 1] - t.x[k], (t.y[k + 1] as number) - (t.y[k] as number)));
      }
    }
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(1e-12);
    const alphas = field.map((t) => Number(/, ([\d.]+)\)$/.exec(t.line?.color ?? '')?.[1]));
    expect(alphas.length).toBeGreaterThan(1);
    expect(alphas).toEqual([...alphas].sort((x, y) => x - y));
  });
});

describe('runs, axes, clicks', () => {
  it('trajectories are the history’s (a, b) of the mode, with the current point marked, in rule colours', () => {
    const h = history(
      [0, 10, 20],
      [
        [0.02, 0.5],
        [0.1, 0.7],
        [0.4, 0.9],
      ],
      [
        [0.02, 0.1],
        [0.12, 0.3],
        [0.5, 0.6],
      ],
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
    const runs = [
      { rule: 'bptt' as const, seed: 1 },
      { rule: 'rflo' as const, seed: 1 },
    ];
    const fig = phasePortraitFigure({ params: P, mode: 1, rule: 'rflo', runs, histories: [h, h] });
    const paths = byRole(fig, 'trajectory');
    expect(paths.map((t) => t.meta?.rule)).toEqual(['bptt', 'rflo']);
    expect(paths[0].x).toEqual([0.5, 0.7, 0.9]);
    expect(paths[0].y).toEqual([0.1, 0.3, 0.6]);
    expect(paths[1].line?.color).toBe('#009E73'); // the chosen rule at full strength
    expect(paths[0].line?.color).toMatch(/^rgba\(/);
    const now = byRole(fig, 'trajectory-now');
    expect(now.map((t) => [t.x[0], t.y[0]])).toEqual([
      [0.9, 0.6],
      [0.9, 0.6],
    ]);
    const [init] = byRole(fig, 'init');
    expect([init.x[0], init.y[0]]).toEqual([0.5, 0.1]);
  });

  it('axis ranges are fixed (no autorange, no zoom) and equal the exported bounds', () => {
    const fig = phasePortraitFigure({ params: P, mode: 1, rule: 'bptt' });
    const b = phaseBounds(P, 1);
    const x = fig.layout.xaxis as ExtAxis;
    const y = fig.layout.yaxis as ExtAxis;
    expect(x.range).toEqual(b.a);
    expect(y.range).toEqual(b.b);
    expect(x.fixedrange && y.fixedrange).toBe(true);
    expect(x.autorange).toBeUndefined();
    expect(y.scaleanchor).toBe('x');
    // p = −2: R covers 2.5√2 ≈ 3.54 → 4
    expect(b).toEqual({ a: [-4, 4], b: [-4, 4] });
    const custom = phasePortraitFigure({
      params: P,
      mode: 1,
      rule: 'bptt',
      bounds: { a: [-1, 3], b: [-2, 2] },
    });
    expect(custom.layout.xaxis?.range).toEqual([-1, 3]);
    expect([niceCeil(0.3), niceCeil(3.54), niceCeil(7), niceCeil(12)]).toEqual([0.3, 4, 8, 15]);
    expect(phaseBounds({ ...P, a0: [9.5, 0.5] }, 0).a).toEqual([-10, 10]);
  });

  it('pixelToData maps pixels in the plot area to (a, b) (y upwards) and refuses outside it', () => {
    const xaxis = { range: [-2, 2] as [number, number], _offset: 60, _length: 400 };
    const yaxis = { range: [-1, 3] as [number, number], _offset: 30, _length: 200 };
    expect(pixelToData(60, 230, xaxis, yaxis)).toEqual({ a: -2, b: -1 });
    expect(pixelToData(460, 30, xaxis, yaxis)).toEqual({ a: 2, b: 3 });
    expect(pixelToData(160, 80, xaxis, yaxis)).toEqual({ a: -1, b: 2 });
    expect(pixelToData(59, 100, xaxis, yaxis)).toBeNull();
    expect(pixelToData(100, 231, xaxis, yaxis)).toBeNull();
  });

  it('pointToModeInit sets only the chosen mode, rounds to 3 decimals, clamps to [−10, 10]', () => {
    const p = params({ n: 4, i: 4, o: 4, modes: 3, a0: [0.1, 0.2, 0.3], b0: [1, 2, 3] });
    expect(pointToModeInit(p, 1, 0.12345, -0.5)).toEqual({ a0: [0.1, 0.123, 0.3], b0: [1, -0.5, 3] });
    expect(pointToModeInit(p, 2, 12, -15)).toEqual({ a0: [0.1, 0.2, 10], b0: [1, 2, -10] });
    expect(pointToModeInit(p, 0, Number.NaN, 0.5)).toEqual({ a0: [0.1, 0.2, 0.3], b0: [0.5, 2, 3] });
    expect(pointToModeInit(p, 3, 1, 1)).toEqual({ a0: [0.1, 0.2, 0.3], b0: [1, 2, 3] });
    // a short list (URL shorthand) comes back with one entry per mode; the input is not mutated
    const short = { modes: 3, a0: [0.02], b0: [0.02] };
    expect(pointToModeInit(short, 2, 1, -1)).toEqual({ a0: [0.02, 0.02, 1], b0: [0.02, 0.02, -1] });
    expect(short.a0).toEqual([0.02]);
    expect(Object.is(pointToModeInit(p, 0, -0.0001, 0).a0[0], 0)).toBe(true);
  });
});

describe('compact portrait (a short dashboard card)', () => {
  it('drops the legend and the subtitle and gives the height to the plane; the traces are the same', () => {
    const full = phasePortraitFigure({ params: P, mode: 0, rule: 'rflo' });
    const compact = phasePortraitFigure({ params: P, mode: 0, rule: 'rflo', compact: true });
    expect(full.layout.showlegend).toBe(true);
    expect(compact.layout.showlegend).toBe(false);
    expect(full.layout.title?.text).toMatch(/<br>/);
    expect(compact.layout.title?.text).not.toMatch(/<br>/);
    const vertical = (f: typeof full) => f.layout.margin.t + f.layout.margin.b;
    expect(vertical(full) - vertical(compact)).toBeGreaterThanOrEqual(70);
    expect(compact.data.map((t) => t.meta?.role)).toEqual(full.data.map((t) => t.meta?.role));
  });
});
