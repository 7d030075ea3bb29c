// Helpers that know the app's UI contract: data-testid selectors, the window.__localityLab hook, the step
// counter, chart traces, and waits on them. Imports playwright-core types and vitest's inject/expect.
import type { Locator, Page } from 'playwright-core';
import { expect, inject, vi } from 'vitest';
import { problems, warnings } from './browser';

// A browser on a busy 2-core machine can take seconds to answer: expect.poll's 1 s default is too tight.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 100 } } });

export type Status = 'idle' | 'running' | 'paused' | 'finished';

/** What window.__localityLab.getState() returns (the contract). */
export interface LabState {
  step: number;
  status: Status;
  losses: (number | null)[];
  runs: { rule: string; seed: number }[];
  params: Record<string, unknown>;
  /** the run checksum of the step shown, null while training runs */
  checksum: string | null;
}

export const CHARTS = ['loss', 'modes', 'rank', 'agreement'] as const;
export type ChartName = (typeof CHARTS)[number];

export function baseUrl(): string {
  return inject('e2eBaseUrl');
}

/** The app's URL with a query, e.g. appUrl('?v=1&steps=200'). */
export function appUrl(query = ''): string {
  const q = query === '' || query.startsWith('?') ? query : `?${query}`;
  return baseUrl() + q;
}

export function byTestId(page: Page, id: string): Locator {
  return page.locator(`[data-testid="${id}"]`);
}

/** The hook's state (a JSON copy); throws if the app has not installed the hook. */
export async function labState(page: Page): Promise<LabState> {
  const state = await page.evaluate(() => {
    const lab = (window as unknown as { __localityLab?: { getState(): unknown } }).__localityLab;
    return lab ? JSON.parse(JSON.stringify(lab.getState())) : null;
  });
  if (!state) throw new Error('window.__localityLab is missing (the UI contract promises it)');
  return state as LabState;
}

/**
 * Opens the app with a query ('?v=1&steps=200') or a full URL (a copied link) and waits until it is ready to
 * train: hook installed, play button enabled.
 */
export async function openApp(page: Page, queryOrUrl = ''): Promise<void> {
  await page.goto(/^https?:/.test(queryOrUrl) ? queryOrUrl : appUrl(queryOrUrl), { waitUntil: 'load' });
  await page.waitForFunction(
    () => {
      const lab = (window as unknown as { __localityLab?: { getState(): unknown } }).__localityLab;
      return typeof lab?.getState === 'function';
    },
    undefined,
    { timeout: 30_000 },
  );
  await byTestId(page, 'play-button').waitFor({ state: 'visible', timeout: 30_000 });
  await expect.poll(() => byTestId(page, 'play-button').isEnabled(), { timeout: 30_000 }).toBe(true);
}

/** The step shown by the step counter ("Step 120 / 2000" → 120). */
export async function shownStep(page: Page): Promise<number> {
  const text = (await byTestId(page, 'step-counter').textContent()) ?? '';
  // the first number; thousands may be grouped with commas or (narrow) no-break spaces
  const m = text.match(/\d[\d,\u00a0\u202f]*/);
  if (!m) throw new Error(`step-counter shows no number: '${text}'`);
  return Number(m[0].replace(/[^\d]/g, ''));
}

/** Waits until the step counter satisfies a condition; returns the step it showed. */
export async function waitForShownStep(
  page: Page,
  ok: (step: number) => boolean,
  timeout = 30_000,
): Promise<number> {
  let last = -1;
  await expect
    .poll(
      async () => {
        last = await shownStep(page);
        return ok(last);
      },
      { timeout, interval: 100, message: `step counter never met the condition (last shown: ${last})` },
    )
    .toBe(true);
  return last;
}

export async function waitForStatus(page: Page, status: Status, timeout = 60_000): Promise<LabState> {
  let state: LabState | null = null;
  await expect
    .poll(
      async () => {
        state = await labState(page);
        return state.status;
      },
      { timeout, interval: 100 },
    )
    .toBe(status);
  return state as unknown as LabState;
}

/** Number of points in a chart's first trace (its Plotly graph div's .data[0].x), or -1 if there is none. */
export async function tracePoints(page: Page, chart: ChartName): Promise<number> {
  return page.evaluate((id) => {
    const box = document.querySelector(`[data-testid="${id}"]`);
    if (!box) return -1;
    const gd = (box.matches('.js-plotly-plot') ? box : box.querySelector('.js-plotly-plot')) as
      (Element & { data?: { x?: ArrayLike<unknown>; y?: ArrayLike<unknown> }[] }) | null;
    const trace = gd?.data?.[0];
    if (!trace) return -1;
    return (trace.x ?? trace.y ?? []).length;
  }, `${chart}-chart`);
}

/** Waits until every chart container holds a rendered Plotly figure (.main-svg). */
/** Waits until each chart is drawn; by default every chart the page's grid shows (view=…). */
export async function waitForCharts(page: Page, charts?: readonly string[]): Promise<void> {
  await page.locator('[data-testid="chart-grid"]').waitFor({ state: 'attached', timeout: 30_000 });
  const shown =
    charts ??
    (await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="chart-grid"] > .chart-cell')]
        .map((el) => el.dataset.chart ?? '')
        .filter((id) => document.querySelector(`[data-testid="${id}-chart"]`)),
    ));
  for (const chart of shown) {
    await page
      .locator(`[data-testid="${chart}-chart"] .main-svg`)
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
  }
}

/** Fails with the full list when the page had any console error, uncaught error or failed request. */
export function expectClean(page: Page): void {
  const found = problems(page);
  const warned = warnings(page);
  if (warned.length) console.log(`e2e: console warnings on ${page.url()}:\n  ${warned.join('\n  ')}`);
  expect(found, `console errors, page errors or failed requests on ${page.url()}`).toEqual([]);
}

/** The play button's accessible name must say Play or Pause; returns which. */
export async function playButtonSays(page: Page): Promise<'Play' | 'Pause' | 'neither'> {
  const button = byTestId(page, 'play-button');
  if (await button.and(page.getByRole('button', { name: /\bPause\b/ })).count()) return 'Pause';
  if (await button.and(page.getByRole('button', { name: /\bPlay\b/ })).count()) return 'Play';
  return 'neither';
}

/** Sets a parameter through its control (param-<key>) the way a person would, and waits for the store to take it. */
export async function setParam(page: Page, key: string, value: string, expected: unknown): Promise<void> {
  const control = byTestId(page, `param-${key}`);
  const tag = await control.evaluate(
    (el) => `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).type ?? ''}`,
  );
  if (tag.startsWith('select')) await control.selectOption(value);
  else {
    await control.fill(value);
    await control.press('Enter');
    await control.blur();
  }
  await expect
    .poll(async () => (await labState(page)).params[key], {
      timeout: 10_000,
      message: `params.${key} after setting it to ${value}`,
    })
    .toEqual(expected);
}

/** Clicks run-to-end and waits for the run to finish at `steps`; returns the final state. */
export async function runToEnd(page: Page, steps: number, timeout = 60_000): Promise<LabState> {
  await byTestId(page, 'run-to-end-button').click();
  const state = await waitForStatus(page, 'finished', timeout);
  expect(state.step).toBe(steps);
  return state;
}

/** Clicks copy-link-button and returns what landed on the clipboard (permissions granted for the app's origin). */
export async function copyLink(page: Page): Promise<string> {
  const origin = new URL(baseUrl()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await byTestId(page, 'copy-link-button').click();
  let text = '';
  await expect
    .poll(
      async () => {
        text = await page.evaluate(() => navigator.clipboard.readText());
        return text;
      },
      { timeout: 10_000, message: 'the clipboard after clicking copy-link-button' },
    )
    .not.toBe('');
  return text;
}

/** Blurs whatever has focus, so key presses go to the page (the body). */
export async function focusPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
}
