// The pure figure builders: log axes, one trace per run or median + band with seeds, rule colours and dashes,
// teacher lines, the rank bound, panel grids. May import: vitest, src/ui/charts, src/state, test/state helpers.
import { describe, expect, it } from 'vitest';
import type { RunHistory } from '../../src/engine/history';
import type { EngineParams, RuleId } from '../../src/engine/params';
import { resolveParams } from '../../src/state/resolve';
import { grid, medianBand, panelGrid } from '../../src/ui/plot/figure-parts';
import {
  agreementFigure,
  type FigureInput,
  lossFigure,
  lossCell,
  modeCells,
  modesFigure,
  paddedRange,
  rankFigure,
} from '../../src/ui/charts/figures';
import type { Trace } from '../../src/ui/plot/plotly-types';
import { REFERENCE_STYLE, RULE_STYLE } from '../../src/ui/rule-style';
import { historyAt } from '../state/fake-client';

const params = (raw: Record<string, string> = {}): EngineParams => resolveParams(raw).params;

/** Aligned-task histories with per-mode values a = b = 0.1·(k+1), w = 0.05·k at record k. */
function alignedHistory(steps: number[], modes: number, lossScale = 1): RunHistory {
  const h = historyAt(steps);
  h.loss = h.loss.map((v) => (v === null ? null : v * lossScale));
  steps.forEach((_, k) => {
    const v = Array.from({ length: modes }, () => 0.1 * (k + 1));
    h.a.push(v);
    h.b.push(v);
    h.w.push(v.map(() => 0.05 * k));
    h.alignA[k] = 0.01;
  });
  return h;
}

function input(
  rules: RuleId[],
  seeds = 1,
  p = params({ rules: rules.join(','), seeds: String(seeds) }),
): FigureInput {
  const runs = Array.from({ length: seeds }, (_, s) => rules.map((rule) => ({ rule, seed: 1 + s }))).flat();
  return {
    runs,
    histories: runs.map((_, k) => alignedHistory([0, 10, 20], p.modes, 1 + k)),
    spectra: runs.map(() => ({ step: 20, W: [4, 2, 1, 0], B: [3, 1] })),
    params: p,
  };
}

const runTraces = (data: Trace[]) => data.filter((t) => t.meta?.role !== 'reference');
const onAxis = (data: Trace[], y: string) => data.filter((t) => (t.yaxis ?? 'y') === y);

describe('loss figure', () => {
  it('has a log y axis and one line per run, coloured and dashed by rule', () => {
    const fig = lossFigure(input(['bptt', 'tbptt', 'rflo']));
    expect(fig.layout.yaxis?.type).toBe('log');
    expect(fig.data).toHaveLength(3);
    expect(fig.data.map((t) => t.line?.color)).toEqual([
      RULE_STYLE.bptt.color,
      RULE_STYLE.tbptt.color,
      RULE_STYLE.rflo.color,
    ]);
    expect(fig.data.map((t) => t.line?.dash)).toEqual(['solid', 'dash', 'dot']);
    expect(fig.data.map((t) => t.name)).toEqual(['BPTT', 'tBPTT (one-step)', 'RFLO']);
    expect(fig.data[0].x).toEqual([0, 10, 20]);
    expect(fig.data[0].y).toEqual([1, 1 / 11, 1 / 21]);
    expect(fig.layout.uirevision).toBeTruthy();
  });

  it('with several seeds draws per rule a min–max band and the median line', () => {
    const inp = input(['bptt', 'rflo'], 3);
    const fig = lossFigure(inp);
    expect(fig.data.map((t) => t.meta?.role)).toEqual([
      'band-lo',
      'band-hi',
      'median',
      'band-lo',
      'band-hi',
      'median',
    ]);
    const [lo, hi, median] = fig.data;
    expect(hi.fill).toBe('tonexty');
    expect(median.line?.dash).toBe('solid');
    expect(median.showlegend).toBe(true);
    expect(lo.showlegend).toBe(false);
    // bptt runs are 0, 2, 4 with losses × 1, 3, 5
    expect(lo.y[1]).toBeCloseTo(1 / 11);
    expect(median.y[1]).toBeCloseTo(3 / 11);
    expect(hi.y[1]).toBeCloseTo(5 / 11);
    expect(median.name).toBe('BPTT (median)');
  });

  it('draws a lone first record as a marker (a one-point line is invisible)', () => {
    const inp = input(['bptt']);
    inp.histories = [historyAt([0])];
    expect(lossFigure(inp).data[0].mode).toBe('markers');
  });

  it('replaces non-finite values by gaps', () => {
    const inp = input(['bptt']);
    inp.histories[0].loss = [1, null, Number.NaN];
    expect(lossFigure(inp).data[0].y).toEqual([1, null, null]);
  });
});

describe('modes figure', () => {
  it('aligned: per mode a·b against p and w against w*, teacher as grey long-dashed lines after the runs', () => {
    const p = params({ rules: 'bptt,rflo', aStar: '1,0.5', bStar: '2', wStar: '0.5,0.8' });
    const fig = modesFigure(input(['bptt', 'rflo'], 1, p));
    const refs = fig.data.filter((t) => t.meta?.role === 'reference');
    expect(refs).toHaveLength(4);
    expect(
      refs.every((t) => t.line?.dash === REFERENCE_STYLE.dash && t.line?.color === REFERENCE_STYLE.color),
    ).toBe(true);
    const cells = modeCells(2);
    expect(onAxis(refs, cells[0][0].y)[0].y).toEqual([2, 2]);
    expect(onAxis(refs, cells[0][1].y)[0].y).toEqual([1, 1]);
    expect(onAxis(refs, cells[1][0].y)[0].y).toEqual([0.5, 0.5]);
    expect(onAxis(refs, cells[1][1].y)[0].y).toEqual([0.8, 0.8]);
    // the first trace is a history line (it grows with training)
    expect(fig.data[0].meta?.role).toBe('run');
    const ab = onAxis(runTraces(fig.data), cells[0][0].y)[0];
    expect(ab.y[2]).toBeCloseTo(0.3 * 0.3);
    // the y range holds the data and the teacher, and is never narrower than 0.2 (no blown-up float noise)
    const abRange = fig.layout[cells[0][0].yKey]!.range!;
    expect(abRange[0]).toBeLessThanOrEqual(0.01);
    expect(abRange[1]).toBeGreaterThanOrEqual(2);
    const flat = paddedRange([{ x: [0, 1], y: [1e-7, -1e-7] }], 0);
    expect(flat[1] - flat[0]).toBeGreaterThanOrEqual(0.2);
    // alignment panels are logarithmic
    const alignAxis = cells[2][0].yKey;
    expect(fig.layout[alignAxis]?.type).toBe('log');
  });

  it('shows at most MAX_MODE_PANELS modes and says so', () => {
    const p = params({ n: '8', i: '8', o: '8', modes: '8' });
    const fig = modesFigure(input(['bptt'], 1, p));
    expect(fig.data.filter((t) => t.meta?.panel?.startsWith('ab'))).toHaveLength(6);
    expect(fig.layout.annotations.some((a) => a.text.includes('modes 1–6 of 8'))).toBe(true);
  });

  it('random task: cos(vec A, vec R) and the basis-free measures that need no bases, with a note', () => {
    const p = params({ task: 'random' });
    const fig = modesFigure(input(['bptt', 'rflo'], 1, p));
    const panels = ['cosAR', 'asymW', 'commB', 'commA'];
    expect(fig.data.map((t) => t.meta?.panel)).toEqual(panels.flatMap((panel) => [panel, panel]));
    expect(fig.data.find((t) => t.meta?.panel === 'commB')?.y).toEqual([0.25, 0.25, 0.25]);
    expect(fig.layout.annotations.map((a) => a.text).join(' ')).toMatch(/no bases/);
  });

  it('aligned task: teacher-basis fractions for an aligned start, the basis-free measures for a random one', () => {
    const panelsOf = (init: string) => {
      const fig = modesFigure(input(['bptt'], 1, params({ init })));
      const measures = ['alignA', 'alignW', 'alignB', 'asymW', 'commB', 'commA', 'io'];
      return fig.data.map((t) => t.meta?.panel).filter((k) => measures.includes(k ?? ''));
    };
    expect(panelsOf('aligned')).toEqual(['alignA', 'alignW', 'alignB']);
    expect(panelsOf('random')).toEqual(['asymW', 'commB', 'commA', 'io']);
  });
});

describe('rank figure', () => {
  it('draws the rank bound o as a reference line on both rank panels', () => {
    const p = params({ o: '3', n: '4', i: '3', modes: '2' });
    const fig = rankFigure(input(['bptt', 'rflo'], 1, p));
    const bounds = fig.data.filter((t) => t.meta?.role === 'reference');
    expect(bounds).toHaveLength(2);
    expect(bounds.every((t) => t.y.every((v) => v === 3))).toBe(true);
    expect(bounds[0].name).toMatch(/o = 3/);
  });

  it('normalises each spectrum by its largest singular value, on log axes', () => {
    const fig = rankFigure(input(['bptt']));
    const spectrum = fig.data.find((t) => t.meta?.panel === 'spectrumW')!;
    expect(spectrum.x).toEqual([1, 2, 3, 4]);
    expect(spectrum.y).toEqual([1, 0.5, 0.25, 0]);
    expect(fig.layout[spectrum.yaxis!.replace('y', 'yaxis') as `yaxis${string}`]?.type).toBe('log');
  });

  it('draws the range(Rᵀ) residual for RFLO runs only, and says when RFLO is not selected', () => {
    const both = rankFigure(input(['bptt', 'rflo']));
    expect(both.data.filter((t) => t.meta?.panel === 'residualR').map((t) => t.meta?.rule)).toEqual(['rflo']);
    const noRflo = rankFigure(input(['bptt']));
    expect(noRflo.layout.annotations.some((a) => a.text === 'RFLO not selected')).toBe(true);
  });
});

describe('agreement figure', () => {
  it('plots cos with the BPTT gradient and cos(vec A, vec R) on [−1, 1] axes', () => {
    const fig = agreementFigure(input(['bptt', 'tbptt']));
    expect(fig.data.map((t) => t.meta?.panel)).toEqual(['cosBptt', 'cosBptt', 'cosAR', 'cosAR']);
    expect(fig.layout.yaxis?.range).toEqual([-1.05, 1.05]);
    expect(fig.layout.yaxis2?.range).toEqual([-1.05, 1.05]);
    expect(fig.data.filter((t) => t.showlegend)).toHaveLength(2);
  });
});

describe('figure parts', () => {
  it('medianBand takes the median, min and max at each index, skipping gaps', () => {
    const band = medianBand([
      { x: [0, 1, 2], y: [1, 5, null] },
      { x: [0, 1, 2], y: [2, 6, null] },
      { x: [0, 1, 2], y: [9, null, null] },
    ]);
    expect(band).toEqual({ x: [0, 1, 2], median: [2, 5.5, null], lo: [1, 5, null], hi: [9, 6, null] });
  });

  it('medianBand matches runs by step: a run that stopped early drops out and does not cut the others short', () => {
    const band = medianBand([
      { x: [0, 10], y: [1, 3] }, // diverged after step 10
      { x: [0, 10, 20, 30], y: [2, 4, 6, 8] },
      { x: [0, 20, 30], y: [3, 5, 7] }, // thinned differently: no record at step 10
    ]);
    expect(band).toEqual({
      x: [0, 10, 20, 30],
      median: [2, 3.5, 5.5, 7.5],
      lo: [1, 3, 5, 7],
      hi: [3, 4, 6, 8],
    });
  });

  it('panel grids number axes in reading order; a narrow screen wraps rows but keeps the ids', () => {
    const wide = panelGrid({}, [3, 1], { rowPx: 100 });
    const narrow = panelGrid({ narrow: true }, [3, 1], { rowPx: 100 });
    const ids = (g: typeof wide) => g.cells.flat().map((c) => c.x + c.y);
    expect(ids(wide)).toEqual(['xy', 'x2y2', 'x3y3', 'x4y4']);
    expect(ids(narrow)).toEqual(ids(wide));
    expect(narrow.plotHeight).toBeGreaterThan(wide.plotHeight);
    for (const c of [...wide.cells.flat(), ...narrow.cells.flat()]) {
      expect(c.xDomain[0]).toBeGreaterThanOrEqual(0);
      expect(c.xDomain[1]).toBeLessThanOrEqual(1);
      expect(c.yDomain[0]).toBeLessThan(c.yDomain[1]);
    }
    // only the bottom row's step axes are titled
    expect(wide.cells[1][0].bottom).toBe(true);
    expect(wide.cells[0][0].bottom).toBe(false);
    expect(grid([2])[0]).toHaveLength(2);
  });

  it('projector mode makes lines thicker and the figure taller', () => {
    const plain = lossFigure(input(['bptt']));
    const present = lossFigure({ ...input(['bptt']), present: true });
    expect(present.data[0].line!.width!).toBeGreaterThan(plain.data[0].line!.width!);
    expect(present.layout.height!).toBeGreaterThan(plain.layout.height!);
    expect(present.layout.font.size).toBeGreaterThan(plain.layout.font.size);
  });
});

describe('before training', () => {
  it('a single loss point gets a decade-wide log range and a note, not ticks like 1.00928522…', () => {
    const p = params();
    const one: FigureInput = {
      runs: [{ rule: 'bptt', seed: 1 }],
      histories: [historyAt([0])],
      spectra: [null],
      params: p,
    };
    const fig = lossFigure(one);
    const [lo, hi] = fig.layout[lossCell().yKey]?.range ?? [NaN, NaN];
    expect(hi - lo).toBeCloseTo(1.5, 12);
    expect(fig.layout.annotations.map((a) => a.text)).toContain('the curves appear once training starts');
    // with a theory curve to come, autorange covers it instead
    expect(lossFigure(one, true).layout[lossCell().yKey]?.range).toBeUndefined();
    // a run that has fallen by more than a factor 3 is autoranged, with no note
    const trained = lossFigure({ ...one, histories: [historyAt([0, 10, 100])] });
    expect(trained.layout[lossCell().yKey]?.range).toBeUndefined();
    expect(trained.layout.annotations).toEqual([]);
  });
});
