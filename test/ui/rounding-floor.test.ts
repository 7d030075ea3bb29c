// The float32 rounding floor (issue 9): its formula, the band and clamped log axis on the alignment and RFLO
// residual panels (and on no other), and "zero to rounding" in the hover of values under it.
// May import: vitest, src/engine, src/ui/charts, src/ui/plot, src/state, test/state helpers.
import { describe, expect, it } from 'vitest';
import { FLOAT32_EPS, roundingFloor } from '../../src/engine/analysis/rounding-floor';
import type { RunHistory } from '../../src/engine/history';
import type { EngineParams, RuleId } from '../../src/engine/params';
import { resolveParams } from '../../src/state/resolve';
import {
  type FigureInput,
  lossFigure,
  modeCells,
  modesFigure,
  rankFigure,
} from '../../src/ui/charts/figures';
import { rankGrid } from '../../src/ui/charts/figures/rank';
import type { Figure, Trace } from '../../src/ui/plot/plotly-types';
import { FLOOR_LABEL, ZERO_TO_ROUNDING } from '../../src/ui/plot/rounding-band';
import { historyAt } from '../state/fake-client';

const params = (raw: Record<string, string>): EngineParams => resolveParams(raw).params;

/** One run per rule on `steps`, each history column `column` set to `values` (one per step). */
function inputWith(
  p: EngineParams,
  rules: RuleId[],
  column: 'alignA' | 'alignW' | 'alignB' | 'residualR',
  values: number[],
): FigureInput {
  const steps = values.map((_, k) => 10 * k);
  const histories = rules.map((): RunHistory => {
    const h = historyAt(steps);
    h[column] = [...values];
    for (const _ of steps) {
      h.a.push(Array.from({ length: p.modes }, () => 0.5));
      h.b.push(Array.from({ length: p.modes }, () => 0.5));
      h.w.push(Array.from({ length: p.modes }, () => 0.5));
    }
    return h;
  });
  return {
    runs: rules.map((rule) => ({ rule, seed: 1 })),
    histories,
    spectra: rules.map(() => ({ step: 10, W: [1, 0.1], B: [1] })),
    params: p,
  };
}

const bandsOf = (fig: Figure) => (fig.layout.shapes ?? []).filter((s) => s.name === FLOOR_LABEL);
const onPanel = (fig: Figure, panel: string): Trace => fig.data.find((t) => t.meta?.panel === panel)!;

describe('roundingFloor', () => {
  it('is float32 eps · √(n + steps)', () => {
    expect(FLOAT32_EPS).toBe(Math.fround(1 + 2 ** -23) - 1);
    expect(FLOAT32_EPS).toBeCloseTo(1.19e-7, 9);
    // scenario 4: n = 4, 300 steps → √304 eps ≈ 2.1e-6
    expect(roundingFloor({ n: 4, steps: 300 })).toBeCloseTo(1.192e-7 * Math.sqrt(304), 9);
    expect(roundingFloor({ n: 32, steps: 3000 })).toBeGreaterThan(roundingFloor({ n: 4, steps: 300 }));
  });

  it('sits above the issue’s rounding noise (≤ 1.3e-6) on the presets, and well under learnt alignment (1e-3)', () => {
    for (const size of [
      { n: 4, steps: 300 },
      { n: 4, steps: 2000 },
      { n: 32, steps: 3000 },
    ]) {
      expect(roundingFloor(size)).toBeGreaterThan(1.3e-6);
      expect(roundingFloor(size)).toBeLessThan(1e-4);
    }
  });
});

describe('the rounding floor on the modes chart', () => {
  const p = params({ rules: 'bptt', modes: '2', n: '4', i: '4', o: '4', steps: '300' });
  const floor = roundingFloor(p);
  const fig = modesFigure(inputWith(p, ['bptt'], 'alignA', [0, 1e-8, 3e-7, 1e-6, 0.02]));
  const cells = modeCells(2);

  it('shades each alignment panel from the axis bottom to the floor, in the legend once', () => {
    const bands = bandsOf(fig);
    expect(bands.map((s) => s.yref)).toEqual(cells[2].map((c) => c.y));
    for (const s of bands) {
      expect(s.y1).toBe(floor);
      expect(s.y0).toBeCloseTo(floor / 10, 18);
      expect(s.xref).toMatch(/ domain$/);
    }
    expect(bands.filter((s) => s.showlegend)).toHaveLength(1);
    // not on the a·b and w rows
    const rowsAbove = [...cells[0], ...cells[1]].map((c) => c.y);
    expect(bands.some((s) => rowsAbove.includes(s.yref))).toBe(false);
  });

  it('starts each alignment axis one decade under the floor, however small the values', () => {
    for (const c of cells[2]) {
      const axis = fig.layout[c.yKey]!;
      expect(axis.type).toBe('log');
      expect(axis.autorange).toBe(false);
      expect(axis.range![0]).toBeCloseTo(Math.log10(floor) - 1, 12);
    }
    // the top holds the largest value
    expect(fig.layout[cells[2][0].yKey]!.range![1]).toBeGreaterThan(Math.log10(0.02));
  });

  it('draws values under the floor on it and hovers them as "zero to rounding"; a value above reads as itself', () => {
    const alignA = onPanel(fig, 'alignA');
    expect(alignA.y).toEqual([floor, floor, floor, floor, 0.02]);
    expect(alignA.text?.slice(0, 4).every((t) => t.startsWith(ZERO_TO_ROUNDING))).toBe(true);
    expect(alignA.text?.[1]).toBe(`${ZERO_TO_ROUNDING} (< 2.1e-6)`);
    expect(alignA.text?.[4]).toBe('0.0200');
    expect(alignA.text?.[4]).not.toContain(ZERO_TO_ROUNDING);
    expect(alignA.hovertemplate).toContain('%{text}');
  });

  it('keeps the trace order and count: runs first, no traces added for the band', () => {
    expect(fig.data[0].meta?.role).toBe('run');
    expect(fig.data.every((t) => t.meta?.role === 'run' || t.meta?.role === 'reference')).toBe(true);
  });

  it('floors the median and min–max band of several seeds too', () => {
    const seeded = params({ rules: 'bptt', seeds: '2', modes: '2', n: '4', i: '4', o: '4', steps: '300' });
    const inp = inputWith(seeded, ['bptt', 'bptt'], 'alignA', [1e-8, 0.5]);
    inp.runs = [
      { rule: 'bptt', seed: 1 },
      { rule: 'bptt', seed: 2 },
    ];
    const f = modesFigure(inp);
    const median = f.data.find((t) => t.meta?.panel === 'alignA' && t.meta.role === 'median')!;
    const lo = f.data.find((t) => t.meta?.panel === 'alignA' && t.meta.role === 'band-lo')!;
    expect(median.y[0]).toBe(roundingFloor(seeded));
    expect(lo.y[0]).toBe(roundingFloor(seeded));
    expect(median.text?.[0]).toContain(ZERO_TO_ROUNDING);
  });

  it('random init: the basis-free panels get the band too', () => {
    const r = params({ rules: 'bptt', init: 'random', modes: '2', n: '4', i: '4', o: '4' });
    expect(bandsOf(modesFigure(inputWith(r, ['bptt'], 'alignA', [0.1])))).toHaveLength(4);
  });
});

describe('the rounding floor on the rank chart', () => {
  const p = params({ task: 'random', rules: 'bptt,rflo', n: '32', i: '4', o: '1', steps: '3000' });
  const floor = roundingFloor(p);
  // the RFLO residual: 2e-7 rising to 1.3e-6, rounding all the way
  const fig = rankFigure(inputWith(p, ['bptt', 'rflo'], 'residualR', [2e-7, 6e-7, 1.3e-6]));
  const residualCell = rankGrid(inputWith(p, [], 'residualR', [])).cells[1][2];

  it('shades the residual panel only, to the floor, and clamps its axis', () => {
    const bands = bandsOf(fig);
    expect(bands).toHaveLength(1);
    expect(bands[0].yref).toBe(residualCell.y);
    expect(bands[0].y1).toBe(floor);
    expect(fig.layout[residualCell.yKey]!.range![0]).toBeCloseTo(Math.log10(floor) - 1, 12);
  });

  it('hovers the rising residual as "zero to rounding" and draws it flat on the floor', () => {
    const residual = onPanel(fig, 'residualR');
    expect(residual.y).toEqual([floor, floor, floor]);
    expect(residual.text?.every((t) => t.startsWith(ZERO_TO_ROUNDING))).toBe(true);
  });

  it('leaves the other panels and charts alone', () => {
    expect(onPanel(fig, 'effRankW').text).toBeUndefined();
    expect(onPanel(fig, 'spectrumW').hovertemplate).toBeUndefined();
    const loss = lossFigure(inputWith(p, ['bptt'], 'residualR', [1e-8]));
    expect(bandsOf(loss)).toHaveLength(0);
    expect(loss.data[0].text).toBeUndefined();
  });
});
