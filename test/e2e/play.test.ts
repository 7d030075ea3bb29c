// Play trains (the step counter and the loss chart grow); Pause stops training at once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  byTestId,
  expectClean,
  labState,
  openApp,
  playButtonSays,
  shownStep,
  tracePoints,
  waitForCharts,
  waitForShownStep,
  waitForStatus,
} from './app';
import { launch, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('play grows the loss chart and the step counter; pause stops both', async () => {
  const page = await session.newPage();
  // many steps, so the run is still going when we pause it
  await openApp(page, '?v=1&steps=20000');
  await waitForCharts(page);
  expect(await playButtonSays(page)).toBe('Play');
  // the status line is announced to screen readers and says what is going on
  const statusLine = byTestId(page, 'status-line');
  expect(await statusLine.getAttribute('aria-live')).toMatch(/^(polite|assertive)$/);
  const idleText = ((await statusLine.textContent()) ?? '').trim();
  expect(idleText).not.toBe('');
  const step0 = await shownStep(page);
  expect(step0).toBe(0);
  const points0 = await tracePoints(page, 'loss');

  await byTestId(page, 'play-button').click();
  await expect.poll(() => playButtonSays(page)).toBe('Pause');
  await waitForStatus(page, 'running', 10_000);
  const stepA = await waitForShownStep(page, (s) => s > 0);
  // the loss chart's first trace gets more points as training goes on
  await expect
    .poll(() => tracePoints(page, 'loss'), { timeout: 20_000 })
    .toBeGreaterThan(Math.max(points0, 1));
  const pointsA = await tracePoints(page, 'loss');
  await waitForShownStep(page, (s) => s > stepA);
  await expect.poll(() => tracePoints(page, 'loss'), { timeout: 20_000 }).toBeGreaterThan(pointsA);

  await byTestId(page, 'play-button').click();
  await expect.poll(() => playButtonSays(page)).toBe('Play');
  const paused = await waitForStatus(page, 'paused', 10_000);
  await expect.poll(async () => ((await statusLine.textContent()) ?? '').trim()).not.toBe(idleText);
  // the counter may show the last chunk's snapshot a moment after the click; then it must stand still
  await expect.poll(async () => (await shownStep(page)) === (await labState(page)).step).toBe(true);
  const stepP = await shownStep(page);
  const pointsP = await tracePoints(page, 'loss');
  expect(stepP).toBeGreaterThanOrEqual(paused.step);
  // a fixed wait is the measurement here: nothing may move for a second
  await page.waitForTimeout(1000);
  expect(await shownStep(page)).toBe(stepP);
  expect((await labState(page)).step).toBe(stepP);
  expect((await labState(page)).status).toBe('paused');
  expect(await tracePoints(page, 'loss')).toBe(pointsP);
  const losses = (await labState(page)).losses;
  expect(losses.length).toBe(3);
  for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);

  expectClean(page);
  await page.close();
});
