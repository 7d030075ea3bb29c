// The rest of the UI contract: a preset sets its parameters (and the URL), About opens its panel, and a
// diverging run is stopped and marked with a visible message; when every run has, training pauses.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PRESETS } from '../../src/state/presets';
import { formatQuery, parseQuery } from '../../src/state/url';
import { byTestId, expectClean, labState, openApp, waitForCharts, waitForStatus } from './app';
import { launch, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('choosing a preset loads its parameters at step 0 and puts them in the address bar', async () => {
  const preset = PRESETS.find((p) => p.id === 'tbptt-vs-bptt');
  expect(preset, 'the tbptt-vs-bptt preset exists').toBeDefined();
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  await byTestId(page, 'step-button').click();
  await expect.poll(async () => (await labState(page)).step).toBeGreaterThan(0);

  await byTestId(page, 'presets-menu').selectOption(preset!.id);
  const expected = parseQuery(preset!.query).params;
  await expect.poll(async () => (await labState(page)).params).toEqual(expected);
  const state = await labState(page);
  expect(state.step).toBe(0);
  expect(state.runs.map((r) => r.rule)).toEqual(expected.rules);
  expect(new URL(page.url()).search).toBe(formatQuery(expected));
  await expect(byTestId(page, 'presets-menu').inputValue()).resolves.toBe(preset!.id);
  expectClean(page);
  await page.close();
});

test('About opens the about panel and Escape closes it', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  await expect(byTestId(page, 'about-panel').isVisible()).resolves.toBe(false);
  await byTestId(page, 'about-button').click();
  await byTestId(page, 'about-panel').waitFor({ state: 'visible' });
  // its text is loaded on demand
  await expect
    .poll(async () => ((await byTestId(page, 'about-panel').textContent()) ?? '').length, { timeout: 10_000 })
    .toBeGreaterThan(200);
  await screenshot(page, 'about-panel');
  await page.keyboard.press('Escape');
  await byTestId(page, 'about-panel').waitFor({ state: 'hidden' });
  expectClean(page);
  await page.close();
});

test('a learning rate far too large diverges: every run stops, training pauses and says so', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200&lr=10');
  await waitForCharts(page);
  await byTestId(page, 'run-to-end-button').click();
  // every run blows up within a few steps: paused at the first check after that, not "finished" at step 200
  const state = await waitForStatus(page, 'paused');
  expect(state.step).toBeLessThan(200);
  await expect
    .poll(async () => (await byTestId(page, 'status-line').textContent()) ?? '')
    .toMatch(/^Stopped at step \d+: every run has diverged/);
  await expect(byTestId(page, 'final-loss-bptt').textContent()).resolves.toMatch(/^diverged at step \d+$/);
  const message = byTestId(page, 'divergence-message').first();
  await message.waitFor({ state: 'visible' });
  expect(((await message.textContent()) ?? '').toLowerCase()).toMatch(/diverge/);
  // the summary gives where each rule stopped, not a blown-up final loss; the badge does not say exact
  const summary = (await byTestId(page, 'summary-table').textContent()) ?? '';
  expect(summary).toMatch(/diverged at step \d+/);
  expect(summary).not.toMatch(/e\+\d/);
  expect((await byTestId(page, 'theory-badge').textContent()) ?? '').not.toMatch(/exact/);
  await message.scrollIntoViewIfNeeded();
  await screenshot(page, 'divergence-message');
  expectClean(page);
  await page.close();
});
