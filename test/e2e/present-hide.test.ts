// present=1 (projector mode: larger type) and hide=lr,seed (controls removed for a lesson) take effect and
// survive in the copied link.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, byTestId, copyLink, expectClean, openApp, waitForCharts } from './app';
import { launch, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

/** Whether body or an ancestor of the app's controls (the app root) has class "present". */
function inPresentMode(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    if (document.body.classList.contains('present')) return true;
    const counter = document.querySelector('[data-testid="step-counter"]');
    return !!counter?.closest('.present');
  });
}

/** Computed font sizes (px) of a few fixed parts of the page. */
function fontSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const id of ['step-counter', 'play-button']) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (el) out[id] = parseFloat(getComputedStyle(el).fontSize);
    }
    return out;
  });
}

async function expectPresentAndHidden(page: Page): Promise<void> {
  expect(await inPresentMode(page), 'class "present" on body or the app root').toBe(true);
  await expect(byTestId(page, 'param-lr').count()).resolves.toBe(0);
  await expect(byTestId(page, 'param-seed').count()).resolves.toBe(0);
  // the other controls are still there
  await expect(byTestId(page, 'param-steps').count()).resolves.toBe(1);
  await expect(byTestId(page, 'param-T').count()).resolves.toBe(1);
}

test('present=1 enlarges the page, hide=lr,seed removes those controls, and both survive in the copied link', async () => {
  const plain = await session.newPage();
  await openApp(plain, '?v=1&steps=200');
  expect(await inPresentMode(plain)).toBe(false);
  await expect(byTestId(plain, 'param-lr').count()).resolves.toBe(1);
  await expect(byTestId(plain, 'param-seed').count()).resolves.toBe(1);
  const plainSizes = await fontSizes(plain);
  expect(Object.keys(plainSizes)).toEqual(['step-counter', 'play-button']);
  expectClean(plain);
  await plain.close();

  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200&hide=lr,seed&present=1');
  await waitForCharts(page);
  await expectPresentAndHidden(page);
  const sizes = await fontSizes(page);
  for (const [id, size] of Object.entries(plainSizes))
    expect(sizes[id], `font size of ${id}`).toBeGreaterThan(size);
  await screenshot(page, 'present-mode-1280x720');

  const link = await copyLink(page);
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe(baseUrl());
  expect(url.searchParams.get('present')).toBe('1');
  expect((url.searchParams.get('hide') ?? '').split(',').sort()).toEqual(['lr', 'seed']);
  expect(url.searchParams.get('steps')).toBe('200');

  const again = await session.newPage();
  await openApp(again, link);
  await expectPresentAndHidden(again);
  expectClean(page);
  expectClean(again);
  await page.close();
  await again.close();
});
