// A link with bad values shows one notice per problem (naming its key), falls back to defaults, and still trains.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { byTestId, expectClean, labState, openApp, shownStep, waitForCharts, waitForShownStep } from './app';
import { resolveParams } from '../../src/state/resolve';
import { launch, screenshot, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const BAD_KEYS = ['lr', 'T', 'n', 'bogus', 'rules', 'aStar'];

/** Whether a notice's text names a key as a word ('n' must not match the n in 'number'). */
function names(text: string, key: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${key}([^A-Za-z0-9_]|$)`).test(text);
}

/** A one-to-one assignment of notices to keys, or null (small bipartite matching). */
function matchNotices(items: string[], keys: string[]): Map<string, string> | null {
  const owner = new Map<string, number>();
  const tryItem = (i: number, seen: Set<string>): boolean => {
    for (const key of keys) {
      if (!names(items[i], key) || seen.has(key)) continue;
      seen.add(key);
      const other = owner.get(key);
      if (other === undefined || tryItem(other, seen)) {
        owner.set(key, i);
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < items.length; i++) if (!tryItem(i, new Set())) return null;
  return new Map([...owner].map(([key, i]) => [key, items[i]]));
}

test('a bad URL lists one notice per problem, naming its key, and the app still trains', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&lr=abc&T=-5&n=1e9&bogus=1&rules=bptt,nope&aStar=NaN');
  await waitForCharts(page);
  const list = byTestId(page, 'notice-list');
  await list.waitFor({ state: 'visible' });
  const items = (await list.locator('li').allTextContents()).map((t) => t.trim());
  expect(items, 'one <li> per problem').toHaveLength(BAD_KEYS.length);
  const matched = matchNotices(items, BAD_KEYS);
  expect(
    matched,
    `each notice names a different one of ${BAD_KEYS.join(', ')}:\n${items.join('\n')}`,
  ).not.toBeNull();
  expect([...matched!.keys()].sort()).toEqual([...BAD_KEYS].sort());
  await screenshot(page, 'bad-url-notice');

  // bad values fell back to the defaults: the app runs exactly the parameter table's defaults
  const state = await labState(page);
  expect(state.params).toEqual(resolveParams({}).params);

  expect(await shownStep(page)).toBe(0);
  await byTestId(page, 'play-button').click();
  await waitForShownStep(page, (s) => s > 0);
  await byTestId(page, 'play-button').click();
  expectClean(page);
  await page.close();
});

test('keys named like Object.prototype members are unknown parameters: a notice each, and the app trains', async () => {
  const page = await session.newPage();
  const keys = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];
  await openApp(page, `?v=1&${keys.map((k) => `${k}=1`).join('&')}`);
  await waitForCharts(page);
  const list = byTestId(page, 'notice-list');
  await list.waitFor({ state: 'visible' });
  const items = (await list.locator('li').allTextContents()).map((t) => t.trim());
  expect(items).toHaveLength(keys.length);
  for (const key of keys)
    expect(
      items.some((t) => t.includes(`'${key}'`)),
      key,
    ).toBe(true);
  expect((await labState(page)).params).toEqual(resolveParams({}).params);
  await byTestId(page, 'play-button').click();
  await waitForShownStep(page, (s) => s > 0);
  await byTestId(page, 'play-button').click();
  expectClean(page);
  await page.close();
});
