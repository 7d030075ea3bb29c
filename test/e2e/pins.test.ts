// Pinned runs: a finished run pinned stays on the loss chart, faded, after a parameter change; the URL keeps the pin
// and a reload trains it again to the same final loss; "Compare with a link" shows the differences and pins it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { byTestId, expectClean, openApp, runToEnd, setParam, waitForCharts } from './app';
import { launch, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

interface GhostLine {
  name: string;
  rule: string;
  pin: number;
  showlegend: boolean;
  opacity: number;
  lastY: number | null;
}

/** The loss chart's pinned-run traces as Plotly holds them. */
async function lossGhosts(page: Page): Promise<GhostLine[]> {
  return page.evaluate(() => {
    const gd = document.querySelector('[data-testid="loss-chart"]') as
      | (Element & {
          data?: {
            name: string;
            y: (number | null)[];
            showlegend?: boolean;
            opacity?: number;
            meta?: { role: string; rule?: string; pin?: number };
          }[];
        })
      | null;
    return (gd?.data ?? [])
      .filter((t) => t.meta?.role === 'ghost')
      .map((t) => ({
        name: t.name,
        rule: t.meta?.rule ?? '',
        pin: t.meta?.pin ?? -1,
        showlegend: !!t.showlegend,
        opacity: t.opacity ?? 1,
        lastY: t.y[t.y.length - 1] ?? null,
      }));
  });
}

test('a pinned run stays on the loss chart after lr changes, and comes back from the URL', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  const first = await runToEnd(page, 200);
  await byTestId(page, 'pin-button').click();
  await expect.poll(() => page.url()).toContain('pin=v=1%26steps=200');
  await expect.poll(() => byTestId(page, 'pin-0').getAttribute('data-status')).toBe('ready');

  await setParam(page, 'lr', '0.05', 0.05);
  await waitForCharts(page, ['loss']);
  const expected = first.runs.map((r, k) => ({ rule: r.rule, loss: first.losses[k] }));
  const check = async () => {
    const ghosts = await lossGhosts(page);
    expect(ghosts.map((g) => ({ rule: g.rule, loss: g.lastY }))).toEqual(expected);
    expect(ghosts.filter((g) => g.showlegend).map((g) => g.name)).toEqual(['pin 1: lr 0.01']);
    for (const g of ghosts) expect(g.opacity).toBeLessThan(0.6);
  };
  await expect.poll(async () => (await lossGhosts(page)).length).toBe(expected.length);
  await check();
  await expect(byTestId(page, 'pin-0').textContent()).resolves.toContain('pin 1: lr 0.01');
  await runToEnd(page, 200);
  await screenshot(page, 'pins-ghost-after-lr-change');

  // the link holds the pin as its inputs: a reload trains it again in the pin worker, to the same final losses
  const link = page.url();
  expect(new URL(link).searchParams.getAll('pin')).toEqual(['v=1&steps=200']);
  await openApp(page, link);
  await expect
    .poll(() => byTestId(page, 'pin-0').getAttribute('data-status'), { timeout: 60_000 })
    .toBe('ready');
  await waitForCharts(page, ['loss']);
  await expect.poll(async () => (await lossGhosts(page)).length).toBe(expected.length);
  await check();
  expectClean(page);
  await page.close();
});

test('compare with a link: the differences as a table, then the run pinned', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=100');
  await byTestId(page, 'compare-button').click();
  const input = byTestId(page, 'compare-input');
  await input.fill('?v=1&steps=100&lr=abc');
  await expect(byTestId(page, 'compare-error').textContent()).resolves.toMatch(/lr: 'abc' is not a number/);
  await input.fill(`${new URL(page.url()).origin}/x/?v=1&steps=100&lr=0.02&T=5`);
  const rows = await byTestId(page, 'compare-table').locator('tbody tr').allTextContents();
  expect(rows).toEqual(['T105', 'lr0.010.02']);
  await byTestId(page, 'compare-submit').click();
  await expect
    .poll(() => new URL(page.url()).searchParams.getAll('pin'))
    .toEqual(['v=1&T=5&lr=0.02&steps=100']);
  await expect
    .poll(() => byTestId(page, 'pin-0').getAttribute('data-status'), { timeout: 60_000 })
    .toBe('ready');
  await expect.poll(async () => (await lossGhosts(page)).length).toBeGreaterThan(0);
  await byTestId(page, 'unpin-0').click();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('pin')).toEqual([]);
  await expect.poll(async () => (await lossGhosts(page)).length).toBe(0);
  expectClean(page);
  await page.close();
});
