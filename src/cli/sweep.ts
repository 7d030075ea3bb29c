// `npm run sweep`: a one- or two-parameter grid of cells × rules, headless, as ONE batched simulation per shape,
// into a summary table (and optional run files); --shard k/N trains a part, --merge joins the parts.
// Imports engine, state and theory modules; with ./sweep-files the only modules here that touch process/fs.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../engine/backend';
import { maxBatchRuns } from '../state/budget';
import { cellShard } from '../state/sweep-grid';
import { makeTable, mergeShards, SweepTableError, sweepRows } from '../state/sweep-table';
import { UsageError } from './args';
import { parseSweepArgs, type SweepRunOptions, sweepHelpText } from './sweep-args';
import { prepareOut, readShardTables, tableName, writeTable } from './sweep-files';
import { trainCells } from './sweep-parallel';

function progressBar(): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  const started = Date.now();
  return (done, total) => {
    if (Date.now() - started < 500 && done < total) return;
    const width = 30;
    const filled = Math.round((width * done) / total);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} steps${done >= total ? '\n' : ''}`,
    );
  };
}

async function run(opts: SweepRunOptions): Promise<number> {
  const unwritable = prepareOut(opts.out, opts.runs);
  if (unwritable) {
    process.stderr.write(`sweep: --out ${opts.out}: cannot write there (${unwritable})\n`);
    return 2;
  }
  const backend = await initBackend();
  if (backend.note) process.stderr.write(`sweep: ${backend.note}\n`);
  const total = opts.cells.length;
  const part = opts.shard ? cellShard(total, opts.shard.k, opts.shard.N) : { first: 0, count: total };
  const cells = opts.cells.slice(part.first, part.first + part.count);
  const started = performance.now();
  const records = await trainCells(
    {
      cells,
      first: part.first,
      grid: opts.cells,
      threads: opts.threads,
      maxRuns: maxBatchRuns(opts.base),
      runFilesDir: opts.runs ? opts.out : null,
      backend: backend.name,
    },
    progressBar(),
  );
  const seconds = (performance.now() - started) / 1000;
  const rows = sweepRows(opts.grid, cells, records, opts.outcome, part.first);
  const table = makeTable(
    opts.grid,
    opts.base,
    opts.outcome,
    rows,
    opts.shard ? { ...opts.shard, ...part } : undefined,
  );
  const paths = writeTable(opts.out, tableName(opts.shard), table);
  process.stdout.write(
    `${part.count} cells (${opts.shard ? `cells ${part.first}–${part.first + part.count - 1} of ${total}` : 'the whole grid'}) × ${records.length / Math.max(1, part.count)} runs: ${opts.base.steps} steps in ${seconds.toFixed(2)} s (TF.js ${tf.getBackend()}, ${Math.min(opts.threads, part.count)} thread${Math.min(opts.threads, part.count) > 1 ? 's' : ''})\ntable: ${paths.join(', ')}\n`,
  );
  return 0;
}

function merge(dir: string, out: string): number {
  const table = mergeShards(readShardTables(dir));
  const unwritable = prepareOut(out, false);
  if (unwritable) {
    process.stderr.write(`sweep: --out ${out}: cannot write there (${unwritable})\n`);
    return 2;
  }
  const paths = writeTable(out, tableName(null), table);
  process.stdout.write(`merged ${table.cells} cells: ${paths.join(', ')}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  try {
    const opts = parseSweepArgs(argv);
    if (opts.mode === 'help') {
      process.stdout.write(sweepHelpText() + '\n');
      return 0;
    }
    return opts.mode === 'merge' ? merge(opts.dir, opts.out) : await run(opts);
  } catch (err) {
    if (err instanceof UsageError || err instanceof SweepTableError) {
      process.stderr.write(`sweep: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sweep: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
