// What every chart's builder shares: the fixed step axis, the legend fit, number labels.
import { type Cell, type FigureInput, fitLegend } from '../../plot/figure-parts';
import type { Figure, Layout, Trace } from '../../plot/plotly-types';

/**
 * The step axis, fixed at [0, steps] from step 0 on: the whole horizon is visible (the theory can be drawn ahead of
 * the simulation), and Plotly never re-lays an axis out while training (a relayout is most of a redraw's cost).
 * Only the bottom row's is titled (the rows above would collide with the next row's titles).
 */
export const stepAxis = (input: FigureInput, cell: Cell) => ({
  range: [0, Math.max(1, input.params.steps)] as [number, number],
  autorange: false,
  ...(cell.bottom ? { title: { text: 'training step' } } : {}),
});

/** Fits the legend to the traces and returns the figure. */
export function finish(input: FigureInput, data: Trace[], layout: Layout): Figure {
  fitLegend(input, data, layout);
  return { data, layout };
}

/** A teacher value for a panel title: integers as they are, others to 3 significant digits. */
export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3).replace(/\.?0+$/, '');
}
