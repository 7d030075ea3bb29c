// Every preset (and the default page) runs to its last step in the browser: the workers split long runs, the
// charts keep redrawing, nothing throws, and the progress bar appears for the long one.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PRESETS } from '../../src/state/presets';
import { byTestId, expectClean, labState, openApp, waitForCharts, waitForStatus } from './app';
import { launch, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const cases = [{ id: 'default', query: '' }, ...PRESETS.map((p) => ({ id: p.id, query: p.query }))];

test.each(cases)(
  '$id runs to the end with no page error',
  async ({ id, query }) => {
    const page = await session.newPage();
    await openApp(page, query);
    await waitForCharts(page);
    const { params } = await labState(page);
    await byTestId(page, 'run-to-end-button').click();
    if (id === 'rank-of-changes') {
      // 20 seeds × 4 rules: long enough for a progress bar with the time left
      await expect
        .poll(() => byTestId(page, 'progress-text').textContent(), { timeout: 30_000 })
        .toMatch(/% · /);
    }
    const done = await waitForStatus(page, 'finished', 240_000);
    expect(done.step).toBe(params.steps);
    expect(done.losses.every((l) => l === null || Number.isFinite(l))).toBe(true);
    expect(await byTestId(page, 'progress').count()).toBe(0);
    expectClean(page);
    await page.close();
  },
  300_000,
);
