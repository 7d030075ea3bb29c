// The sweep summary table: one row per cell, rule and seed (outcome, steps to converge, losses, effective rank,
// RFLO's branch, the cell's link), as JSON and CSV; shard tables and their merge. The CLI writes it, the app loads
// it. Plain TS; imports engine types and outcome, ./sweep-grid and ./url.
import type { EngineParams, RuleId } from '../engine/params';
import { RULE_IDS } from '../engine/params';
import {
  OUTCOMES,
  type Outcome,
  type OutcomeOptions,
  type RunOutcome,
  runOutcome,
} from '../engine/sweep/outcome';
import type { SweepRunRecord } from '../engine/sweep/sweep-runner';
import {
  axisName,
  axisValues,
  cellCoords,
  cellCount,
  formatGrid,
  parseGrid,
  type SweepGrid,
} from './sweep-grid';
import { formatQuery } from './url';

export const SWEEP_TABLE_FORMAT = 'locality-lab-sweep';
export const SWEEP_TABLE_VERSION = 1;

/** A cell's run: where it sits in the grid, its outcome (engine/sweep/outcome) and its link. */
export interface SweepRow extends RunOutcome {
  cell: number;
  /** the cell's index on each axis, and its value there (same order as the grid's axes) */
  coords: number[];
  values: number[];
  rule: RuleId;
  seed: number;
  divergedStep: number | null;
  /** the cell's link query: opening it in the app trains exactly this cell */
  query: string;
}

export interface SweepTable {
  format: typeof SWEEP_TABLE_FORMAT;
  version: typeof SWEEP_TABLE_VERSION;
  /** the grid (formatGrid) and the base parameters' link query */
  grid: string;
  base: string;
  outcome: OutcomeOptions;
  /** cells of the whole grid */
  cells: number;
  /** present in a shard's table only: which part it is and which cells it holds */
  shard?: { k: number; N: number; first: number; count: number };
  rows: SweepRow[];
}

/** The rows of a sweep's runs (records of cells first … first + records' cells, in cell order). */
export function sweepRows(
  grid: SweepGrid,
  cells: EngineParams[],
  records: SweepRunRecord[],
  opts: OutcomeOptions,
  firstCell = 0,
): SweepRow[] {
  const values = grid.axes.map(axisValues);
  return records.map((r) => {
    const cell = firstCell + r.cell;
    const p = cells[r.cell];
    const coords = cellCoords(grid, cell);
    const outcome = runOutcome(
      {
        rule: r.rule,
        steps: r.steps,
        loss: r.loss,
        divergedStep: r.divergedStep,
        a: r.a,
        aHat: p.task === 'aligned' && p.init === 'aligned' ? p.aHat : null,
        effRankW: r.effRankW,
      },
      opts,
    );
    return {
      cell,
      coords,
      values: coords.map((c, k) => values[k][c]),
      rule: r.rule,
      seed: r.seed,
      outcome: outcome.outcome,
      convergedStep: outcome.convergedStep,
      initialLoss: outcome.initialLoss,
      finalLoss: outcome.finalLoss,
      effRankW: outcome.effRankW,
      branch: outcome.branch,
      divergedStep: r.divergedStep,
      query: formatQuery(p),
    };
  });
}

/** A table with its fields in their one order (the bytes of a merged table depend on it). */
export function makeTable(
  grid: SweepGrid,
  base: EngineParams,
  outcome: OutcomeOptions,
  rows: SweepRow[],
  shard?: SweepTable['shard'],
): SweepTable {
  return {
    format: SWEEP_TABLE_FORMAT,
    version: SWEEP_TABLE_VERSION,
    grid: formatGrid(grid),
    base: formatQuery(base),
    outcome: { tolerance: outcome.tolerance, minDecrease: outcome.minDecrease },
    cells: cellCount(grid),
    ...(shard ? { shard } : {}),
    rows,
  };
}

/** The CSV's columns: cell, one index and one value column per axis, then the outcome columns. */
export function csvHeader(grid: SweepGrid): string[] {
  const idx = ['i', 'j'];
  return [
    'cell',
    ...grid.axes.map((_, k) => idx[k]),
    ...grid.axes.map(axisName),
    'rule',
    'seed',
    'outcome',
    'convergedStep',
    'initialLoss',
    'finalLoss',
    'effRankW',
    'branch',
    'divergedStep',
    'query',
  ];
}

const csvField = (x: string | number | null): string => {
  if (x === null) return '';
  const s = String(x);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function tableCsv(table: SweepTable): string {
  const grid = gridOf(table);
  const lines = [csvHeader(grid).join(',')];
  for (const r of table.rows)
    lines.push(
      [
        r.cell,
        ...r.coords,
        ...r.values,
        r.rule,
        r.seed,
        r.outcome,
        r.convergedStep,
        r.initialLoss,
        r.finalLoss,
        r.effRankW,
        r.branch,
        r.divergedStep,
        r.query,
      ]
        .map(csvField)
        .join(','),
    );
  return lines.join('\n') + '\n';
}

/** Deterministic JSON (one row per line, so a diff or `grep` reads it); non-finite numbers become null. */
export function tableJson(table: SweepTable): string {
  const { rows, ...head } = table;
  const text = (x: unknown) =>
    JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  const body = rows.map((r) => '  ' + text(r)).join(',\n');
  return `${text(head).slice(0, -1)},"rows":[\n${body}${rows.length ? '\n' : ''}]}\n`;
}

export class SweepTableError extends Error {}

function gridOf(table: Pick<SweepTable, 'grid'>): SweepGrid {
  const parsed = parseGrid(table.grid);
  if (!parsed.ok) throw new SweepTableError(`grid '${table.grid}': ${parsed.problem}`);
  return parsed.grid;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumOrNull = (x: unknown) => x === null || isNum(x);

/** Parses and checks a sweep table's JSON; throws SweepTableError naming the first problem. */
export function parseSweepTable(text: string): SweepTable {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SweepTableError(`not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isObject(raw) || raw.format !== SWEEP_TABLE_FORMAT)
    throw new SweepTableError(`not a sweep table (format is not '${SWEEP_TABLE_FORMAT}')`);
  if (raw.version !== SWEEP_TABLE_VERSION)
    throw new SweepTableError(
      `sweep table version ${String(raw.version)}; this version reads ${SWEEP_TABLE_VERSION}`,
    );
  if (
    typeof raw.grid !== 'string' ||
    typeof raw.base !== 'string' ||
    !isNum(raw.cells) ||
    !Array.isArray(raw.rows)
  )
    throw new SweepTableError('a sweep table needs grid, base, cells and rows');
  const grid = gridOf(raw as { grid: string });
  if (raw.cells !== cellCount(grid))
    throw new SweepTableError(`cells ${raw.cells} ≠ the grid's ${cellCount(grid)}`);
  raw.rows.forEach((r: unknown, k) => {
    const bad = (what: string) => new SweepTableError(`row ${k}: ${what}`);
    if (!isObject(r)) throw bad('not an object');
    if (!isNum(r.cell) || r.cell < 0 || r.cell >= (raw.cells as number)) throw bad('cell outside the grid');
    if (!Array.isArray(r.coords) || r.coords.length !== grid.axes.length || !r.coords.every(isNum))
      throw bad('coords do not match the grid');
    if (!Array.isArray(r.values) || r.values.length !== grid.axes.length || !r.values.every(isNum))
      throw bad('values do not match the grid');
    if (!RULE_IDS.includes(r.rule as RuleId)) throw bad(`unknown rule '${String(r.rule)}'`);
    if (!OUTCOMES.includes(r.outcome as Outcome)) throw bad(`unknown outcome '${String(r.outcome)}'`);
    for (const key of ['convergedStep', 'initialLoss', 'finalLoss', 'effRankW', 'branch', 'divergedStep'])
      if (!isNumOrNull(r[key])) throw bad(`${key} is not a number or null`);
    if (typeof r.query !== 'string') throw bad('query is not a string');
  });
  return raw as unknown as SweepTable;
}

/**
 * Joins the tables of shards 1…N of one sweep into the table of the whole sweep: identical, byte for byte, to the
 * table the sweep writes unsharded. Throws SweepTableError when they are not one sweep or do not cover it once.
 */
export function mergeShards(shards: SweepTable[]): SweepTable {
  if (!shards.length) throw new SweepTableError('no shard tables to merge');
  const [first] = shards;
  const same = (t: SweepTable) =>
    t.grid === first.grid &&
    t.base === first.base &&
    t.cells === first.cells &&
    JSON.stringify(t.outcome) === JSON.stringify(first.outcome);
  const N = first.shard?.N;
  for (const t of shards) {
    if (!t.shard || N === undefined)
      throw new SweepTableError('a table to merge is not a shard (it has no shard field)');
    if (!same(t))
      throw new SweepTableError(
        `shard ${t.shard.k}/${t.shard.N} belongs to another sweep (grid, base or options differ)`,
      );
    if (t.shard.N !== N) throw new SweepTableError(`shards of ${N} and of ${t.shard.N} parts mixed`);
  }
  const byK = [...shards].sort((x, y) => x.shard!.k - y.shard!.k);
  const missing = Array.from({ length: N! }, (_, k) => k + 1).filter(
    (k) => !byK.some((t) => t.shard!.k === k),
  );
  if (missing.length) throw new SweepTableError(`shard ${missing[0]}/${N} is missing`);
  if (byK.length !== N) throw new SweepTableError(`a shard of ${N} is given twice`);
  let next = 0;
  for (const t of byK) {
    const { first: from, count, k } = t.shard!;
    if (from !== next) throw new SweepTableError(`shard ${k}/${N} starts at cell ${from}, expected ${next}`);
    if (t.rows.some((r) => r.cell < from || r.cell >= from + count))
      throw new SweepTableError(`shard ${k}/${N} holds a cell outside its range`);
    if (new Set(t.rows.map((r) => r.cell)).size !== count)
      throw new SweepTableError(`shard ${k}/${N} lacks rows for some of its ${count} cells`);
    next = from + count;
  }
  if (next !== first.cells) throw new SweepTableError(`the shards cover ${next} of ${first.cells} cells`);
  const { shard: _shard, ...head } = first;
  return { ...head, rows: byK.flatMap((t) => t.rows) };
}
