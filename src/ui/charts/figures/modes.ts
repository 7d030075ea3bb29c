// Chart 2, the modes: per mode a·b and w against the teacher, and the alignment measures (THEORY 3).
import {
  baseLayout,
  type Cell,
  type FigureInput,
  historySeries,
  lastStep,
  lineWidth,
  panelGrid,
  placeCell,
  referenceLine,
  type RunSeries,
  seriesTraces,
} from '../../plot/figure-parts';
import type { RunHistory } from '../../../engine/history';
import { roundingFloor } from '../../../engine/analysis/rounding-floor';
import { flooredLogAxis, floorBand } from '../../plot/rounding-band';
import { modeGrid } from '../../plot/figure-grids';
import { type Ghost, ghostHistorySeries, type GhostSeries, ghostTraces } from '../../plot/ghost-traces';
import type { Figure, Layout, Trace } from '../../plot/plotly-types';
import { finish, fmt, stepAxis } from './common';

/** A y range around the data and the teacher's value, at least 0.2 wide (so float32 noise is not blown up). */
export function paddedRange(series: RunSeries[], teacher: number): [number, number] {
  let lo = teacher;
  let hi = teacher;
  for (const s of series)
    for (const v of s.y) if (v !== null && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const pad = Math.max(0.1, 0.06 * (hi - lo));
  return [lo - pad, hi + pad];
}

function modeSeries(
  input: Pick<FigureInput, 'histories'>,
  mode: number,
  value: (a: number, b: number, w: number) => number,
): RunSeries[] {
  return input.histories.map((h) => ({
    x: h.a.length === h.step.length ? h.step : [],
    y:
      h.a.length === h.step.length
        ? h.step.map((_, k) => value(h.a[k][mode], h.b[k][mode], h.w[k][mode]))
        : [],
  }));
}

/** A pin's mode series, or why it has none: the random task has no modes, and a pin may have fewer. */
function ghostModeSeries(
  ghost: Ghost,
  mode: number,
  value: (a: number, b: number, w: number) => number,
): GhostSeries {
  if (ghost.params.task !== 'aligned') return { cannot: 'the random task has no modes' };
  if (mode >= ghost.params.modes) return { cannot: `no mode ${mode + 1}` };
  return modeSeries(ghost, mode, value);
}

/** What a pin lacks on this chart, for its legend entry (null: nothing). */
function ghostModeNote(ghost: Ghost, shown: number): string | null {
  if (ghost.params.task !== 'aligned') return null;
  const m = ghost.params.modes;
  return m < shown ? `${m} mode${m > 1 ? 's' : ''}: drawn on modes 1–${m} only` : null;
}

/**
 * Aligned task: per mode, a·b against p = a*b* and w against w* (teacher dashed), and the off-diagonal
 * fractions of Uᵀ A P, Pᵀ W P, Pᵀ B V. Random task: cos(vec A, vec R), with a note that modes need bases.
 */
export function modesFigure(input: FigureInput): Figure {
  const { params } = input;
  if (params.task !== 'aligned') return cosArOnly(input);
  const measures = params.init === 'random' ? BASIS_FREE : TEACHER_BASIS;
  const { cells, plotHeight } = modeGrid(input, params.modes, measures.length);
  const layout = baseLayout(input, plotHeight);
  const shown = cells[0].length;
  // reference lines span the recorded steps, so every step axis of the page shows the same range
  const x1 = lastStep(input);
  const width = lineWidth(input);
  const runs: Trace[] = [];
  const references: Trace[] = [];
  const ghosts: Trace[] = [];
  const ghostList = input.ghosts ?? [];
  for (let m = 0; m < shown; m++) {
    const p = params.aStar[m] * params.bStar[m];
    const q = params.wStar[m];
    const [abCell, wCell] = [cells[0][m], cells[1][m]];
    const ab = modeSeries(input, m, (a, b) => a * b);
    const w = modeSeries(input, m, (_a, _b, w) => w);
    const ghostAb = ghostList.map((g) => ghostModeSeries(g, m, (a, b) => a * b));
    const ghostW = ghostList.map((g) => ghostModeSeries(g, m, (_a, _b, w) => w));
    // the y ranges take in the pins' curves too, so a pin that went elsewhere stays on the panel
    const drawable = (gs: GhostSeries[]) => gs.flatMap((g) => (Array.isArray(g) ? g : [])).filter((s) => !!s);
    const yAb = {
      range: paddedRange([...ab, ...drawable(ghostAb)], p),
      ...(m === 0 ? { title: { text: 'a·b' } } : {}),
    };
    const yW = {
      range: paddedRange([...w, ...drawable(ghostW)], q),
      ...(m === 0 ? { title: { text: 'w' } } : {}),
    };
    placeCell(layout, abCell, `mode ${m + 1}: a·b → p = ${fmt(p)}`, stepAxis(input, abCell), yAb);
    placeCell(layout, wCell, `mode ${m + 1}: w → w* = ${fmt(q)}`, stepAxis(input, wCell), yW);
    runs.push(...seriesTraces(input, ab, { cell: abCell, legend: m === 0, panel: `ab${m}` }));
    runs.push(...seriesTraces(input, w, { cell: wCell, legend: false, panel: `w${m}` }));
    references.push(referenceLine(abCell, p, 0, x1, 'teacher (p = a*b*, w*)', m === 0, width));
    references.push(referenceLine(wCell, q, 0, x1, 'teacher (p = a*b*, w*)', false, width));
    ghosts.push(
      ...ghostTraces(input, (_g, k) => ghostAb[k], {
        cell: abCell,
        legend: m === 0,
        panel: `ab${m}`,
        note: (g) => ghostModeNote(g, shown),
      }),
      ...ghostTraces(input, (_g, k) => ghostW[k], { cell: wCell, legend: false, panel: `w${m}` }),
    );
  }
  alignmentRow(input, layout, cells[2], measures, runs, ghosts);
  if (params.modes > shown) {
    layout.annotations.push({
      text: `showing modes 1–${shown} of ${params.modes}`,
      x: 1,
      y: 1.06,
      xref: 'paper',
      yref: 'paper',
      showarrow: false,
      xanchor: 'right',
      yanchor: 'bottom',
      font: { color: '#555555' },
    });
  }
  // run traces first (a chart's first trace is always a history line), teacher lines after, then the pins
  return finish(input, [...runs, ...references, ...ghosts], layout);
}

type Measure = readonly [key: string, title: string, pick: (h: RunHistory) => (number | null)[]];

/** Off-diagonal energy fractions in the task's bases: meaningful for an aligned start only (THEORY 3). */
const TEACHER_BASIS: readonly Measure[] = [
  ['alignA', 'off-diagonal: Uᵀ A P', (h) => h.alignA],
  ['alignW', 'Pᵀ W P', (h) => h.alignW],
  ['alignB', 'Pᵀ B V', (h) => h.alignB],
];

/** Basis-free alignment (THEORY 3): 0 when some hidden basis makes the student diagonal. */
const BASIS_FREE: readonly Measure[] = [
  ['asymW', 'asymmetry of W', (h) => h.asymW],
  ['commB', '[W, BBᵀ]', (h) => h.commB],
  ['commA', '[W, AᵀA]', (h) => h.commA],
  ['io', 'off-diagonal: Uᵀ(AB)V', (h) => h.io],
];

/**
 * One log-scaled panel per measure, titled, with the runs' histories over the float32 rounding floor's band (its
 * legend entry on the first panel): an aligned run's 1e-8 … 1e-6 is rounding, not a rising curve. The pins' lines
 * go into `ghosts`.
 */
function alignmentRow(
  input: FigureInput,
  layout: Layout,
  cells: Cell[],
  measures: readonly Measure[],
  runs: Trace[],
  ghosts: Trace[],
): void {
  const floor = roundingFloor(input.params);
  measures.forEach(([key, title, pick], c) => {
    const cell = cells[c];
    const series = historySeries(input, pick);
    placeCell(layout, cell, title, stepAxis(input, cell), {
      ...flooredLogAxis(
        series.flatMap((s) => s.y),
        floor,
      ),
      ...(c === 0 ? { title: { text: '0 = aligned' } } : {}),
    });
    (layout.shapes ??= []).push(floorBand(cell, floor, c === 0));
    runs.push(...seriesTraces(input, series, { cell, legend: false, panel: key, floor }));
    // a pin with the other student init records the other measures: its line here is empty, not wrong
    ghosts.push(
      ...ghostTraces(input, (g) => ghostHistorySeries(g, pick), { cell, legend: false, panel: key, floor }),
    );
  });
}

/** Random task: cos(vec A, vec R) and the basis-free measures that need no task bases (Uᵀ(AB)V needs U, V). */
function cosArOnly(input: FigureInput): Figure {
  const measures = BASIS_FREE.slice(0, 3);
  const { cells, plotHeight } = panelGrid(input, [1, measures.length], { rowPx: 170, gapYPx: 80 });
  const layout = baseLayout(input, plotHeight);
  const cell = cells[0][0];
  placeCell(layout, cell, '', stepAxis(input, cell), {
    title: { text: 'cos(vec A, vec R)' },
    range: [-1.05, 1.05],
  });
  layout.annotations = [
    {
      text: 'The random task has no bases U, V, P: shown are cos(vec A, vec R) and the basis-free alignment of W.',
      x: 0,
      y: 1.02,
      xref: 'paper',
      yref: 'paper',
      showarrow: false,
      xanchor: 'left',
      yanchor: 'bottom',
      font: { color: '#444444' },
    },
  ];
  const data = seriesTraces(
    input,
    historySeries(input, (h) => h.cosAR),
    { cell, legend: true, panel: 'cosAR' },
  );
  const ghosts = ghostTraces(input, (g) => ghostHistorySeries(g, (h) => h.cosAR), {
    cell,
    legend: true,
    panel: 'cosAR',
  });
  alignmentRow(input, layout, cells[1], measures, data, ghosts);
  return finish(input, [...data, ...ghosts], layout);
}
