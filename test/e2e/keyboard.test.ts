// Keyboard shortcuts: space plays/pauses, → and n step once, r resets, ? opens the shortcuts dialog; none of them
// fire while typing in a text field.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  byTestId,
  expectClean,
  focusPage,
  labState,
  openApp,
  playButtonSays,
  shownStep,
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

const QUERY = '?v=1&steps=20000';

/** Waits until training is not moving and the counter agrees with the store; returns the step. */
async function settledStep(page: Page): Promise<number> {
  await expect.poll(async () => (await shownStep(page)) === (await labState(page)).step).toBe(true);
  return shownStep(page);
}

test('space toggles play and pause; → and n step once; r resets to step 0', async () => {
  const page = await session.newPage();
  await openApp(page, QUERY);
  await focusPage(page);

  await page.keyboard.press('Space');
  await waitForStatus(page, 'running', 10_000);
  expect(await playButtonSays(page)).toBe('Pause');
  await waitForShownStep(page, (s) => s > 0);
  await page.keyboard.press('Space');
  await waitForStatus(page, 'paused', 10_000);
  expect(await playButtonSays(page)).toBe('Play');
  const afterPlay = await settledStep(page);
  expect(afterPlay).toBeGreaterThan(0);

  // one click of the step button is "one step"; the keys must do exactly the same
  await byTestId(page, 'step-button').click();
  const afterButton = await waitForShownStep(page, (s) => s > afterPlay);
  const oneStep = afterButton - afterPlay;
  expect(oneStep).toBeGreaterThanOrEqual(1);
  expect(await settledStep(page)).toBe(afterButton);
  await focusPage(page);

  await page.keyboard.press('ArrowRight');
  await waitForShownStep(page, (s) => s > afterButton);
  expect(await settledStep(page)).toBe(afterButton + oneStep);
  await page.keyboard.press('n');
  await waitForShownStep(page, (s) => s > afterButton + oneStep);
  expect(await settledStep(page)).toBe(afterButton + 2 * oneStep);
  expect((await labState(page)).status).not.toBe('running');

  await page.keyboard.press('r');
  await waitForShownStep(page, (s) => s === 0);
  const reset = await labState(page);
  expect(reset.step).toBe(0);
  expect(reset.status).toBe('idle');
  expectClean(page);
  await page.close();
});

test('space after clicking Play pauses (the focused button and the shortcut toggle once, not twice)', async () => {
  const page = await session.newPage();
  await openApp(page, QUERY);
  await byTestId(page, 'play-button').click();
  await waitForStatus(page, 'running', 10_000);
  await waitForShownStep(page, (s) => s > 0);
  await page.keyboard.press('Space');
  await waitForStatus(page, 'paused', 10_000);
  const step = await settledStep(page);
  await page.waitForTimeout(500);
  expect((await labState(page)).status).toBe('paused');
  expect(await shownStep(page)).toBe(step);
  expectClean(page);
  await page.close();
});

test('? opens the shortcuts dialog and Escape closes it', async () => {
  const page = await session.newPage();
  await openApp(page, QUERY);
  await focusPage(page);
  await expect(byTestId(page, 'shortcuts-dialog').isVisible()).resolves.toBe(false);
  await page.keyboard.press('?');
  await byTestId(page, 'shortcuts-dialog').waitFor({ state: 'visible', timeout: 5_000 });
  const text = (await byTestId(page, 'shortcuts-dialog').textContent()) ?? '';
  expect(text.toLowerCase()).toMatch(/space/);
  await page.keyboard.press('Escape');
  await byTestId(page, 'shortcuts-dialog').waitFor({ state: 'hidden', timeout: 5_000 });
  expectClean(page);
  await page.close();
});

test('shortcut keys are ignored while typing in a text field', async () => {
  const page = await session.newPage();
  await openApp(page, QUERY);
  // step once first, so that a stray r (reset), n (step) or space (play) would show
  await byTestId(page, 'step-button').click();
  const step = await waitForShownStep(page, (s) => s > 0);
  expect(await settledStep(page)).toBe(step);
  const status = (await labState(page)).status;
  // the first visible text-like parameter field (list values such as aStar are typed as text)
  const field = page
    .locator(
      '[data-testid^="param-"]:is(input[type="text"], input:not([type]), input[type="search"], textarea):visible',
    )
    .first();
  await expect(field.count(), 'a parameter control that is a text field').resolves.toBe(1);
  await field.click();
  await field.press('End');
  const before = await field.inputValue();
  await page.keyboard.type(' nr?');
  await page.keyboard.press('ArrowRight');
  // the keys went into the field…
  expect(await field.inputValue()).toBe(`${before} nr?`);
  // …and did not play, step, reset or open the dialog
  await page.waitForTimeout(500);
  const state = await labState(page);
  expect(state.status).toBe(status);
  expect(state.step).toBe(step);
  expect(await shownStep(page)).toBe(step);
  await expect(byTestId(page, 'shortcuts-dialog').isVisible()).resolves.toBe(false);
  expectClean(page);
  await page.close();
});

test('Enter commits a field and gives the keys back: the field shows the value in use, Space plays', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=3000');
  // 3 modes do not fit n = 4, i = o = 2: the control shows the 2 in use, and its note says why
  const modes = byTestId(page, 'param-modes');
  await modes.fill('3');
  await modes.press('Enter');
  await expect.poll(() => modes.inputValue()).toBe('2');
  await expect(byTestId(page, 'param-note-modes').first().textContent()).resolves.toMatch(/modes: 3 > /);
  expect(await modes.evaluate((el) => el === document.activeElement)).toBe(false);
  // Space now plays (it would have typed a space into the field)
  await page.keyboard.press('Space');
  await waitForStatus(page, 'running');
  // a change while playing restarts from step 0 and keeps playing
  const lr = byTestId(page, 'param-lr');
  await lr.fill('0.04');
  await lr.press('Enter');
  await expect.poll(async () => (await labState(page)).params.lr).toBe(0.04);
  await waitForStatus(page, 'running');
  expectClean(page);
  await page.close();
});
