// Joins the run files of seed blocks trained apart (CLI threads, the app's workers) into the unsplit file: runs in
// block order, the checksum recomputed over all of them. Imports engine modules without TF.js.
import { runChecksum } from './checksum';
import type { RunFile } from './run-file';

/** `files` in block (seed) order; the first supplies everything but the runs and the checksum. */
export function mergeRunFiles(files: RunFile[]): RunFile {
  const runs = files.flatMap((f) => f.runs);
  return { ...files[0], checksum: runChecksum(runs.map((r) => r.final)), runs };
}
