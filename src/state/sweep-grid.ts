// A sweep's grid: one or two parameter axes (range and count), parsed strictly from "lr=0.005:0.1:20,aHat=-1:1:21",
// each cell's parameters, and contiguous shards. Imports the parameter table, ./resolve and engine types.
import { isPerRunKey, PER_RUN_KEYS } from '../engine/cells';
import type { EngineParams } from '../engine/params';
import type { FloatRow, IntRow, ListRow } from './param-codecs';
import { parseNumber } from './param-codecs';
import { type Notice, applyConstraints } from './resolve';
import { ROWS } from './params';

/** The parameters a sweep may vary: those that keep the tensor shapes (one batch), and T (a batch per value). */
export const SWEEP_KEYS = [...PER_RUN_KEYS, 'T'] as const;
export type SweepKey = (typeof SWEEP_KEYS)[number];
export const MAX_AXIS_COUNT = 48;
export const MAX_AXES = 2;

export interface SweepAxis {
  key: SweepKey;
  /** per-mode parameters: the 1-based mode swept ("aHat.2"), or null for every mode at once ("aHat") */
  mode: number | null;
  from: number;
  to: number;
  count: number;
  scale: 'linear' | 'log';
}

export interface SweepGrid {
  axes: SweepAxis[];
}

const isSweepKey = (key: string): key is SweepKey => isPerRunKey(key) || key === 'T';

/** "aHat" or "aHat.2": the axis's name in the grid, the table and the plots. */
export const axisName = (axis: Pick<SweepAxis, 'key' | 'mode'>): string =>
  axis.mode === null ? axis.key : `${axis.key}.${axis.mode}`;

const rowOf = (key: SweepKey) => ROWS[key] as IntRow | FloatRow | ListRow;

/** The axis's values, first to last: evenly spaced (or geometrically, for 'log'); whole numbers for int keys. */
export function axisValues(axis: SweepAxis): number[] {
  const { from, to, count } = axis;
  const values = Array.from({ length: count }, (_, k) => {
    if (count === 1) return from;
    const t = k / (count - 1);
    return axis.scale === 'log' ? from * Math.pow(to / from, t) : from + (to - from) * t;
  });
  // the ends exactly as given; 12 significant digits inside (0.01, not 0.009999999999999998: the value a link and
  // the table show is then the value that was trained); whole numbers exactly whole
  values[count - 1] = count === 1 ? from : to;
  return values.map((v) => (rowOf(axis.key).kind === 'int' ? Math.round(v) : Number(v.toPrecision(12))));
}

export const cellCount = (grid: SweepGrid): number => grid.axes.reduce((n, a) => n * a.count, 1);

/** The axis indices of a cell: cell = i·count₂ + j (the first axis varies slowest). */
export function cellCoords(grid: SweepGrid, cell: number): number[] {
  const out: number[] = [];
  let rest = cell;
  for (let k = grid.axes.length - 1; k >= 0; k--) {
    out[k] = rest % grid.axes[k].count;
    rest = Math.floor(rest / grid.axes[k].count);
  }
  return out;
}

/** The canonical text of a grid (parseGrid(formatGrid(g)) is g). */
export function formatGrid(grid: SweepGrid): string {
  return grid.axes
    .map((a) => `${axisName(a)}=${a.from}:${a.to}:${a.count}${a.scale === 'log' ? ':log' : ''}`)
    .join(',');
}

export type GridResult = { ok: true; grid: SweepGrid } | { ok: false; problem: string };

/** One axis "name=from:to:count[:log]"; the problem names the axis, the value and what is allowed. */
function parseAxis(text: string): { ok: true; axis: SweepAxis } | { ok: false; problem: string } {
  const fail = (problem: string) => ({ ok: false as const, problem });
  const eq = text.indexOf('=');
  if (eq < 0) return fail(`'${text}' is not name=from:to:count (e.g. lr=0.005:0.1:20)`);
  const name = text.slice(0, eq).trim();
  const [key, modeText, ...extra] = name.split('.');
  if (!isSweepKey(key) || extra.length)
    return fail(
      `'${name}' cannot be swept; allowed: ${SWEEP_KEYS.join(', ')} (a per-mode list as aHat or aHat.2)`,
    );
  const row = rowOf(key);
  let mode: number | null = null;
  if (modeText !== undefined) {
    if (row.kind !== 'list') return fail(`${name}: ${key} has no modes (write ${key}=…)`);
    if (!/^[1-9]\d*$/.test(modeText)) return fail(`${name}: the mode must be a whole number from 1`);
    mode = Number(modeText);
  }
  const parts = text
    .slice(eq + 1)
    .split(':')
    .map((s) => s.trim());
  if (parts.length < 3 || parts.length > 4 || (parts.length === 4 && parts[3] !== 'log'))
    return fail(`${name}: '${text.slice(eq + 1)}' is not from:to:count or from:to:count:log`);
  const [from, to] = [parseNumber(parts[0]), parseNumber(parts[1])];
  if (from === null || to === null)
    return fail(`${name}: '${from === null ? parts[0] : parts[1]}' is not a number`);
  const count = parseNumber(parts[2]);
  if (count === null || !Number.isInteger(count) || count < 1 || count > MAX_AXIS_COUNT)
    return fail(
      `${name}: count '${parts[2]}' is not allowed; allowed: a whole number from 1 to ${MAX_AXIS_COUNT}`,
    );
  const scale = parts.length === 4 ? 'log' : 'linear';
  const below =
    row.kind === 'float' && row.minExclusive ? (v: number) => v <= row.min : (v: number) => v < row.min;
  for (const v of [from, to])
    if (below(v) || v > row.max)
      return fail(
        `${name}: ${v} is out of range; allowed: from ${row.min}${row.kind === 'float' && row.minExclusive ? ' (excluded)' : ''} to ${row.max}`,
      );
  if (scale === 'log' && !(from > 0 && to > 0)) return fail(`${name}: a log axis needs from and to > 0`);
  if (count > 1 && from === to) return fail(`${name}: from = to with ${count} values; use count 1`);
  const axis: SweepAxis = { key, mode, from, to, count, scale };
  if (row.kind === 'int') {
    const exact = Array.from({ length: count }, (_, k) =>
      count === 1 ? from : from + ((to - from) * k) / (count - 1),
    );
    if (scale === 'log' || exact.some((v) => Math.abs(v - Math.round(v)) > 1e-9))
      return fail(
        `${name}: ${key} takes whole numbers; ${from}:${to}:${count} does not land on them (try count ${Math.abs(to - from) + 1})`,
      );
  }
  return { ok: true, axis };
}

/** Parses "a=from:to:count[:log][,b=…]" (one or two axes, different parameters). */
export function parseGrid(text: string): GridResult {
  const pieces = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!pieces.length) return { ok: false, problem: 'empty grid; e.g. lr=0.005:0.1:20,aHat=-1:1:21' };
  if (pieces.length > MAX_AXES)
    return { ok: false, problem: `${pieces.length} axes; a sweep has one or two` };
  const axes: SweepAxis[] = [];
  for (const piece of pieces) {
    const parsed = parseAxis(piece);
    if (!parsed.ok) return parsed;
    const clash = axes.find(
      (a) =>
        a.key === parsed.axis.key &&
        (a.mode === null || parsed.axis.mode === null || a.mode === parsed.axis.mode),
    );
    if (clash)
      return { ok: false, problem: `${axisName(parsed.axis)} and ${axisName(clash)} both set ${clash.key}` };
    axes.push(parsed.axis);
  }
  return { ok: true, grid: { axes } };
}

/**
 * Why an axis would change nothing for these parameters (a task, init or rule it does not apply to, a mode past
 * `modes`), or null. A sweep over it would be a grid of identical cells: refused instead.
 */
export function axisProblem(axis: SweepAxis, p: EngineParams): string | null {
  const name = axisName(axis);
  const row = rowOf(axis.key);
  if (row.task && row.task !== p.task)
    return `${name} applies to the ${row.task} task only (task is ${p.task})`;
  if (axis.mode !== null && axis.mode > p.modes) return `${name}: mode ${axis.mode} > modes = ${p.modes}`;
  if (['a0', 'b0', 'w0'].includes(axis.key) && p.init === 'random')
    return `${name} sets the aligned init; init is random (sweep initScale instead)`;
  if (axis.key === 'initScale' && p.task === 'aligned' && p.init === 'aligned')
    return `initScale applies to a random init only (task random or init random)`;
  if ((axis.key === 'what' || axis.key === 'aHat') && !p.rules.includes('rflo'))
    return `${name} only changes RFLO; add rflo to the rules`;
  if (axis.key === 'aHat' && p.init === 'random') return `${name} sets the aligned feedback; init is random`;
  if (axis.key === 'truncation' && !p.rules.includes('tbptt'))
    return `truncation only changes tBPTT; add tbptt to the rules`;
  return null;
}

/** Every problem of a grid for these base parameters, first first (empty: the grid can run). */
export function gridProblems(grid: SweepGrid, p: EngineParams): string[] {
  return grid.axes.map((a) => axisProblem(a, p)).filter((x): x is string => x !== null);
}

/** The base with each axis set to the given value (any value, not only the grid's), constraints applied. */
export function paramsAt(
  base: EngineParams,
  grid: SweepGrid,
  axisValue: number[],
): { params: EngineParams; notices: Notice[] } {
  const p = structuredClone(base);
  const values = p as unknown as Record<string, number | number[]>;
  grid.axes.forEach((axis, k) => {
    const v = axisValue[k];
    if (rowOf(axis.key).kind !== 'list') values[axis.key] = v;
    else {
      const list = values[axis.key] as number[];
      values[axis.key] =
        axis.mode === null ? list.map(() => v) : list.map((x, m) => (m === axis.mode! - 1 ? v : x));
    }
  });
  const notices: Notice[] = [];
  return { params: applyConstraints(p, notices), notices };
}

/** One cell's complete parameters: the base with the cell's axis values, the table's constraints applied. */
export function cellParams(
  base: EngineParams,
  grid: SweepGrid,
  cell: number,
): { params: EngineParams; notices: Notice[] } {
  const coords = cellCoords(grid, cell);
  return paramsAt(
    base,
    grid,
    grid.axes.map((axis, k) => axisValues(axis)[coords[k]]),
  );
}

/** The k-th (1-based) of N contiguous, nearly equal parts of `total` cells: [first, first + count). */
export function cellShard(total: number, k: number, N: number): { first: number; count: number } {
  const first = Math.floor(((k - 1) * total) / N);
  return { first, count: Math.floor((k * total) / N) - first };
}
