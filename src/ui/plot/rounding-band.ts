// The float32 rounding floor on a log panel (issue 9): a grey band from the axis bottom up to the floor, the y axis
// clamped to start one decade below it, and values under it drawn on it and hovered as "zero to rounding".
// May import: ./plotly-types, ./panel-grid types only (pure).
import type { Cell } from './panel-grid';
import type { Axis, Shape } from './plotly-types';

export const FLOOR_LABEL = 'float32 rounding floor: below it is zero to rounding';
export const ZERO_TO_ROUNDING = 'zero to rounding';

/** Decades shown under the floor: the band stays visible, and nothing under it can be blown up into a curve. */
const DECADES_BELOW = 1;

/** Plotly's log-axis range is in log10 units. */
const bottomOf = (floor: number) => Math.log10(floor) - DECADES_BELOW;

/**
 * The log y axis of a floored panel: its bottom one decade under the floor, its top over the largest value (at
 * least a decade over the floor, so an all-rounding panel shows the band as the lower half, not a sliver).
 */
export function flooredLogAxis(values: readonly (number | null)[], floor: number): Axis {
  let top = floor * 10;
  for (const v of values) if (v !== null && Number.isFinite(v) && v > top) top = v;
  return { type: 'log', range: [bottomOf(floor), Math.log10(top) + 0.15], autorange: false };
}

/** The band from the axis bottom to the floor across the whole panel; `legend` on one panel of the figure only. */
export function floorBand(cell: Cell, floor: number, legend: boolean): Shape {
  return {
    type: 'rect',
    xref: `${cell.x} domain`,
    yref: cell.y,
    x0: 0,
    x1: 1,
    // shapes take data values on a log axis (Plotly 4; only the axis range is in log10 units)
    y0: 10 ** bottomOf(floor),
    y1: floor,
    fillcolor: 'rgba(120, 120, 120, 0.18)',
    line: { width: 0 },
    layer: 'below',
    name: FLOOR_LABEL,
    showlegend: legend,
    legendgroup: 'rounding-floor',
  };
}

/** A value as drawn on a floored panel: never under the floor (a zero or 1e-9 sits on the band's edge). */
export const drawnOnFloor = (v: number | null, floor: number): number | null =>
  v === null ? null : Math.max(v, floor);

/** 3 significant digits; small values in exponent form (toPrecision writes 2.1e-6 as 0.00000210). */
const short = (v: number, digits: number) => (v < 1e-3 ? v.toExponential(digits - 1) : v.toPrecision(digits));

/** Hover text of a floored value: "zero to rounding" under the floor, the value to 3 digits above it. */
export function floorHover(v: number | null, floor: number): string {
  if (v === null) return '';
  return v < floor ? `${ZERO_TO_ROUNDING} (< ${short(floor, 2)})` : short(v, 3);
}

/** Hovers a floored trace's text (the true value or "zero to rounding") instead of the drawn y. */
export const FLOOR_HOVER_TEMPLATE = 'step %{x}: %{text}<extra>%{fullData.name}</extra>';
