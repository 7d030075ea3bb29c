// `npm run bench:browser`: every preset's "Run to end" in headless Chromium, timed in the page, with the main
// thread's long tasks (> 50 ms). Builds the app, serves it, drives it with playwright-core. Not part of npm test
// (timing is measured, never asserted). Imports ./browser/* and playwright-core.
//   npm run bench:browser [-- --preset id[,id…]] [--query "<link query>"] [--repeat N] [--dist folder]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { PRESETS } from '../state/presets';
import { buildApp } from './browser/build-app';
import { CHROMIUM_ARGS, ensureChromium, systemDeps } from './browser/chromium';
import { startStaticServer } from './browser/static-server';

interface Case {
  name: string;
  query: string;
}

interface Result {
  seconds: number;
  steps: number;
  longTasks: number;
  longestMs: number;
}

function parseArgs(argv: string[]): { cases: Case[]; repeat: number; dist: string | null } {
  let cases: Case[] = [
    { name: 'default (no query)', query: '' },
    ...PRESETS.map((p) => ({ name: `${p.scenario} ${p.id}`, query: p.query })),
  ];
  let repeat = 1;
  let dist: string | null = null;
  for (let k = 0; k < argv.length; k++) {
    const [flag, value] = [argv[k], argv[k + 1]];
    if (value === undefined) throw new Error(`bench:browser: ${flag} needs a value`);
    if (flag === '--preset') {
      const ids = value.split(',');
      const unknown = ids.filter((id) => !PRESETS.some((p) => p.id === id));
      if (unknown.length)
        throw new Error(
          `bench:browser: no preset ${unknown.join(', ')} (one of ${PRESETS.map((p) => p.id).join(', ')})`,
        );
      cases = PRESETS.filter((p) => ids.includes(p.id)).map((p) => ({
        name: `${p.scenario} ${p.id}`,
        query: p.query,
      }));
    } else if (flag === '--query')
      cases = [{ name: 'query', query: value.startsWith('?') ? value : `?${value}` }];
    else if (flag === '--repeat') repeat = Math.max(1, Number(value) || 1);
    else if (flag === '--dist') dist = value;
    else throw new Error(`bench:browser: unknown flag ${flag} (--preset, --query, --repeat, --dist)`);
    k++;
  }
  return { cases, repeat, dist };
}

/** How long the bench waits on the loaded page before clicking "Run to end", like a user reading it. */
const READ_PAGE_MS = 3000;

/** Collects long tasks from the first script on (buffered), for the page to report. */
const LONG_TASK_PROBE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });`;

async function runToEnd(page: Page, url: string): Promise<Result> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () => {
      const b = document.querySelector<HTMLButtonElement>('[data-testid="run-to-end-button"]');
      return !!b && !b.disabled && (window as { __localityLab?: unknown }).__localityLab;
    },
    undefined,
    { timeout: 60_000 },
  );
  // as a user would: the page is read for a few seconds before the first click (the workers warm up meanwhile)
  await page.waitForTimeout(READ_PAGE_MS);
  const start = await page.evaluate(() => {
    const t0 = performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid="run-to-end-button"]')!.click();
    return t0;
  });
  type Lab = { getState(): { status: string; step: number } };
  await page.waitForFunction(
    () => (window as unknown as { __localityLab: Lab }).__localityLab.getState().status === 'finished',
    undefined,
    { timeout: 600_000, polling: 10 },
  );
  return page.evaluate((t0) => {
    const seconds = (performance.now() - t0) / 1000;
    const steps = (window as unknown as { __localityLab: Lab }).__localityLab.getState().step;
    const tasks = ((window as unknown as { __longTasks: [number, number][] }).__longTasks ?? []).filter(
      ([at]) => at >= t0,
    );
    return { seconds, steps, longTasks: tasks.length, longestMs: Math.max(0, ...tasks.map(([, d]) => d)) };
  }, start);
}

async function main(): Promise<void> {
  const { cases, repeat, dist } = parseArgs(process.argv.slice(2));
  const browserPath = ensureChromium(systemDeps(console.error)).path;
  let tempDir: string | null = null;
  let root = dist;
  if (!root) {
    tempDir = await mkdtemp(join(tmpdir(), 'locality-lab-bench-'));
    root = join(tempDir, 'dist');
    await buildApp(root, console.error);
  }
  const server = await startStaticServer({ root });
  const browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
  try {
    console.log(`Chromium (${browserPath}), app served from ${server.url}`);
    console.log('preset                          run to end   steps/s   long tasks (count, longest)');
    for (const c of cases)
      for (let r = 0; r < repeat; r++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        await context.addInitScript(LONG_TASK_PROBE);
        const page = await context.newPage();
        const res = await runToEnd(page, server.url + c.query);
        console.log(
          `${c.name.padEnd(30)} ${res.seconds.toFixed(2).padStart(8)} s ${(res.steps / res.seconds).toFixed(0).padStart(9)}   ${String(res.longTasks).padStart(3)}, ${res.longestMs.toFixed(0)} ms`,
        );
        await context.close();
      }
  } finally {
    await browser.close();
    await server.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
