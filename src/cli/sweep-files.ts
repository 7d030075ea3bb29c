// Where a sweep's files go in its --out folder, and reading a folder's shard tables for --merge. Node fs only,
// plus the state's sweep table.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseSweepTable, type SweepTable, SweepTableError, tableCsv, tableJson } from '../state/sweep-table';
import { unwritableReason } from './run-file-writer';

/** The table's base name: "sweep" for a whole (or merged) sweep, "sweep.shard-k-of-N" for one shard. */
export const tableName = (shard: { k: number; N: number } | null): string =>
  shard ? `sweep.shard-${shard.k}-of-${shard.N}` : 'sweep';

const SHARD_FILE = /^sweep\.shard-(\d+)-of-(\d+)\.json$/;

/** The run file of one cell: zero-padded, so the folder lists in cell order. */
export const runFilePath = (dir: string, cell: number, cells: number): string =>
  join(dir, 'runs', `cell-${String(cell).padStart(String(cells - 1).length, '0')}.json`);

/** Creates the folder (and runs/ when wanted) and says why it cannot take the tables, or null. */
export function prepareOut(dir: string, runs: boolean): string | null {
  if (existsSync(dir) && !statSync(dir).isDirectory()) return 'it is a file, not a folder';
  try {
    mkdirSync(runs ? join(dir, 'runs') : dir, { recursive: true });
  } catch (err) {
    return (err as Error).message;
  }
  // a probe name of its own: the shards of a job array check the same folder at the same time
  return unwritableReason(join(dir, `sweep.probe-${hostname()}-${process.pid}`));
}

/** Writes text through a temporary file renamed at the end (a reader never sees half a table). */
function writeWhole(path: string, text: string): void {
  const partial = `${path}.partial-${process.pid}`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

/** Writes <name>.json and <name>.csv; returns their paths. */
export function writeTable(dir: string, name: string, table: SweepTable): string[] {
  const paths = [join(dir, `${name}.json`), join(dir, `${name}.csv`)];
  writeWhole(paths[0], tableJson(table));
  writeWhole(paths[1], tableCsv(table));
  return paths;
}

/** Every shard table in `dir`; a file that does not parse is an error naming it. */
export function readShardTables(dir: string): SweepTable[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SweepTableError(`${dir} is not a folder`);
  const files = readdirSync(dir)
    .filter((f) => SHARD_FILE.test(f))
    .sort();
  if (!files.length) throw new SweepTableError(`no shard tables (sweep.shard-k-of-N.json) in ${dir}`);
  return files.map((f) => {
    try {
      return parseSweepTable(readFileSync(join(dir, f), 'utf8'));
    } catch (err) {
      throw new SweepTableError(`${f}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}
