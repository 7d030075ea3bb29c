// The one-screen dashboard, by bounding boxes against the viewport: the default charts at 1280×800, projector mode
// at 1920×1080 and 1280×800 (chosen charts, no scrolling, 20 px ticks, 24 px titles), a phone (charts first, the
// bar stays on top), and the share dialog's link.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { byTestId, expectClean, openApp, waitForCharts } from './app';
import { launch, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

/** Charts whose drawing lies entirely inside the viewport, by test id. */
function chartsOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid$="-chart"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return (
          r.height > 100 &&
          r.top >= 0 &&
          r.bottom <= window.innerHeight + 1 &&
          r.right <= window.innerWidth + 1
        );
      })
      .map((el) => el.dataset.testid ?? ''),
  );
}

test('1280×800: the four default charts are all on screen', async () => {
  const page = await session.newPage({ width: 1280, height: 800 });
  await openApp(page, '?v=1&steps=200');
  await waitForCharts(page);
  await expect
    .poll(() => chartsOnScreen(page))
    .toEqual(['loss-chart', 'modes-chart', 'agreement-chart', 'rank-chart']);
  await screenshot(page, 'dashboard-1280x800');
  expectClean(page);
  await page.close();
});

for (const [w, h] of [
  [1920, 1080],
  [1280, 800],
] as const) {
  test(`projector ${w}×${h}: the chosen charts fill the screen, ticks ≥ 20 px, titles ≥ 24 px`, async () => {
    const page = await session.newPage({ width: w, height: h });
    await openApp(page, '?v=1&steps=200&present=1&view=loss,modes');
    await waitForCharts(page);
    await expect.poll(() => chartsOnScreen(page)).toEqual(['loss-chart', 'modes-chart']);
    const sizes = await page.evaluate(() => ({
      ticks: Math.min(
        ...[...document.querySelectorAll('.xtick text, .ytick text')].map((t) =>
          parseFloat(getComputedStyle(t).fontSize),
        ),
      ),
      titles: Math.min(
        ...[...document.querySelectorAll('.chart-head h2')].map((t) =>
          parseFloat(getComputedStyle(t).fontSize),
        ),
      ),
      paramsShown: !document.querySelector<HTMLElement>('#parameters')?.hidden,
    }));
    expect(sizes.ticks).toBeGreaterThanOrEqual(20);
    expect(sizes.titles).toBeGreaterThanOrEqual(24);
    expect(sizes.paramsShown).toBe(false);
    await screenshot(page, `dashboard-present-${w}x${h}`);
    expectClean(page);
    await page.close();
  });
}

test('phone 390×844: a chart on the first screen, the bar stays on top, parameters in a drawer', async () => {
  const page = await session.newPage({ width: 390, height: 844 });
  await openApp(page, '?v=1&steps=200');
  await waitForCharts(page);
  const top = await byTestId(page, 'loss-chart').evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeLessThan(844 * 0.6);
  await expect(page.locator('#parameters').isHidden()).resolves.toBe(true);
  await page.evaluate(() => window.scrollTo(0, 1500));
  const bar = await page.locator('.topbar').evaluate((el) => el.getBoundingClientRect().top);
  expect(bar).toBe(0);
  await byTestId(page, 'params-toggle').click();
  await expect(page.locator('#parameters').isVisible()).resolves.toBe(true);
  await byTestId(page, 'params-close').click();
  await expect(page.locator('#parameters').isHidden()).resolves.toBe(true);
  expectClean(page);
  await page.close();
});

test('charts menu and share dialog: view= and large= in the address, a lesson link with hidden controls', async () => {
  const page = await session.newPage({ width: 1280, height: 800 });
  await openApp(page, '?v=1&steps=200');
  await waitForCharts(page);
  await byTestId(page, 'charts-menu').click();
  await byTestId(page, 'show-chart-agreement').uncheck();
  await byTestId(page, 'large-select').selectOption('modes');
  await expect
    .poll(() => page.evaluate(() => location.search))
    .toBe('?v=1&steps=200&view=loss,modes,rank&large=modes');
  await expect(byTestId(page, 'agreement-chart').count()).resolves.toBe(0);
  await byTestId(page, 'share-button').click();
  await byTestId(page, 'share-hide-lr').check();
  await byTestId(page, 'share-present').check();
  const link = await byTestId(page, 'share-link').inputValue();
  expect(new URL(link).search).toBe('?v=1&steps=200&view=loss,modes,rank&large=modes&hide=lr&present=1');
  expectClean(page);
  await page.close();
});
