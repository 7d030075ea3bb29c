// Downloads (chart PNG/SVG, run file, CSV, Python script) and loading a run file back: its charts show without
// retraining, and a file that is not a run says so. The checksum beside Copy link is the run file's and the CLI's.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  byTestId,
  CHARTS,
  expectClean,
  labState,
  openApp,
  runToEnd,
  tracePoints,
  waitForCharts,
} from './app';
import { artifactPath, launch, screenshot, type Session } from './browser';
import { REPLAY_SCRIPT, REPLAY_SCRIPT_NAME } from '../../src/engine/python-script';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

/** Clicks a button that downloads, saves the file into test-artifacts/ and returns its name and path. */
async function download(page: Page, testId: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    byTestId(page, testId).click(),
  ]);
  const name = file.suggestedFilename();
  expect(await file.failure(), `download from ${testId}`).toBeNull();
  const path = artifactPath(`download-${name}`);
  await file.saveAs(path);
  return { name, path };
}

let runFilePath = '';
let pngPath = '';
let trained: Awaited<ReturnType<typeof labState>>;

test('chart PNG and SVG, run file and CSV downloads', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  trained = await runToEnd(page, 200);
  await waitForCharts(page);

  const png = await download(page, 'chart-png-loss');
  expect(png.name).toMatch(/\.png$/);
  const pngBytes = await readFile(png.path);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(pngBytes.length).toBeGreaterThan(2000);
  pngPath = png.path;

  const svg = await download(page, 'chart-svg-loss');
  expect(svg.name).toMatch(/\.svg$/);
  expect(await readFile(svg.path, 'utf8')).toMatch(/<svg[\s>]/);

  const run = await download(page, 'download-run-button');
  expect(run.name).toMatch(/\.json$/);
  const file = JSON.parse(await readFile(run.path, 'utf8'));
  expect(file.format).toBe('locality-lab-run');
  expect(file.version).toBe(1);
  // the .wasm binaries loaded from the sub-folder: the engine did not fall back to the cpu backend
  expect(file.backend).toBe('wasm');
  expect(file.params).toEqual(trained.params);
  expect(file.runs.map((r: { rule: string; seed: number }) => ({ rule: r.rule, seed: r.seed }))).toEqual(
    trained.runs,
  );
  for (const r of file.runs) expect(r.history.step.at(-1)).toBe(200);
  runFilePath = run.path;
  // the checksum beside Copy link is the file's, and the CLI's for the same link (both wasm)
  expect(file.checksum).toMatch(/^[0-9a-f]{12}$/);
  await expect.poll(() => byTestId(page, 'run-checksum').textContent()).toBe(file.checksum);
  expect((await labState(page)).checksum).toBe(file.checksum);
  await byTestId(page, 'run-checksum').scrollIntoViewIfNeeded();
  await screenshot(page, 'run-checksum');
  const cliOut = artifactPath('cli-same-link.json');
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/simulate.ts', '--query', 'v=1&steps=200', '--out', cliOut],
    { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8' },
  );
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain(`checksum: ${file.checksum} `);

  const csv = await download(page, 'download-csv-button');
  expect(csv.name).toMatch(/\.csv$/);
  const lines = (await readFile(csv.path, 'utf8')).trim().split(/\r?\n/);
  expect(lines.length).toBeGreaterThan(2);
  expect(lines[0].toLowerCase()).toContain('loss');
  const script = await download(page, 'download-script-button');
  expect(script.name).toBe(REPLAY_SCRIPT_NAME);
  expect(await readFile(script.path, 'utf8')).toBe(REPLAY_SCRIPT);
  // the browser's run replayed in numpy (where python3 with numpy is there)
  if (spawnSync('python3', ['-c', 'import numpy']).status === 0) {
    const replay = spawnSync('python3', [script.path, run.path, '--no-plot'], { encoding: 'utf8' });
    expect(replay.status, replay.stderr).toBe(0);
    const diffs = [...replay.stdout.matchAll(/max relative difference (\S+)/g)].map((m) => Number(m[1]));
    expect(diffs).toHaveLength(file.runs.length);
    for (const d of diffs) expect(d, replay.stdout).toBeLessThan(1e-4);
  } else console.warn('python3 with numpy is missing: the downloaded script was not run');
  await screenshot(page, 'python-script-button');
  expectClean(page);
  await page.close();
});

test('a downloaded run file loads back: charts without retraining', async () => {
  expect(runFilePath, 'the download test saved a run file').not.toBe('');
  const page = await session.newPage();
  // different parameters on screen, so the loaded file has to replace them
  await openApp(page, '?v=1&steps=500&lr=0.02');
  await byTestId(page, 'load-run-input').setInputFiles(runFilePath);
  await expect.poll(async () => (await labState(page)).step, { timeout: 20_000 }).toBe(200);
  const loaded = await labState(page);
  expect(loaded.params).toEqual(trained.params);
  expect(loaded.runs).toEqual(trained.runs);
  expect(loaded.losses).toEqual(trained.losses);
  expect(loaded.status).not.toBe('running');
  await waitForCharts(page);
  for (const chart of CHARTS)
    await expect(page.locator(`[data-testid="${chart}-chart"] .main-svg`).count()).resolves.toBeGreaterThan(
      0,
    );
  // the history is drawn: 200 steps reported every 10 → about 20 points
  await expect.poll(() => tracePoints(page, 'loss')).toBeGreaterThanOrEqual(20);
  await expect(byTestId(page, 'run-file-error').count()).resolves.toBe(0);
  // nothing trains afterwards
  await page.waitForTimeout(500);
  expect((await labState(page)).step).toBe(200);
  expect((await labState(page)).status).not.toBe('running');
  await screenshot(page, 'loaded-run-file');
  expectClean(page);
  await page.close();
});

test('a file that is not a run file shows a clear run-file-error', async () => {
  expect(pngPath, 'the download test saved a PNG').not.toBe('');
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  const before = await labState(page);

  // a picture is not JSON
  await byTestId(page, 'load-run-input').setInputFiles(pngPath);
  const error = byTestId(page, 'run-file-error');
  await error.waitFor({ state: 'visible', timeout: 10_000 });
  expect(((await error.textContent()) ?? '').toLowerCase()).toMatch(/json/);

  // JSON, but not a run file
  const notRun = artifactPath('not-a-run.json');
  await writeFile(notRun, JSON.stringify({ hello: 'world' }));
  await byTestId(page, 'load-run-input').setInputFiles(notRun);
  await expect
    .poll(async () => ((await error.textContent()) ?? '').toLowerCase(), { timeout: 10_000 })
    .toMatch(/not a run file/);
  // the app is unchanged and still trains
  const after = await labState(page);
  expect(after.params).toEqual(before.params);
  await error.scrollIntoViewIfNeeded();
  await screenshot(page, 'run-file-error');
  expectClean(page);
  await page.close();
});
