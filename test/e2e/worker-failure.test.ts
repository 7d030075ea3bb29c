// A training worker that fails while training: closed (as the browser does when it runs out of memory) or hit by
// an uncaught error. The status line says "The simulation stopped: …", training stops, and Reset or a preset works
// again on a fresh worker without a reload. And the link that used to run the engine out of memory now fits. The failures are caused through Playwright's handle on the worker
// (no test hook in the app). Imports playwright-core types via ./app, ./browser.
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PRESETS } from '../../src/state/presets';
import {
  byTestId,
  expectClean,
  labState,
  openApp,
  playButtonSays,
  waitForCharts,
  waitForShownStep,
  waitForStatus,
} from './app';
import { launch, problems, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const statusLine = async (page: Page) => ((await byTestId(page, 'status-line').textContent()) ?? '').trim();

/** The page's training workers once there are `count` of them (a replaced one leaves and a fresh one comes). */
async function trainingWorkers(page: Page, count: number): Promise<Worker[]> {
  await expect.poll(() => page.workers().length, { timeout: 30_000 }).toBe(count);
  return page.workers();
}

/** Plays and waits until training is visibly under way. */
async function playing(page: Page): Promise<void> {
  await byTestId(page, 'play-button').click();
  await waitForStatus(page, 'running', 20_000);
  const from = (await labState(page)).step;
  await waitForShownStep(page, (s) => s > from);
}

test('a worker that is closed or throws stops the run with the reason; Reset and a preset work again', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=1000000');
  await waitForCharts(page);
  const workers = (await trainingWorkers(page, page.workers().length)).length;
  expect(workers).toBeGreaterThanOrEqual(1);

  // 1. closed mid-run: no event reaches the page; its lifeline lock tells
  await playing(page);
  for (const w of page.workers())
    await w.evaluate(() => void setTimeout(() => (self as unknown as { close(): void }).close(), 0));
  await expect
    .poll(() => statusLine(page), { timeout: 30_000 })
    .toMatch(/^The simulation stopped: the training worker ended unexpectedly/);
  expect((await labState(page)).status).toBe('paused');
  expect(await playButtonSays(page)).toBe('Play');
  await screenshot(page, 'worker-failure-closed');

  // Reset works on the fresh workers: back to step 0, and a step trains
  await trainingWorkers(page, workers);
  await byTestId(page, 'reset-button').click();
  await expect.poll(() => statusLine(page)).toMatch(/^Ready/);
  expect((await labState(page)).step).toBe(0);
  await byTestId(page, 'step-button').click();
  await waitForShownStep(page, (s) => s === 1);
  await expect.poll(() => statusLine(page)).toBe('Stepped to step 1.');

  // 2. an uncaught error while training: reported, and training does not go on behind the message
  await playing(page);
  for (const w of await trainingWorkers(page, workers))
    await w.evaluate(
      () =>
        void setTimeout(() => {
          throw new Error('injected for the test');
        }, 0),
    );
  await expect
    .poll(() => statusLine(page), { timeout: 30_000 })
    .toMatch(/^The simulation stopped: the training worker crashed \(.*injected for the test\)/);
  expect(await statusLine(page)).not.toMatch(/Running/);
  expect((await labState(page)).status).toBe('paused');

  // a preset works on the fresh workers
  await trainingWorkers(page, workers);
  const preset = PRESETS[0];
  await byTestId(page, 'presets-menu').selectOption(preset.id);
  await expect.poll(async () => (await labState(page)).step).toBe(0);
  await playing(page);
  await byTestId(page, 'play-button').click();
  await waitForStatus(page, 'paused');

  // the only problems the page logged are the injected error itself
  expect(problems(page).filter((p) => !/injected for the test/.test(p))).toEqual([]);
  await page.close();
});

test('the link that ran the engine out of memory on Step is made smaller with a notice, and Step trains', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&rules=bptt,tbptt&gradient=sampled&loss=sequence&T=200&batch=256&n=32');
  const notice = ((await byTestId(page, 'notice-list').textContent()) ?? '').trim();
  expect(notice).toMatch(
    /batch: 256 sequences per step need [\d.]+ GB at this size \(budget 1 GB\); using \d+/,
  );
  expect((await labState(page)).params).toMatchObject({ T: 200, loss: 'sequence' });
  await byTestId(page, 'step-button').click();
  await waitForShownStep(page, (s) => s === 1, 120_000);
  await expect.poll(() => statusLine(page), { timeout: 60_000 }).toBe('Stepped to step 1.');
  expectClean(page);
  await page.close();
});
