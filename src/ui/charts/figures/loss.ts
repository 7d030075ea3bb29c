// Chart 1, the loss: a pure function of a snapshot ({data, layout} for Plotly).
import {
  baseLayout,
  type FigureInput,
  historySeries,
  panelNote,
  placeCell,
  type RunSeries,
  seriesTraces,
} from '../../plot/figure-parts';
import { lossGrid } from '../../plot/figure-grids';
import { ghostHistorySeries, ghostTraces } from '../../plot/ghost-traces';
import type { Figure } from '../../plot/plotly-types';
import { finish, stepAxis } from './common';

/**
 * Loss against step on a log axis: one line per run, or per rule the seed median with a min–max band; then the
 * pinned runs, faded.
 */
/** `withTheory`: prediction curves will be added, spanning the range that matters, so Plotly's autorange is kept. */
export function lossFigure(input: FigureInput, withTheory = false): Figure {
  const { cells, plotHeight } = lossGrid(input);
  const layout = baseLayout(input, plotHeight);
  const cell = cells[0][0];
  const series = historySeries(input, (h) => h.loss);
  const ghostSeries = (input.ghosts ?? []).map((g) => ghostHistorySeries(g, (h) => h.loss));
  placeCell(layout, cell, '', stepAxis(input, cell), {
    title: { text: 'loss L' },
    type: 'log',
    ...(withTheory ? {} : lossRange([...series, ...ghostSeries.flat()])),
  });
  if (input.histories.every((h) => h.step.length <= 1))
    layout.annotations.push(panelNote(cell, 'the curves appear once training starts', 'empty'));
  const data = [
    ...seriesTraces(input, series, { cell, legend: true, panel: 'loss' }),
    ...ghostTraces(input, (_ghost, pin) => ghostSeries[pin], {
      cell,
      legend: true,
      panel: 'loss',
    }),
  ];
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
