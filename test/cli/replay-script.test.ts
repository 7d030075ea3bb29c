// The reproduction script (src/engine/python-script.ts): the CLI writes exactly the app's text, and python3 with
// numpy replays small run files (four rules, both losses, tBPTT k > 1, two tasks) to 1e-4 of the recorded losses.
// Where python3 with numpy is missing the replay tests are skipped with that reason (and fail under CI).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { runParallel } from '../../src/cli/parallel-run';
import { REPLAY_SCRIPT } from '../../src/engine/python-script';
import { type RunFile, serializeRunFile } from '../../src/engine/run-file';

const root = join(import.meta.dirname, '../..');
const simulate = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

const MISSING = 'python3 with numpy is required: apt-get install python3-numpy';
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

/** Skips (with the reason) where python3 with numpy is missing; under CI that is a failure instead. */
function needPython(ctx: TestContext): void {
  if (hasNumpy) return;
  if (process.env.CI) throw new Error(MISSING);
  console.warn(`replay-script tests skipped: ${MISSING}`);
  ctx.skip(MISSING);
}

const dir = mkdtempSync(join(tmpdir(), 'locality-replay-'));
const scriptPath = join(dir, 'replay.py');

const python = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('python3', args, { encoding: 'utf8', env: { ...process.env, ...env } });

async function makeRunFile(name: string, argv: string[]): Promise<{ path: string; file: RunFile }> {
  const file = await runParallel(parseArgs(argv).params, 1);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, serializeRunFile(file));
  return { path, file };
}

/** The replayed losses of every run, from the script's own functions (not its printed summary). */
function replayedLosses(path: string): (number | null)[][] {
  const program = [
    'import importlib.util, json, sys',
    `spec = importlib.util.spec_from_file_location("replay", ${JSON.stringify(scriptPath)})`,
    'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
    `data = json.load(open(${JSON.stringify(path)}))`,
    'p = data["params"]; t = {x: m.matrix(data["teacher"][x]) for x in "AWB"}',
    'E = [t["A"] @ __import__("numpy").linalg.matrix_power(t["W"], j) @ t["B"] for j in range(p["T"])]',
    'print(json.dumps([m.replay(run, p, E) for run in data["runs"]]))',
  ].join('\n');
  const r = python(['-c', program]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as (number | null)[][];
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The per-run lines the script prints: [run index, rule, max relative difference]. */
const printedDifferences = (stdout: string) =>
  [...stdout.matchAll(/^runs\[(\d+)\] (\w+) seed \d+ .*max relative difference (\S+)/gm)].map((m) => ({
    run: Number(m[1]),
    rule: m[2],
    diff: Number(m[3]),
  }));

beforeAll(() => {
  writeFileSync(scriptPath, REPLAY_SCRIPT);
});

describe('the reproduction script', () => {
  it('is the same text from the CLI (--script - and --script file) as the app downloads, and trains nothing', () => {
    const toStdout = simulate(['--script', '-']);
    expect(toStdout.status, toStdout.stderr).toBe(0);
    expect(toStdout.stdout).toBe(REPLAY_SCRIPT);
    const path = join(dir, 'from-cli.py');
    const toFile = simulate(['--script', path]);
    expect(toFile.status, toFile.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(REPLAY_SCRIPT);
    expect(toFile.stdout).not.toMatch(/final loss/); // no summary table: nothing was trained
  });

  it('with --out as well, trains and writes both', () => {
    const path = join(dir, 'both.py');
    const out = join(dir, 'both.json');
    const r = simulate(['--script', path, '--out', out, '--steps', '20', '--every', '10']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`python3 ${path} ${out}`);
    expect(readFileSync(path, 'utf8')).toBe(REPLAY_SCRIPT);
    expect(JSON.parse(readFileSync(out, 'utf8')).runs.length).toBe(3);
  });

  it.each([
    [
      ['--script', join(tmpdir(), 'no-such-folder-xyz', 'r.py')],
      /^simulate: --script .*: cannot write there/,
    ],
    [['--script', '-', '--out', '-'], /^simulate: --script - and --out - would both write to stdout/],
    [['--script'], /^simulate: --script needs a value$/],
  ])('%j exits 2 with one line', (argv, message) => {
    const r = simulate(argv);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});

describe('replaying run files with python3 and numpy', () => {
  const configs: [string, string[]][] = [
    // aligned, final loss, from a0 = b0 = 0.5 (off the saddle, so every rule learns); lr small enough that no loss
    // nears float32's floor, where rounding rather than the rule sets the last digits
    [
      'aligned-final',
      [
        '--rules',
        'bptt,tbptt,rflo,eprop',
        '--a0',
        '0.5',
        '--b0',
        '0.5',
        '--T',
        '6',
        '--truncation',
        '3',
        '--lr',
        '0.01',
      ],
    ],
    [
      'random-sequence',
      [
        '--task',
        'random',
        '--loss',
        'sequence',
        '--rules',
        'bptt,tbptt,rflo,eprop',
        '--n',
        '6',
        '--teacherN',
        '4',
        '--T',
        '5',
        '--truncation',
        '2',
        '--lr',
        '0.05',
        '--seeds',
        '2',
      ],
    ],
  ];

  it.for(configs)('%s: every run is replayed to 1e-4 of the recorded losses', async ([name, argv], ctx) => {
    needPython(ctx);
    const { path, file } = await makeRunFile(name, [...argv, '--steps', '300', '--every', '25']);
    const r = python([scriptPath, path, '--no-plot']);
    expect(r.status, r.stderr).toBe(0);
    const printed = printedDifferences(r.stdout);
    expect(printed.map((p) => p.rule)).toEqual(file.runs.map((run) => run.rule));
    for (const p of printed) expect(p.diff, `${p.rule}: ${r.stdout}`).toBeLessThan(1e-4);

    const replayed = replayedLosses(path);
    file.runs.forEach((run, k) => {
      expect(replayed[k]).toHaveLength(run.history.step.length);
      run.history.loss.forEach((recorded, j) => {
        expect(recorded).not.toBeNull();
        expect(relative(replayed[k][j] as number, recorded as number), `${run.rule} step ${j}`).toBeLessThan(
          1e-4,
        );
      });
      // training happened: the replay is not a comparison of two constant curves
      expect(run.history.loss.at(-1)! / run.history.loss[0]!).toBeLessThan(0.99);
    });
  });

  it('reports a recorded loss that the replay does not reproduce', async (ctx) => {
    needPython(ctx);
    const { file } = await makeRunFile('tampered-source', [
      '--rules',
      'bptt,rflo',
      '--steps',
      '50',
      '--every',
      '10',
    ]);
    file.runs[1].history.loss[3] = (file.runs[1].history.loss[3] as number) * 1.01;
    const path = join(dir, 'tampered.json');
    writeFileSync(path, serializeRunFile(file));
    const printed = printedDifferences(python([scriptPath, path, '--no-plot']).stdout);
    expect(printed[0].diff).toBeLessThan(1e-4);
    expect(printed[1].diff).toBeGreaterThan(9e-3);
  });

  it('says that sampled-gradient runs cannot be replayed, and why', async (ctx) => {
    needPython(ctx);
    const { path } = await makeRunFile('sampled', [
      '--gradient',
      'sampled',
      '--steps',
      '20',
      '--every',
      '10',
    ]);
    const r = python([scriptPath, path, '--no-plot']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/gradient = sampled: .*random minibatches .*cannot be replayed exactly/);
    expect(printedDifferences(r.stdout)).toEqual([]);
  });

  it('says clearly when the file is missing or not a run file', (ctx) => {
    needPython(ctx);
    const missing = python([scriptPath, join(dir, 'nope.json'), '--no-plot']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^cannot read .*nope\.json: .*No such file/);
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"hello": 1}');
    const wrong = python([scriptPath, other, '--no-plot']);
    expect(wrong.stderr.trim()).toMatch(/is not a version-1 Locality Lab run file$/);
  });

  it('draws replayed and recorded curves per run when matplotlib is there (a stand-in records the calls)', async (ctx) => {
    needPython(ctx);
    // a tiny stand-in for matplotlib, so the figure code runs here whether or not matplotlib is installed
    const stub = join(dir, 'stub');
    mkdirSync(join(stub, 'matplotlib'), { recursive: true });
    writeFileSync(join(stub, 'matplotlib', '__init__.py'), 'def use(name):\n    pass\n');
    writeFileSync(
      join(stub, 'matplotlib', 'pyplot.py'),
      [
        'import json',
        'lines = []',
        'class Axes:',
        '    def plot(self, x, y, **kw): lines.append({"label": kw["label"], "points": len(y)})',
        '    def __getattr__(self, name): return lambda *a, **kw: None',
        'class Figure:',
        '    def savefig(self, path, **kw): open(path, "w").write(json.dumps(lines))',
        '    def tight_layout(self): pass',
        'def subplots(**kw): return Figure(), Axes()',
        'def show(): pass',
      ].join('\n'),
    );
    const { path } = await makeRunFile('plotted', ['--rules', 'bptt,rflo', '--steps', '30', '--every', '10']);
    const png = join(dir, 'plotted.png');
    const r = python([scriptPath, path, '--save-plot', png], { PYTHONPATH: stub });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`figure: ${png}`);
    expect(JSON.parse(readFileSync(png, 'utf8'))).toEqual([
      { label: 'bptt seed 1 (run file)', points: 4 },
      { label: 'bptt seed 1 (numpy replay)', points: 4 },
      { label: 'rflo seed 1 (run file)', points: 4 },
      { label: 'rflo seed 1 (numpy replay)', points: 4 },
    ]);
    // without matplotlib the replay still runs and says there is no figure
    const plain = python([scriptPath, path]);
    if (!/figure:/.test(plain.stdout))
      expect(plain.stdout).toContain('matplotlib is not installed: no figure');
  });
});
