// The CLI: strict argument parsing (exit 2, one line naming parameter, value and what is allowed, no stack
// trace) and a real run that prints the summary and writes a valid run file with theory blocks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';
import { runChecksum } from '../../src/engine/checksum';
import { parseRunFile } from '../../src/engine/run-file';

const root = join(import.meta.dirname, '../..');
const simulate = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('parseArgs', () => {
  it('reads flags, --name=value and --query, flags winning over the query', () => {
    const { params, out } = parseArgs([
      '--query',
      '?v=1&lr=0.2&T=7&hide=lr',
      '--lr=0.3',
      '--rules',
      'rflo,bptt',
      '--out',
      'x.json',
    ]);
    expect(params.lr).toBe(0.3);
    expect(params.T).toBe(7);
    expect(params.rules).toEqual(['bptt', 'rflo']);
    expect(out).toBe('x.json');
  });

  it('accepts every view key of an app link (theory, present, hide) and a negative value after a flag', () => {
    expect(parseArgs(['--query', '?v=1&theory=ode&present=1&hide=lr,seed&T=12']).params.T).toBe(12);
    expect(parseArgs(['--a0', '-0.5']).params.a0[0]).toBe(-0.5);
  });

  it.each([
    [['--lr', 'abc'], /^lr: 'abc' is not a number; allowed: a number > 0 and ≤ 10$/],
    [['--T', '0'], /^T: 0 is out of range; allowed: a whole number from 1 to 200$/],
    [['--lR', '1'], /^unknown flag --lR \(did you mean --lr\?\)/],
    [['--rules', 'bptt,foo'], /^rules: 'foo' not recognised/],
    [['--aStar', '1,NaN'], /^aStar: 'NaN' is not a number/],
    [['--truncation', '50', '--T', '10'], /^truncation: 50 > T = 10$/],
    [['--query', 'bogus=1'], /^unknown parameter 'bogus'/],
    [['--seed'], /^--seed needs a value$/],
    [['oops'], /^unexpected argument 'oops'/],
    // names of Object.prototype members are flags like any other unknown one (issue 8)
    [['--constructor', '1'], /^unknown flag --constructor; see --help$/],
    [['--__proto__', '1'], /^unknown flag --__proto__; see --help$/],
    [['--toString=1'], /^unknown flag --toString; see --help$/],
    [['--query', 'v=1&toString=1'], /^unknown parameter 'toString' ignored$/],
    [['--query', 'v=1&__proto__=1'], /^unknown parameter '__proto__' ignored$/],
    [['--query', 'v=1&hasOwnProperty=1&valueOf=2'], /^unknown parameter 'hasOwnProperty' ignored$/],
    // a missing value is blamed on its flag, not on the next flag's value
    [['--lr', '--T', '5'], /^--lr needs a value \(got the flag --T next\)$/],
    // --query reads a link as the app does: the same view keys, the same notices
    [['--query', 'v=2'], /^--query: v: unknown link version '2'$/],
    [['--query', 'v=1&present=2'], /^--query: present: '2' is not 0 or 1$/],
    [['--query', 'v=1&hide=bogus'], /^--query: hide: unknown control 'bogus' ignored$/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('npm run simulate', () => {
  it('exits 2 with one line and no stack trace on a bad value', () => {
    const r = simulate(['--lr', '-1']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'simulate: lr: -1 is out of range; allowed: a number > 0 and ≤ 10',
    ]);
  });

  it('runs, prints the summary per rule and writes a valid run file with theory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'locality-'));
    const out = join(dir, 'run.json');
    const r = simulate(['--steps', '200', '--every', '50', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^rule\s+runs\s+final loss/m);
    for (const rule of ['bptt', 'tbptt', 'rflo'])
      expect(r.stdout).toMatch(new RegExp(`^${rule}\\s+1\\s`, 'm'));
    const file = parseRunFile(readFileSync(out, 'utf8'));
    expect(file.params.steps).toBe(200);
    expect(file.runs.map((x) => x.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
    expect(file.runs[0].history.step).toEqual([0, 50, 100, 150, 200]);
    // the summary prints the checksum the file holds, which is that of the file's final weights
    expect(file.checksum).toMatch(/^[0-9a-f]{12}$/);
    expect(r.stdout).toContain(`checksum: ${file.checksum} (the weights of every run at step 200)`);
    expect(runChecksum(file.runs.map((x) => x.final))).toBe(file.checksum);
    const theory = file.runs[0].theory as { step: number[]; loss: number[] };
    expect(theory.step).toEqual([0, 50, 100, 150, 200]);
    expect(theory.loss[0]).toBeGreaterThan(0);
  });
});

describe('runParallel', () => {
  it('splits seeds into contiguous near-equal shards', async () => {
    const { splitSeeds } = await import('../../src/engine/shards');
    expect(splitSeeds(5, 2)).toEqual([
      { first: 0, count: 2 },
      { first: 2, count: 3 },
    ]);
    expect(splitSeeds(1, 4)).toEqual([{ first: 0, count: 1 }]);
  });

  it('two threads give the same run file as one (runs never interact)', async () => {
    const { runParallel } = await import('../../src/cli/parallel-run');
    const { params } = parseArgs([
      '--task',
      'random',
      '--seeds',
      '3',
      '--rules',
      'bptt,rflo',
      '--steps',
      '40',
      '--every',
      '20',
      '--gradient',
      'sampled',
      '--batch',
      '4',
    ]);
    const { serializeRunFile } = await import('../../src/engine/run-file');
    const one = serializeRunFile(await runParallel(params, 1));
    const two = serializeRunFile(await runParallel(params, 2));
    expect(two).toBe(one);
    expect(JSON.parse(one).runs.map((r: { seed: number }) => r.seed)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
