// `npm run sweep` arguments, as strictly as simulate's: an unknown flag, a bad grid, shard or tolerance is a usage
// error (exit 2) with one line naming what was wrong. Imports ./args, the state's grid and engine types.
import type { EngineParams } from '../engine/params';
import { DEFAULT_OUTCOME_OPTIONS, type OutcomeOptions } from '../engine/sweep/outcome';
import { parseNumber } from '../state/param-codecs';
import {
  cellCount,
  cellParams,
  gridProblems,
  parseGrid,
  SWEEP_KEYS,
  type SweepGrid,
} from '../state/sweep-grid';
import { paramHelpLines, parseThreads, readFlags, UsageError } from './args';

export interface SweepRunOptions {
  mode: 'run';
  grid: SweepGrid;
  /** the parameters every cell starts from (flags and --query) */
  base: EngineParams;
  /** every cell's parameters, the whole grid (a shard trains its part) */
  cells: EngineParams[];
  out: string;
  /** 1-based part k of N, or null for the whole grid */
  shard: { k: number; N: number } | null;
  runs: boolean;
  outcome: OutcomeOptions;
  /** worker threads to split the cells over (never changes the numbers) */
  threads: number;
}

export interface SweepMergeOptions {
  mode: 'merge';
  /** the folder with the shard tables, and where the merged table goes */
  dir: string;
  out: string;
}

export type SweepOptions = SweepRunOptions | SweepMergeOptions | { mode: 'help' };

const FLAGS = {
  valued: ['grid', 'out', 'shard', 'merge', 'tolerance', 'minDecrease', 'threads'],
  switches: ['help', 'runs'],
} as const;

/** A shard "k/N" (1 ≤ k ≤ N). */
function parseShard(text: string): { k: number; N: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [k, N] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || N < 1 || k < 1 || k > N || N > 100000)
    throw new UsageError(
      `--shard '${text}' is not allowed; allowed: k/N with 1 ≤ k ≤ N ≤ 100000 (e.g. 3/16)`,
    );
  return { k, N };
}

function parseFraction(flag: string, text: string, min: number, max: number, includeMin: boolean): number {
  const v = parseNumber(text);
  if (v === null || !(includeMin ? v >= min : v > min) || !(v < max))
    throw new UsageError(
      `--${flag} '${text}' is not allowed; allowed: a number ${includeMin ? '≥' : '>'} ${min} and < ${max}`,
    );
  return v;
}

export function parseSweepArgs(argv: string[]): SweepOptions {
  const { own, switches, params } = readFlags(argv, {
    valued: FLAGS.valued,
    switches: FLAGS.switches,
  });
  if (switches.has('help')) return { mode: 'help' };
  if (own.merge !== undefined) {
    const extra = ['grid', 'shard', 'tolerance', 'minDecrease', 'threads'].find((f) => own[f] !== undefined);
    if (extra || switches.has('runs'))
      throw new UsageError(`--merge joins finished shard tables; it takes no --${extra ?? 'runs'}`);
    return { mode: 'merge', dir: own.merge, out: own.out ?? own.merge };
  }
  if (own.grid === undefined)
    throw new UsageError('--grid is required (e.g. --grid "lr=0.005:0.1:20,aHat=-1:1:21"), or --merge dir/');
  const parsed = parseGrid(own.grid);
  if (!parsed.ok) throw new UsageError(`--grid: ${parsed.problem}`);
  const { grid } = parsed;
  const problems = gridProblems(grid, params);
  if (problems.length) throw new UsageError(`--grid: ${problems[0]}`);
  const cells = Array.from({ length: cellCount(grid) }, (_, c) => {
    const cell = cellParams(params, grid, c);
    if (cell.notices.length) throw new UsageError(`--grid: cell ${c}: ${cell.notices[0].problem}`);
    return cell.params;
  });
  const outcome = {
    tolerance:
      own.tolerance === undefined
        ? DEFAULT_OUTCOME_OPTIONS.tolerance
        : parseFraction('tolerance', own.tolerance, 0, 1, false),
    minDecrease:
      own.minDecrease === undefined
        ? DEFAULT_OUTCOME_OPTIONS.minDecrease
        : parseFraction('minDecrease', own.minDecrease, 0, 1, true),
  };
  return {
    mode: 'run',
    grid,
    base: params,
    cells,
    out: own.out ?? 'sweep',
    shard: own.shard === undefined ? null : parseShard(own.shard),
    runs: switches.has('runs'),
    outcome,
    threads: own.threads === undefined ? 1 : parseThreads(own.threads),
  };
}

export function sweepHelpText(): string {
  return [
    'Usage: npm run sweep -- --grid "lr=0.005:0.1:20,aHat=-1:1:21" [--name value …] [--query "<app URL query>"]',
    '                        [--out dir/] [--shard k/N] [--threads N] [--runs] [--tolerance 1e-3] [--minDecrease 1e-5]',
    '       npm run sweep -- --merge dir/ [--out dir/]',
    '',
    'Trains every cell of a one- or two-parameter grid, with every selected rule, and writes one summary table',
    '(dir/sweep.csv and dir/sweep.json, one row per cell, rule and seed). The cells that keep the tensor shapes',
    'train as ONE batched simulation; a grid over T trains one batch per T.',
    '',
    `  --grid         name=from:to:count[:log], one or two axes (count ≤ 48); name: ${SWEEP_KEYS.join(', ')};`,
    '                 a per-mode list sets every mode (aHat=…) or one, 1-based (aHat.2=…)',
    '  --shard k/N    train only the k-th of N contiguous parts of the cells; writes dir/sweep.shard-k-of-N.json',
    '  --merge dir/   join the shard tables in dir/ into dir/sweep.json and sweep.csv (byte for byte the unsharded ones)',
    '  --threads N    split the cells over N worker threads (default 1; same numbers)',
    '  --runs         also write each cell’s run file, dir/runs/cell-<cell>.json (a full snapshot at every record)',
    `  --tolerance    converged: final loss ≤ tolerance × initial loss (default ${DEFAULT_OUTCOME_OPTIONS.tolerance})`,
    `  --minDecrease  slow, not stalled: the loss fell by more than this fraction over the last quarter (default ${DEFAULT_OUTCOME_OPTIONS.minDecrease})`,
    '',
    'Parameters of every cell (default; allowed):',
    ...paramHelpLines(),
  ].join('\n');
}
