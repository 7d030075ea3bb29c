// `npm run sweep`: strict arguments (exit 2, one line), a real small sweep, and shards whose merged table equals
// the unsharded one byte for byte.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweepArgs } from '../../src/cli/sweep-args';
import { UsageError } from '../../src/cli/args';
import { parseRunFile } from '../../src/engine/run-file';
import { parseSweepTable } from '../../src/state/sweep-table';

const root = join(import.meta.dirname, '../..');
const sweep = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sweep.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('parseSweepArgs', () => {
  it.each([
    [[], /^--grid is required/],
    [['--grid', 'lr=0.01:0.1'], /^--grid: lr: '0.01:0.1' is not from:to:count/],
    [['--grid', 'n=1:4:4'], /^--grid: 'n' cannot be swept/],
    [['--grid', 'lr=0.01:0.1:3', '--bogus', '1'], /^unknown flag --bogus; see --help$/],
    [['--grid', 'lr=0.01:0.1:3', '--shard', '0/4'], /^--shard '0\/4' is not allowed/],
    [['--grid', 'lr=0.01:0.1:3', '--shard', '2'], /^--shard '2' is not allowed/],
    [['--grid', 'lr=0.01:0.1:3', '--tolerance', '1'], /^--tolerance '1' is not allowed/],
    [['--grid', 'lr=0.01:0.1:3', '--T', '0'], /^T: 0 is out of range/],
    [['--grid', 'truncation=1:10:10', '--T', '5'], /^--grid: cell 5: truncation: 6 > T = 5$/],
    [['--grid', 'radius=0.1:0.9:3'], /^--grid: radius applies to the random task only/],
    [
      ['--merge', 'x', '--grid', 'lr=0.01:0.1:3'],
      /^--merge joins finished shard tables; it takes no --grid$/,
    ],
  ])('%j → %s', (argv, message) => {
    let err: unknown = null;
    try {
      parseSweepArgs(argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('reads the grid, parameters, shard, switches and options', () => {
    const o = parseSweepArgs([
      '--grid',
      'lr=0.01:0.03:3',
      '--rules',
      'bptt,rflo',
      '--shard',
      '2/3',
      '--runs',
    ]);
    if (o.mode !== 'run') throw new Error(o.mode);
    expect(o.cells.map((c) => c.lr)).toEqual([0.01, 0.02, 0.03]);
    expect(o.base.rules).toEqual(['bptt', 'rflo']);
    expect(o.shard).toEqual({ k: 2, N: 3 });
    expect(o.runs).toBe(true);
    expect(o.out).toBe('sweep');
  });
});

describe('the sweep command', () => {
  const args = [
    '--grid',
    'lr=0.01:0.08:4,aHat=-1:1:3',
    '--rules',
    'bptt,rflo',
    '--steps',
    '50',
    '--every',
    '10',
  ];

  it('a bad grid exits 2 with one line naming it', () => {
    const r = sweep(['--grid', 'lr=0.01:0.1:99']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "sweep: --grid: lr: count '99' is not allowed; allowed: a whole number from 1 to 48\n",
    );
  });

  it('shards 1…3 merged give the unsharded table byte for byte; --runs writes each cell’s run file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const whole = join(dir, 'whole');
    const parts = join(dir, 'parts');
    const r = sweep([...args, '--out', whole, '--runs']);
    expect(r.status, r.stderr).toBe(0);
    for (const k of [1, 2, 3]) {
      const s = sweep([...args, '--out', parts, '--shard', `${k}/3`]);
      expect(s.status, s.stderr).toBe(0);
    }
    expect(sweep(['--merge', join(dir, 'nothing')]).status).toBe(2);
    const m = sweep(['--merge', parts]);
    expect(m.status, m.stderr).toBe(0);
    // two threads split the cells too: the same table
    const threaded = join(dir, 'threaded');
    const t = sweep([...args, '--out', threaded, '--threads', '2']);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/2 threads/);
    for (const f of ['sweep.json', 'sweep.csv']) {
      expect(readFileSync(join(parts, f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
      expect(readFileSync(join(threaded, f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
    }
    const table = parseSweepTable(readFileSync(join(whole, 'sweep.json'), 'utf8'));
    expect(table.rows).toHaveLength(12 * 2);
    expect(new Set(table.rows.map((row) => row.outcome)).size).toBeGreaterThan(1); // the grid shows something
    // one run file per cell, holding that cell's parameters and final loss
    const files = readdirSync(join(whole, 'runs')).sort();
    expect(files).toEqual(Array.from({ length: 12 }, (_, c) => `cell-${String(c).padStart(2, '0')}.json`));
    const file = parseRunFile(readFileSync(join(whole, 'runs', 'cell-07.json'), 'utf8'));
    const row = table.rows.find((x) => x.cell === 7 && x.rule === 'rflo')!;
    expect(file.params.lr).toBe(row.values[0]);
    expect(file.params.aHat).toEqual([row.values[1], row.values[1]]);
    expect(file.runs[1].history.loss.at(-1)).toBe(row.finalLoss);
    // the shard tables stay next to the merged one, named by their part
    expect(existsSync(join(parts, 'sweep.shard-2-of-3.json'))).toBe(true);
  });
});
