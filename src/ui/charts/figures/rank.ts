// Chart 3, the rank of the learned changes (THEORY 4): spectra, effective and numerical rank, RFLO's residual.
import {
  baseLayout,
  type Cell,
  type FigureInput,
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
} from '../../plot/figure-parts';
import { ghostHistorySeries, ghostTraces } from '../../plot/ghost-traces';
import type { RuleId } from '../../../engine/params';
import { roundingFloor } from '../../../engine/analysis/rounding-floor';
import { flooredLogAxis, floorBand } from '../../plot/rounding-band';
import { RULES, usesFeedback } from '../../../engine/rules';
import type { Figure, Trace } from '../../plot/plotly-types';
import { finish, stepAxis } from './common';

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
  const rflo = historySeries(input, (h) => h.residualR).map((s, k) =>
    feedbackRule(input.runs[k].rule) ? s : null,
  );
  // RFLO's residual is zero in exact arithmetic: its 2e-7 → 1.3e-6 is float32 rounding, under the floor's band
  const floor = roundingFloor(params);
  const residualY = flooredLogAxis(
    rflo.flatMap((s) => s?.y ?? []),
    floor,
  );
  placeCell(layout, cells[1][2], 'RFLO: ΔW ∉ range(Rᵀ)', stepAxis(input, cells[1][2]), residualY);
  layout.shapes = [floorBand(cells[1][2], floor, true)];
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
    ...seriesTraces(input, rflo, { cell: cells[1][2], legend: false, panel: 'residualR', floor }),
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
  // pinned runs on the step panels (a pin keeps no spectrum: the spectra are of the latest step only)
  const ghosts = [
    ...ghostTraces(input, (g) => ghostHistorySeries(g, (h) => h.effRankW), {
      cell: cells[1][0],
      legend: true,
      panel: 'effRankW',
    }),
    ...ghostTraces(input, (g) => ghostHistorySeries(g, (h) => h.rankW), {
      cell: cells[1][1],
      legend: false,
      panel: 'rankW',
    }),
    ...ghostTraces(
      input,
      (g) =>
        ghostHistorySeries(g, (h) => h.residualR).map((s, k) => (feedbackRule(g.runs[k].rule) ? s : null)),
      { cell: cells[1][2], legend: false, panel: 'residualR', floor },
    ),
  ];
  return finish(input, [...runs, ...references, ...anchors, ...ghosts], layout);
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

/** No singular values yet (step 0: ΔW = ΔB = 0). */
const empty = (input: FigureInput) => input.spectra.every((s) => !s || !(s.W[0] > 0));
