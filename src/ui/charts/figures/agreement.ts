// Chart 4, agreement: each rule's ΔW against the BPTT gradient, and cos(vec A, vec R).
import {
  baseLayout,
  type FigureInput,
  type Grid,
  historySeries,
  panelGrid,
  placeCell,
  seriesTraces,
} from '../../plot/figure-parts';
import { ghostHistorySeries, ghostTraces } from '../../plot/ghost-traces';
import type { Figure } from '../../plot/plotly-types';
import { finish, stepAxis } from './common';

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
    // the pinned runs after the run's own lines
    ...ghostTraces(input, (g) => ghostHistorySeries(g, (h) => h.cosBptt), {
      cell: left,
      legend: true,
      panel: 'cosBptt',
    }),
    ...ghostTraces(input, (g) => ghostHistorySeries(g, (h) => h.cosAR), {
      cell: right,
      legend: false,
      panel: 'cosAR',
    }),
  ];
  return finish(input, data, layout);
}
