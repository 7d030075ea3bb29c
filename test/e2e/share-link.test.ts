// A copied link reproduces the run: same parameters, same loss at the same step (same backend ⇒ same numbers).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, copyLink, expectClean, labState, openApp, runToEnd, setParam } from './app';
import { launch, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('a copied link opened in a new page reproduces the same losses at the same step', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  await setParam(page, 'lr', '0.1', 0.1);
  const first = await runToEnd(page, 200);
  expect(first.params.lr).toBe(0.1);
  expect(first.losses.length).toBe(first.runs.length);
  expect(first.losses.length).toBeGreaterThan(0);
  for (const loss of first.losses) expect(Number.isFinite(loss), `loss ${loss}`).toBe(true);

  const link = await copyLink(page);
  // the link points at the same sub-folder and holds exactly the non-default inputs
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe(baseUrl());
  expect(Object.fromEntries(url.searchParams)).toEqual({ v: '1', lr: '0.1', steps: '200' });

  const again = await session.newPage();
  await openApp(again, link);
  const fresh = await labState(again);
  expect(fresh.step).toBe(0);
  expect(fresh.params).toEqual(first.params);
  const second = await runToEnd(again, 200);
  expect(second.runs).toEqual(first.runs);
  expect(second.losses).toEqual(first.losses);

  expectClean(page);
  expectClean(again);
  await page.close();
  await again.close();
});
