// `npm run sweep`: a one- or two-parameter grid of cells × rules, headless, as ONE batched simulation per shape,
// into a summary table (and optional run files); --shard k/N trains a part, --merge joins the parts.
// Imports engine, state and theory modules; with ./sweep-files the only modules here that touch process/fs.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../engine/backend';
import { batchKey } from '../engine/cells';
import type { EngineParams } from '../engine/params';
import { choosePlan } from '../engine/plans/choose-plan';
import { SweepRunner } from '../engine/sweep/sweep-runner';
import { maxBatchRuns } from '../state/resolve';
import { cellShard } from '../state/sweep-grid';
import { makeTable, mergeShards, SweepTableError, sweepRows } from '../state/sweep-table';
import { attachTheory } from '../theory/run-file-blocks';
import { UsageError } from './args';
import { writeRunFile } from './run-file-writer';
import { parseSweepArgs, type SweepRunOptions, sweepHelpText } from './sweep-args';
import { prepareOut, readShardTables, runFilePath, tableName, writeTable } from './sweep-files';

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

/**
 * Each batch's plan, chosen for all the grid's cells of its shape (not just this shard's), so every shard trains
 * with the plan of the unsharded sweep and the merged table is the unsharded one.
 */
function gridPlans(cells: EngineParams[]) {
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(batchKey(c), (counts.get(batchKey(c)) ?? 0) + 1);
  return (p: EngineParams) => choosePlan(p, counts.get(batchKey(p)) ?? 1);
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
  const runner = new SweepRunner(cells, {
    planFor: gridPlans(opts.cells),
    maxRuns: maxBatchRuns(opts.base),
    backend: backend.name,
    ...(opts.runs
      ? {
          onRunFile: (cell, file) =>
            writeRunFile(attachTheory(file), runFilePath(opts.out, part.first + cell, total)),
        }
      : {}),
  });
  const records = runner.runToEnd(progressBar());
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
    `${part.count} cells (${opts.shard ? `cells ${part.first}–${part.first + part.count - 1} of ${total}` : 'the whole grid'}) × ${records.length / Math.max(1, part.count)} runs: ${opts.base.steps} steps in ${seconds.toFixed(2)} s (TF.js ${tf.getBackend()})\ntable: ${paths.join(', ')}\n`,
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
