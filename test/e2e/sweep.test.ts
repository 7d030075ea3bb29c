// The sweep view in the built app: a 16×16 sweep trains in its worker and draws one phase diagram per rule;
// clicking a cell opens that run's link, which trains to the same final loss.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { byTestId, expectClean, labState, openApp, runToEnd } from './app';
import { launch, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('a 16×16 sweep renders per rule; a click opens the cell’s run with the same final loss', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=100');
  await page.locator('.sweep-panel summary').click();
  // the default grid: lr 0.005 … 0.1 × â −1 … 1, 16 × 16, BPTT, tBPTT and RFLO
  await expect.poll(() => byTestId(page, 'sweep-run').isEnabled()).toBe(true);
  await byTestId(page, 'sweep-run').click();
  // a busy 2-core machine: allow minutes (it takes seconds on a free one)
  await expect.poll(() => byTestId(page, 'sweep-cell').count(), { timeout: 400_000 }).toBe(3 * 256);
  for (const rule of ['bptt', 'tbptt', 'rflo'])
    expect(await byTestId(page, `phase-map-${rule}`).locator('[data-testid="sweep-cell"]').count()).toBe(256);
  // the diagram shows more than one outcome, and RFLO's branch line â·a₀ = 0 (the grid crosses â = 0)
  const outcomes = await byTestId(page, 'sweep-cell').evaluateAll((els) =>
    els.map((el) => el.getAttribute('data-outcome')),
  );
  expect(new Set(outcomes).size).toBeGreaterThan(1);
  // the theory's lines come from their own worker, after the cells: RFLO's branch line on RFLO's map, and where
  // BPTT's and tBPTT's saddle escape takes the run's 100 steps on theirs, each named in the legend
  const lines = (rule: string, kind: string) =>
    byTestId(page, `phase-map-${rule}`).locator(`[data-testid="boundary-${kind}"]`).count();
  await expect.poll(() => lines('rflo', 'branch'), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await lines('bptt', 'escape')).toBe(1);
  expect(await lines('tbptt', 'escape')).toBe(1);
  expect(await lines('bptt', 'branch')).toBe(0);
  expect(await byTestId(page, 'sweep-legend').textContent()).toContain(
    'end of the saddle plateau (BPTT, tBPTT (one-step))',
  );

  // an RFLO cell: the 6th lr (i = 5), aHat = −1 (j = 0) → cell 5·16 + 0
  const cell = byTestId(page, 'phase-map-rflo').locator('[data-testid="sweep-cell"][data-cell="80"]');
  const finalLoss = Number(await cell.getAttribute('data-final-loss'));
  expect(finalLoss).toBeGreaterThan(0);
  const href = await cell.evaluate((el) => el.closest('a')!.getAttribute('href'));
  expect(href).toMatch(/[?&]lr=0\.03666/);
  expect(href).toMatch(/[?&]aHat=-1(&|$)/);
  await cell.click();
  await page.waitForURL((url) => url.search === href);
  await openApp(page, page.url());
  const state = await runToEnd(page, 100);
  const k = state.runs.findIndex((r) => r.rule === 'rflo');
  const loss = state.losses[k] as number;
  // the sweep trained 768 runs with the chain plan, this page 3 with the doubling plan: they agree to float32
  // rounding of the impulse responses, 1e-8 of the initial loss (≈ 1), which is most of a 1e-7 loss near its end
  expect(Math.abs(loss - finalLoss), `${loss} vs ${finalLoss}`).toBeLessThan(1e-8);
  expect(Math.abs(loss - finalLoss) / finalLoss).toBeLessThan(1e-3);
  expect((await labState(page)).params.aHat).toEqual([-1, -1]);
  expectClean(page);
  await page.close();
}, 600_000);
