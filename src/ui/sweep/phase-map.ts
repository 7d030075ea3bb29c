// The phase diagram's model, a pure function of a sweep table: per rule, every cell's colour (its outcome, or a
// continuous value on a sequential scale), tooltip and link; the axes' positions. May import: state, engine types.
import type { RuleId } from '../../engine/params';
import { OUTCOMES, type Outcome } from '../../engine/sweep/outcome';
import { axisName, axisValues, parseGrid, type SweepAxis, type SweepGrid } from '../../state/sweep-grid';
import type { SweepRow, SweepTable } from '../../state/sweep-table';

export const SWEEP_VALUES = ['outcome', 'convergedStep', 'finalLoss', 'effRankW'] as const;
export type SweepValue = (typeof SWEEP_VALUES)[number];

export const VALUE_LABEL: Record<SweepValue, string> = {
  outcome: 'Outcome',
  convergedStep: 'Steps to converge',
  finalLoss: 'Final loss (log₁₀)',
  effRankW: 'Effective rank of ΔW',
};

/** Okabe–Ito colours (colour-blind safe); the legend and tooltips also name each outcome. */
export const OUTCOME_COLOUR: Record<Outcome, string> = {
  converged: '#0072B2',
  slow: '#56B4E9',
  'other-branch': '#CC79A7',
  stalled: '#999999',
  diverged: '#D55E00',
};

export const OUTCOME_LABEL: Record<Outcome, string> = {
  converged: 'converged',
  slow: 'slow (still falling)',
  'other-branch': 'other branch (â·a < 0)',
  stalled: 'stalled',
  diverged: 'diverged',
};

/** A cell without a value (not converged, diverged…). */
export const NO_VALUE_COLOUR = '#eeeeee';

/** Viridis at 9 stops: sequential, colour-blind safe, readable in grey. */
const VIRIDIS = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725',
];

function mix(a: string, b: string, t: number): string {
  const ch = (h: string, k: number) => parseInt(h.slice(1 + 2 * k, 3 + 2 * k), 16);
  const out = [0, 1, 2].map((k) => Math.round(ch(a, k) + (ch(b, k) - ch(a, k)) * t));
  return '#' + out.map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** The sequential colour of t ∈ [0, 1]. */
export function sequentialColour(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(x));
  return mix(VIRIDIS[k], VIRIDIS[k + 1], x - k);
}

export interface MapAxis {
  name: string;
  axis: SweepAxis;
  values: number[];
}

export interface MapCell {
  cell: number;
  /** index on the x axis (the grid's first) and the y axis (its second; 0 for a one-axis sweep) */
  i: number;
  j: number;
  fill: string;
  outcome: Outcome;
  value: number | null;
  /** the run's final loss (the page's own number, for a check that the link trains the same run) */
  finalLoss: number | null;
  query: string;
  title: string;
}

export interface PhaseMapModel {
  rule: RuleId;
  cells: MapCell[];
}

export interface SweepView {
  grid: SweepGrid;
  x: MapAxis;
  y: MapAxis | null;
  maps: PhaseMapModel[];
  value: SweepValue;
  /** the continuous scale's ends (null for outcomes, or when no cell has a value) */
  range: [number, number] | null;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString());

/** The number a row shows for a continuous value (log₁₀ for the loss), or null. */
export function rowValue(row: SweepRow, value: SweepValue): number | null {
  if (value === 'outcome') return null;
  const v = row[value];
  if (v === null || !Number.isFinite(v)) return null;
  if (value === 'finalLoss') return v > 0 ? Math.log10(v) : null;
  return v;
}

function describe(row: SweepRow, axes: MapAxis[]): string {
  const where = axes.map((a, k) => `${a.name} = ${fmt(row.values[k])}`).join(', ');
  const how =
    row.outcome === 'diverged'
      ? `diverged${row.divergedStep !== null ? ` at step ${row.divergedStep}` : ''}`
      : row.convergedStep !== null
        ? `${OUTCOME_LABEL[row.outcome]}, converged at step ${row.convergedStep}`
        : OUTCOME_LABEL[row.outcome];
  const loss = row.finalLoss === null ? '' : `; final loss ${row.finalLoss.toExponential(2)}`;
  const rank = row.effRankW === null ? '' : `; eff. rank ΔW ${row.effRankW.toFixed(2)}`;
  return `${row.rule} · ${where}: ${how}${loss}${rank}. Click to open this run.`;
}

/** Per rule (first seed of each cell), the map of a sweep table coloured by `value`. */
export function sweepView(table: SweepTable, value: SweepValue): SweepView {
  const parsed = parseGrid(table.grid);
  if (!parsed.ok) throw new Error(parsed.problem);
  const grid = parsed.grid;
  const axes = grid.axes.map((axis) => ({ name: axisName(axis), axis, values: axisValues(axis) }));
  const firstSeed = new Map<string, SweepRow>();
  for (const row of table.rows) {
    const key = `${row.cell}/${row.rule}`;
    if (!firstSeed.has(key)) firstSeed.set(key, row);
  }
  const rows = [...firstSeed.values()];
  const values = rows.map((r) => rowValue(r, value)).filter((v): v is number => v !== null);
  const range: [number, number] | null = values.length ? [Math.min(...values), Math.max(...values)] : null;
  const colour = (row: SweepRow) => {
    if (value === 'outcome') return OUTCOME_COLOUR[row.outcome];
    const v = rowValue(row, value);
    if (v === null || !range) return NO_VALUE_COLOUR;
    return sequentialColour(range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5);
  };
  const rules = [...new Set(rows.map((r) => r.rule))];
  return {
    grid,
    x: axes[0],
    y: axes[1] ?? null,
    value,
    range,
    maps: rules.map((rule) => ({
      rule,
      cells: rows
        .filter((r) => r.rule === rule)
        .map((r) => ({
          cell: r.cell,
          i: r.coords[0],
          j: r.coords[1] ?? 0,
          fill: colour(r),
          outcome: r.outcome,
          value: rowValue(r, value),
          finalLoss: r.finalLoss,
          query: r.query,
          title: describe(r, axes),
        })),
    })),
  };
}

/**
 * Where a value falls on an axis drawn with one unit per cell (cell k spans [k, k + 1], its value at k + ½):
 * linear between the cell centres, or in log for a log axis; values outside the range extrapolate.
 */
export function axisPosition(axis: SweepAxis, v: number): number {
  if (axis.count === 1) return 0.5;
  const t =
    axis.scale === 'log'
      ? Math.log(v / axis.from) / Math.log(axis.to / axis.from)
      : (v - axis.from) / (axis.to - axis.from);
  return 0.5 + t * (axis.count - 1);
}

/** The counts of each outcome per rule (the legend's numbers). */
export function outcomeCounts(map: PhaseMapModel): Record<Outcome, number> {
  const out = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const c of map.cells) out[c.outcome]++;
  return out;
}
