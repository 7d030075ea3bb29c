// Accessibility by axe-core (the rules of WCAG 2.x A/AA and best practice): no serious or critical violation on
// every screen a user reaches: the dashboard after a run with all six charts, projector mode, a phone, the
// About panel, the share dialog, a preset's guide, the sweep view with its phase diagrams, and the pinned runs
// with their dialog.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { byTestId, expectClean, openApp, runToEnd, waitForCharts } from './app';
import { launch, type Session } from './browser';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeSummary {
  passes: number;
  violations: { id: string; impact: string | null; help: string; nodes: string[] }[];
}

/** Runs axe on the page as it is now (injected through the debugger protocol: the page's CSP allows no inline script). */
async function audit(page: Page): Promise<AxeSummary> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    };
    const axe = (
      window as unknown as { axe: { run(): Promise<{ passes: unknown[]; violations: Result[] }> } }
    ).axe;
    const r = await axe.run();
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
    };
  });
}

async function expectNoSeriousViolation(page: Page, where: string): Promise<void> {
  const { passes, violations } = await audit(page);
  // axe ran its checks (a page it could not read would pass nothing; the smallest screen here passes ~17)
  expect(passes, `axe checks that passed on ${where}`).toBeGreaterThan(10);
  const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.log(`e2e: axe (minor) on ${where}: ${minor.map((v) => v.id).join(', ')}`);
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    `serious or critical axe violations on ${where}`,
  ).toEqual([]);
}

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the dashboard with all six charts after a run, and projector mode', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200&view=loss,modes,agreement,rank,stability,phase');
  await waitForCharts(page);
  await runToEnd(page, 200);
  await expectNoSeriousViolation(page, 'the dashboard');
  await openApp(page, '?v=1&steps=200&present=1');
  await waitForCharts(page);
  await expectNoSeriousViolation(page, 'projector mode');
  expectClean(page);
  await page.close();
});

test('a phone, the About panel, the share dialog and a preset’s guide', async () => {
  const phone = await session.newPage({ width: 390, height: 844 });
  await openApp(phone, '?v=1&steps=200');
  await waitForCharts(phone);
  await expectNoSeriousViolation(phone, 'a phone');
  await phone.close();
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  await waitForCharts(page);
  await byTestId(page, 'about-button').click();
  // the panel's text loads with its own chunk: audit it once it is there, not the empty frame
  await byTestId(page, 'about-panel').waitFor({ state: 'visible' });
  await expect
    .poll(async () => ((await byTestId(page, 'about-panel').textContent()) ?? '').length, { timeout: 10_000 })
    .toBeGreaterThan(200);
  await expectNoSeriousViolation(page, 'the About panel');
  await page.keyboard.press('Escape');
  await byTestId(page, 'share-button').click();
  await byTestId(page, 'share-link').waitFor({ state: 'visible' });
  await expectNoSeriousViolation(page, 'the share dialog');
  await page.keyboard.press('Escape');
  await byTestId(page, 'presets-menu').selectOption('rflo-detour');
  await byTestId(page, 'guide-button').click();
  await byTestId(page, 'guide-panel').waitFor({ state: 'visible' });
  await expectNoSeriousViolation(page, 'a preset’s guide');
  expectClean(page);
  await page.close();
});

test('the sweep view with its phase diagrams', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=50');
  await page.locator('.sweep-panel summary').click();
  await expect.poll(() => byTestId(page, 'sweep-run').isEnabled()).toBe(true);
  await byTestId(page, 'sweep-run').click();
  await expect.poll(() => byTestId(page, 'sweep-cell').count(), { timeout: 400_000 }).toBeGreaterThan(0);
  await expectNoSeriousViolation(page, 'the sweep view');
  expectClean(page);
  await page.close();
});

test('pinned runs: the pins list and the compare dialog with its difference table', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=100&pin=v=1%26steps=100%26lr=0.02');
  await waitForCharts(page);
  await expect
    .poll(() => byTestId(page, 'pin-0').getAttribute('data-status'), { timeout: 60_000 })
    .toBe('ready');
  await expectNoSeriousViolation(page, 'the dashboard with a pin');
  await byTestId(page, 'compare-button').click();
  await byTestId(page, 'compare-input').fill('?v=1&steps=100&T=5');
  await byTestId(page, 'compare-table').waitFor({ state: 'visible' });
  await expectNoSeriousViolation(page, 'the compare dialog');
  expectClean(page);
  await page.close();
});
