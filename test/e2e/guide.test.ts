// A preset's guided card: Guide opens predict / look / what it means (folded until asked), and "Show me" switches the
// chart on when the link had it hidden, puts it on screen, focuses and highlights it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PRESET_GUIDES } from '../../src/state/preset-guides';
import { presetById } from '../../src/state/presets';
import { byTestId, expectClean, openApp, waitForCharts } from './app';
import { launch, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the detour preset’s guide: predict first, then "Show me" brings the hidden phase portrait forward', async () => {
  const page = await session.newPage();
  // the preset's parameters with the phase portrait left out of the view
  const query = presetById('rflo-detour')!.query.replace(/&view=[^&]*&large=[^&]*/, '&view=loss,modes');
  await openApp(page, query);
  await waitForCharts(page, ['loss', 'modes']);
  expect(await byTestId(page, 'phase-panel').count()).toBe(0);
  await byTestId(page, 'guide-button').click();
  await byTestId(page, 'guide-panel').waitFor({ state: 'visible' });
  const guide = PRESET_GUIDES['rflo-detour'];
  await expect(byTestId(page, 'guide-predict').textContent()).resolves.toBe(guide.predict);
  await expect(byTestId(page, 'guide-look').textContent()).resolves.toBe(guide.look);
  // what it means stays folded until asked for
  expect(await byTestId(page, 'guide-means').getAttribute('open')).toBeNull();
  await screenshot(page, 'guide-card');
  await byTestId(page, 'guide-show-me').click();
  await byTestId(page, 'guide-panel').waitFor({ state: 'hidden' });
  const panel = byTestId(page, 'phase-panel');
  await panel.waitFor({ state: 'visible' });
  // and the address says so (a copied link keeps it)
  await expect.poll(() => new URL(page.url()).searchParams.get('view') ?? '').toContain('phase');
  // drawn large, the one to look at
  await expect.poll(() => new URL(page.url()).searchParams.get('large')).toBe('phase');
  await expect.poll(() => panel.evaluate((el) => el.classList.contains('guide-highlight'))).toBe(true);
  await expect.poll(() => panel.evaluate((el) => el === document.activeElement)).toBe(true);
  // on screen: its top within the viewport, below the sticky bar
  await expect
    .poll(async () => {
      const box = (await panel.boundingBox())!;
      const bar = (await byTestId(page, 'step-button').boundingBox())!;
      return box.y >= bar.y && box.y < 800;
    })
    .toBe(true);
  await screenshot(page, 'guide-show-me');
  // the highlight goes away by itself
  await expect
    .poll(() => panel.evaluate((el) => el.classList.contains('guide-highlight')), { timeout: 6000 })
    .toBe(false);
  expectClean(page);
  await page.close();
});

test('custom settings have no guide', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200&lr=0.0123');
  await waitForCharts(page);
  expect(await byTestId(page, 'guide-button').count()).toBe(0);
  expectClean(page);
  await page.close();
});
