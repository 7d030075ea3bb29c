// The four charts as PURE functions of a snapshot: {data, layout} for Plotly, unit-tested without React.
// May import: ./figure-parts, ./plotly-types, ../rule-style, engine types. Overlays (theory) append traces
// later using the exported grids (lossGrid, modeGrid, …): every builder puts run traces first.
import {
  baseLayout,
  type Cell,
  type FigureInput,
  fitLegend,
  type Grid,
  historySeries,
  lastStep,
  lineWidth,
  panelGrid,
  panelNote,
  placeCell,
  referenceLine,
  type RunSeries,
  seriesTraces,
} from '../plot/figure-parts';
import type { RunHistory } from '../../engine/history';
import type { RuleId } from '../../engine/params';
import { RULES, usesFeedback } from '../../engine/rules';
import type { Figure, Layout, Trace } from '../plot/plotly-types';

export type { FigureInput } from '../plot/figure-parts';
export { lossCell, lossGrid, MAX_MODE_PANELS, modeCells, modeGrid } from '../plot/figure-grids';
import { lossGrid, modeGrid } from '../plot/figure-grids';

/**
 * The step axis, fixed at [0, steps] from step 0 on: the whole horizon is visible (the theory can be drawn ahead of
 * the simulation), and Plotly never re-lays an axis out while training (a relayout is most of a redraw's cost).
 * Only the bottom row's is titled (the rows above would collide with the next row's titles).
 */
const stepAxis = (input: FigureInput, cell: Cell) => ({
  range: [0, Math.max(1, input.params.steps)] as [number, number],
  autorange: false,
  ...(cell.bottom ? { title: { text: 'training step' } } : {}),
});

// ---------------------------------------------------------------- 1. loss

/** Loss against step on a log axis: one line per run, or per rule the seed median with a min–max band. */
/** `withTheory`: prediction curves will be added, spanning the range that matters, so Plotly's autorange is kept. */
export function lossFigure(input: FigureInput, withTheory = false): Figure {
  const { cells, plotHeight } = lossGrid(input);
  const layout = baseLayout(input, plotHeight);
  const cell = cells[0][0];
  const series = historySeries(input, (h) => h.loss);
  placeCell(layout, cell, '', stepAxis(input, cell), {
    title: { text: 'loss L' },
    type: 'log',
    ...(withTheory ? {} : lossRange(series)),
  });
  if (input.histories.every((h) => h.step.length <= 1))
    layout.annotations.push(panelNote(cell, 'the curves appear once training starts', 'empty'));
  const data = seriesTraces(input, series, { cell, legend: true, panel: 'loss' });
  return finish(input, data, layout);
}

/**
 * A fixed log range while the losses span less than a factor 3 (before training, or a run barely moving): Plotly's
 * autorange would blow a single point up into ticks like 1.00928522…1.00928532. A decade below, half above.
 */
export function lossRange(series: RunSeries[]): { range?: [number, number] } {
  const ys = series.flatMap((s) => s.y).filter((v): v is number => v !== null && v > 0);
  if (!ys.length) return {};
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  return hi / lo < 3 ? { range: [Math.log10(lo) - 1, Math.log10(hi) + 0.5] } : {};
}

// ---------------------------------------------------------------- 2. modes

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
  input: FigureInput,
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
  for (let m = 0; m < shown; m++) {
    const p = params.aStar[m] * params.bStar[m];
    const q = params.wStar[m];
    const [abCell, wCell] = [cells[0][m], cells[1][m]];
    const ab = modeSeries(input, m, (a, b) => a * b);
    const w = modeSeries(input, m, (_a, _b, w) => w);
    const yAb = { range: paddedRange(ab, p), ...(m === 0 ? { title: { text: 'a·b' } } : {}) };
    const yW = { range: paddedRange(w, q), ...(m === 0 ? { title: { text: 'w' } } : {}) };
    placeCell(layout, abCell, `mode ${m + 1}: a·b → p = ${fmt(p)}`, stepAxis(input, abCell), yAb);
    placeCell(layout, wCell, `mode ${m + 1}: w → w* = ${fmt(q)}`, stepAxis(input, wCell), yW);
    runs.push(...seriesTraces(input, ab, { cell: abCell, legend: m === 0, panel: `ab${m}` }));
    runs.push(...seriesTraces(input, w, { cell: wCell, legend: false, panel: `w${m}` }));
    references.push(referenceLine(abCell, p, 0, x1, 'teacher (p = a*b*, w*)', m === 0, width));
    references.push(referenceLine(wCell, q, 0, x1, 'teacher (p = a*b*, w*)', false, width));
  }
  alignmentRow(input, layout, cells[2], measures, runs);
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
  // run traces first (a chart's first trace is always a history line), teacher lines after
  return finish(input, [...runs, ...references], layout);
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

/** One log-scaled panel per measure, titled, with the runs' histories. */
function alignmentRow(
  input: FigureInput,
  layout: Layout,
  cells: Cell[],
  measures: readonly Measure[],
  runs: Trace[],
): void {
  measures.forEach(([key, title, pick], c) => {
    const cell = cells[c];
    placeCell(layout, cell, title, stepAxis(input, cell), {
      type: 'log',
      ...(c === 0 ? { title: { text: '0 = aligned' } } : {}),
    });
    runs.push(...seriesTraces(input, historySeries(input, pick), { cell, legend: false, panel: key }));
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
  alignmentRow(input, layout, cells[1], measures, data);
  return finish(input, data, layout);
}

// ---------------------------------------------------------------- 3. rank

/** Rules whose ΔW lives in range(Rᵀ) (RFLO): only they have a residual outside it. */
const feedbackRule = (rule: RuleId) => usesFeedback(RULES[rule]);

/** Cells: row 0 spectra of ΔW and ΔB; row 1 effective rank, numerical rank (ΔW) and RFLO's residual. */
export const rankGrid = (input: FigureInput): Grid => panelGrid(input, [2, 3], { rowPx: 170, gapYPx: 80 });

function spectrumSeries(input: FigureInput, which: 'W' | 'B'): (RunSeries | null)[] {
  return input.spectra.map((s) => {
    const sigma = s ? s[which] : [];
    const top = sigma[0] ?? 0;
    if (!(top > 0)) return { x: [], y: [] };
    return { x: sigma.map((_, k) => k + 1), y: sigma.map((v) => v / top) };
  });
}

/**
 * Rank of the learned changes (THEORY 4): normalised singular values of ΔW and ΔB at the latest step (log y),
 * effective and numerical rank of ΔW against step with the bound o (RFLO's rank ≤ o), RFLO's residual outside range(Rᵀ).
 */
export function rankFigure(input: FigureInput): Figure {
  const { params } = input;
  const { cells, plotHeight } = rankGrid(input);
  const layout = baseLayout(input, plotHeight);
  const width = lineWidth(input);
  // reference lines span the recorded steps, so every step axis of the page shows the same range
  const x1 = lastStep(input);
  // fixed index ranges (ΔW has min(n, n) values, ΔB min(n, i)): an all-empty panel at step 0 then still lays out
  const index = (count: number) => ({
    title: { text: 'k (largest first)' },
    range: [0.5, count + 0.5] as [number, number],
    autorange: false,
    ...(count <= 12 ? { dtick: 1 } : {}),
  });
  const spectrumY = { type: 'log' as const, range: [-8, 0.3] as [number, number], autorange: !empty(input) };
  placeCell(layout, cells[0][0], 'spectrum of ΔW', index(params.n), {
    ...spectrumY,
    title: { text: 'σₖ / σ₁' },
  });
  placeCell(layout, cells[0][1], 'spectrum of ΔB', index(Math.min(params.n, params.i)), spectrumY);
  placeCell(layout, cells[1][0], 'effective rank ΔW', stepAxis(input, cells[1][0]), { rangemode: 'tozero' });
  placeCell(layout, cells[1][1], `numerical rank ΔW`, stepAxis(input, cells[1][1]), { rangemode: 'tozero' });
  placeCell(layout, cells[1][2], 'RFLO: ΔW ∉ range(Rᵀ)', stepAxis(input, cells[1][2]), { type: 'log' });
  const rflo = historySeries(input, (h) => h.residualR).map((s, k) =>
    feedbackRule(input.runs[k].rule) ? s : null,
  );
  // histories first (a chart's first trace grows with training), then the spectra of the latest step
  const runs: Trace[] = [
    ...seriesTraces(
      input,
      historySeries(input, (h) => h.effRankW),
      { cell: cells[1][0], legend: true, panel: 'effRankW' },
    ),
    ...seriesTraces(
      input,
      historySeries(input, (h) => h.rankW),
      { cell: cells[1][1], legend: false, panel: 'rankW' },
    ),
    ...seriesTraces(input, rflo, { cell: cells[1][2], legend: false, panel: 'residualR' }),
    ...seriesTraces(input, spectrumSeries(input, 'W'), {
      cell: cells[0][0],
      legend: false,
      panel: 'spectrumW',
    }),
    ...seriesTraces(input, spectrumSeries(input, 'B'), {
      cell: cells[0][1],
      legend: false,
      panel: 'spectrumB',
    }),
  ];
  if (!input.runs.some((r) => feedbackRule(r.rule)))
    layout.annotations.push(panelNote(cells[1][2], 'RFLO not selected', 'empty'));
  const bound = `rank bound o = ${params.o} (RFLO)`;
  const references = [
    referenceLine(cells[1][0], params.o, 0, x1, bound, true, width),
    referenceLine(cells[1][1], params.o, 0, x1, bound, false, width),
  ];
  // Plotly lays out a subplot whose traces are all empty with NaN axis lines (logged as errors): give the
  // spectrum panels an invisible point until there are singular values to show
  const anchors = empty(input) ? [invisibleAnchor(cells[0][0]), invisibleAnchor(cells[0][1])] : [];
  return finish(input, [...runs, ...references, ...anchors], layout);
}

function invisibleAnchor(cell: Cell): Trace {
  return {
    type: 'scatter',
    mode: 'markers',
    name: '',
    x: [1],
    y: [1],
    xaxis: cell.x,
    yaxis: cell.y,
    marker: { color: 'rgba(0, 0, 0, 0)', size: 1 },
    showlegend: false,
    hoverinfo: 'skip',
    meta: { role: 'axis-anchor' },
  };
}

// ---------------------------------------------------------------- 4. agreement

export const agreementGrid = (input: FigureInput): Grid => panelGrid(input, [2], { rowPx: 220, gapX: 0.1 });

/** Cosine of each rule's expected ΔW with the BPTT gradient at the same weights, and cos(vec A, vec R). */
export function agreementFigure(input: FigureInput): Figure {
  const { cells, plotHeight } = agreementGrid(input);
  const layout = baseLayout(input, plotHeight);
  const [left, right] = cells[0];
  const cosine = { range: [-1.05, 1.05] as [number, number] };
  placeCell(layout, left, 'cos(ΔW, BPTT gradient)', stepAxis(input, left), {
    ...cosine,
    title: { text: 'cosine' },
  });
  placeCell(layout, right, 'cos(vec A, vec R)', stepAxis(input, right), cosine);
  const data = [
    ...seriesTraces(
      input,
      historySeries(input, (h) => h.cosBptt),
      { cell: left, legend: true, panel: 'cosBptt' },
    ),
    ...seriesTraces(
      input,
      historySeries(input, (h) => h.cosAR),
      { cell: right, legend: false, panel: 'cosAR' },
    ),
  ];
  return finish(input, data, layout);
}

/** No singular values yet (step 0: ΔW = ΔB = 0). */
const empty = (input: FigureInput) => input.spectra.every((s) => !s || !(s.W[0] > 0));

function finish(input: FigureInput, data: Trace[], layout: Layout): Figure {
  fitLegend(input, data, layout);
  return { data, layout };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3).replace(/\.?0+$/, '');
}
