// The built app loads from a sub-folder with no console errors, and its four charts render.
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  baseUrl,
  byTestId,
  CHARTS,
  expectClean,
  labState,
  openApp,
  waitForCharts,
  waitForShownStep,
  waitForStatus,
} from './app';
import { defaultParams } from '../../src/state/params';
import { resolveParams } from '../../src/state/resolve';
import { launch, requests, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the built app loads from a sub-folder with no console errors and draws the four charts', async () => {
  const page = await session.newPage();
  await openApp(page);
  expect(page.url().startsWith(baseUrl())).toBe(true);
  await waitForCharts(page);
  for (const chart of CHARTS) {
    await expect(
      page.locator(`[data-testid="${chart}-chart"] .main-svg`).count(),
      `${chart}-chart`,
    ).resolves.toBeGreaterThan(0);
    const box = await byTestId(page, `${chart}-chart`).boundingBox();
    expect(box, `${chart}-chart is laid out`).not.toBeNull();
    expect(box!.width, `${chart}-chart width`).toBeGreaterThan(100);
    expect(box!.height, `${chart}-chart height`).toBeGreaterThan(100);
  }
  await byTestId(page, 'summary-table').waitFor({ state: 'visible' });
  const state = await labState(page);
  expect(state.step).toBe(0);
  expect(state.status).toBe('idle');
  // a plain link means the parameter table's defaults
  expect(state.params).toEqual(resolveParams({}).params);
  expect(state.runs.map((r) => r.rule)).toEqual(defaultParams().rules);
  // no URL notices for a plain link
  await expect(byTestId(page, 'notice-list').count()).resolves.toBe(0);
  expect(await page.title()).not.toBe('');

  // a static site: everything it loads comes from where it is served (or data:/blob: URLs)
  const origin = new URL(baseUrl()).origin;
  const foreign = requests(page).filter((url) => !url.startsWith(origin + '/') && !/^(data|blob):/.test(url));
  expect(foreign, 'requests to other hosts').toEqual([]);
  // the default view after training a little, for people to look at
  await byTestId(page, 'play-button').click();
  await waitForShownStep(page, (s) => s >= 300, 60_000);
  await byTestId(page, 'play-button').click();
  await waitForStatus(page, 'paused');
  await screenshot(page, 'default-1280x720-after-running');
  expectClean(page);
  await page.close();
});

test('no chart offers to upload itself to a third party (Plotly\'s "Share chart…" button)', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  await waitForCharts(page);
  // Plotly 4 adds a "Share chart…" modebar button (showSendToCloud) that sends the figure to cloud.plotly.com
  const shareButtons = await page
    .locator(
      '[data-testid$="-chart"] .modebar [aria-label^="Share chart" i], [data-testid$="-chart"] .modebar [data-title^="Share chart" i]',
    )
    .count();
  expect(
    shareButtons,
    'Plotly "Share chart…" (upload to cloud.plotly.com) buttons in the charts\' toolbars',
  ).toBe(0);
  expectClean(page);
  await page.close();
});
