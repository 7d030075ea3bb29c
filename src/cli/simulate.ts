// `npm run simulate`: headless runs with the same engine, parameters and run file as the app.
// Imports engine, state (parameter table) and theory modules; the only module here that touches process/fs.
import * as tf from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { initBackend } from '../engine/backend';
import { REPLAY_SCRIPT } from '../engine/python-script';
import { attachTheory } from '../theory/run-file-blocks';
import { helpText, parseArgs, UsageError } from './args';
import { runParallel } from './parallel-run';
import { streamJson, unwritableReason, writeRunFile } from './run-file-writer';
import { summaryTable } from './summary';

function progressBar(total: number): (step: number) => void {
  if (!process.stderr.isTTY) return () => {};
  const started = Date.now();
  return (step) => {
    if (Date.now() - started < 500 && step < total) return; // short runs: no bar
    const width = 30;
    const done = Math.round((width * step) / total);
    process.stderr.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${step}/${total}${step >= total ? '\n' : ''}`,
    );
  };
}

async function main(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`simulate: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  const train = opts.script === null || opts.outGiven;
  // before training: a long run must not end on "cannot write"
  const targets: [string, string | null][] = [
    ['--out', train ? opts.out : null],
    ['--script', opts.script],
  ];
  for (const [flag, path] of targets) {
    const unwritable = path === null || path === '-' ? null : unwritableReason(path);
    if (unwritable) {
      process.stderr.write(`simulate: ${flag} ${path}: cannot write there (${unwritable})\n`);
      return 2;
    }
  }
  if (opts.script !== null) {
    if (opts.script === '-') process.stdout.write(REPLAY_SCRIPT);
    else {
      writeFileSync(opts.script, REPLAY_SCRIPT);
      const runFile = opts.outGiven && opts.out !== '-' ? opts.out : 'run.json';
      (opts.out === '-' ? process.stderr : process.stdout).write(
        `replay script: ${opts.script} (python3 ${opts.script} ${runFile})\n`,
      );
    }
    if (!train) return 0;
  }
  const backend = await initBackend();
  if (backend.note) process.stderr.write(`simulate: ${backend.note}\n`);
  const started = performance.now();
  const file = attachTheory(await runParallel(opts.params, opts.threads, progressBar(opts.params.steps)));
  const seconds = (performance.now() - started) / 1000;
  // stdout carries the run file or the script when either is written there
  const report = opts.out === '-' || opts.script === '-' ? process.stderr : process.stdout;
  const threads = Math.min(opts.threads, opts.params.seeds);
  report.write(
    `${summaryTable(file)}\n\n${opts.params.steps} steps × ${file.runs.length} runs in ${seconds.toFixed(2)} s (TF.js ${tf.getBackend()}, ${threads} thread${threads > 1 ? 's' : ''})\n`,
  );
  // the same 12 digits as the app shows beside Copy link for this link at this step (same backend)
  report.write(`checksum: ${file.checksum} (the weights of every run at step ${opts.params.steps})\n`);
  if (opts.out === '-') {
    let buffer = '';
    streamJson(file, (piece) => {
      buffer += piece;
      if (buffer.length > 1 << 20) {
        process.stdout.write(buffer);
        buffer = '';
      }
    });
    process.stdout.write(buffer + '\n');
  } else {
    writeRunFile(file, opts.out);
    report.write(`run file: ${opts.out}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`simulate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
