// The credit-assignment microscope in the built app, on presets 1 (saddle plateau) and 3 (RFLO's detour): it
// traces the finished network, ←/→ step through the trial (not the training), a click on W picks the synapse, and
// every rule's Σ_t equals its ΔW_ij. Screenshots of the panel on both presets go to test-artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { presetById } from '../../src/state/presets';
import { byTestId, expectClean, labState, openApp, runToEnd } from './app';
import { artifactPath, launch, PHONE, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch({ viewport: { width: 1280, height: 1400 } });
});
afterAll(async () => {
  await session?.close();
});

const RULES = ['bptt', 'tbptt', 'rflo', 'eprop'];
const text = async (page: Page, id: string) => ((await byTestId(page, id).textContent()) ?? '').trim();

async function inspect(page: Page, presetId: string, steps: number): Promise<void> {
  const preset = presetById(presetId);
  expect(preset, presetId).toBeDefined();
  await openApp(page, preset!.query);
  await runToEnd(page, steps);
  await byTestId(page, 'microscope-toggle').click();
  await expect.poll(() => text(page, 'microscope-status')).toMatch(new RegExp(`at step ${steps}, trial 0`));
  const T = Number((await labState(page)).params.T);
  expect(await text(page, 'microscope-t')).toBe(`t = ${T} / ${T}`);
  // ←/→ inside the panel move through the trial and do not train
  await byTestId(page, 'microscope-eps').click();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  expect(await text(page, 'microscope-t')).toBe(`t = ${T - 2} / ${T}`);
  await page.keyboard.press('ArrowRight');
  expect(await text(page, 'microscope-t')).toBe(`t = ${T - 1} / ${T}`);
  expect((await labState(page)).step).toBe(steps);
  // pick W_1,1 (a self-connection) on the heat map
  await page.locator('[data-testid="microscope-w"] rect[data-cell="0,0"]').click();
  await expect.poll(() => text(page, 'microscope-status')).toMatch(/synapse W₁,₁\.$/);
  for (const rule of RULES) {
    const sum = await text(page, `microscope-sum-${rule}`);
    expect(sum, rule).toBe(await text(page, `microscope-dw-${rule}`));
  }
  expect(await text(page, 'microscope-rank-rflo')).toBe('rank 1 (effective 1.00)');
  await byTestId(page, 'microscope').scrollIntoViewIfNeeded();
  // the panel alone: what the closing note describes
  await byTestId(page, 'microscope').screenshot({ path: artifactPath(`microscope-${presetId}.png`) });
  expectClean(page);
}

test('preset 1: the microscope traces the finished network; keys, synapse picker, sums', async () => {
  const page = await session.newPage();
  await inspect(page, 'saddle-plateau', 3000);
  await page.close();
});

test('preset 3: the same on RFLO’s detour', async () => {
  const page = await session.newPage();
  await inspect(page, 'rflo-detour', 1500);
  await page.close();
});

test('on a phone the open microscope fits the width (its drawings shrink)', async () => {
  const phone = await launch({ viewport: PHONE });
  try {
    const page = await phone.newPage();
    await openApp(page, '?v=1&task=random&n=12&T=30&truncation=3&steps=20');
    await runToEnd(page, 20);
    await byTestId(page, 'microscope-toggle').click();
    await expect.poll(() => text(page, 'microscope-status')).toMatch(/at step 20, trial 0/);
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(width.scroll).toBeLessThanOrEqual(width.inner + 1);
    expectClean(page);
  } finally {
    await phone.close();
  }
});
