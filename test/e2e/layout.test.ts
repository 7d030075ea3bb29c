// Phone (390×844) and laptop (1280×720) widths: no sideways scrolling, and every control can be reached with Tab
// and shows where the focus is.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectClean, openApp, waitForCharts } from './app';
import { DESKTOP, launch, PHONE, screenshot, type Session, type Viewport } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const CONTROL = 'button, select, input, textarea, summary, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Marks every visible, enabled control with data-e2e-control=<index>; returns their descriptions. Controls in a
 * closed <details> or a closed dialog are not visible (open them first).
 */
function markControls(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    const shown = (e: Element) =>
      e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false });
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      delete el.dataset.e2eControl;
      if ((el as HTMLButtonElement).disabled || el.closest('[inert], [aria-hidden="true"]')) continue;
      const input = el as HTMLInputElement;
      // a visually hidden file input counts as visible through its label
      const visible = shown(el) || (input.type === 'file' && [...(input.labels ?? [])].some(shown));
      if (!visible || el.closest('dialog:not([open])')) continue;
      el.dataset.e2eControl = String(out.length);
      const id =
        el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
      out.push(`${el.tagName.toLowerCase()}${input.type ? `[${input.type}]` : ''} "${id}"`);
    }
    return out;
  }, CONTROL);
}

/** Tabs through the page once and opens every closed disclosure (<summary>) with Enter, as a keyboard user would. */
async function openDisclosuresByKeyboard(page: Page): Promise<string[]> {
  const opened: string[] = [];
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  const limit = await page.evaluate((sel) => document.querySelectorAll(sel).length * 2 + 20, CONTROL);
  for (let k = 0; k < limit; k++) {
    await page.keyboard.press('Tab');
    const closed = await page.evaluate(() => {
      const el = document.activeElement;
      const details = el?.tagName === 'SUMMARY' ? (el.parentElement as HTMLDetailsElement | null) : null;
      return details && !details.open ? (el!.textContent ?? '').trim() : null;
    });
    if (closed === null) continue;
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => (document.activeElement?.parentElement as HTMLDetailsElement).open), {
        message: `Enter opens the "${closed}" disclosure`,
      })
      .toBe(true);
    opened.push(closed);
  }
  return opened;
}

interface FocusInfo {
  index: number | null;
  radioName: string | null;
  visibleFocus: boolean;
  outline: string;
}

/** What has focus, and whether it (or the label of a hidden input) shows a focus ring. */
function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const ring = (e: Element) => {
      const cs = getComputedStyle(e);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
      return {
        ok: outline || cs.boxShadow !== 'none',
        outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.boxShadow}`,
      };
    };
    const own = ring(el);
    const labels = [...((el as HTMLInputElement).labels ?? [])].map(ring);
    const input = el as HTMLInputElement;
    return {
      index: el.dataset.e2eControl === undefined ? null : Number(el.dataset.e2eControl),
      radioName: input.type === 'radio' ? input.name : null,
      visibleFocus: own.ok || labels.some((l) => l.ok),
      outline: own.outline,
    };
  });
}

async function checkLayout(viewport: Viewport, label: string): Promise<void> {
  const page = await session.newPage(viewport);
  await openApp(page, '?v=1&steps=200');
  await waitForCharts(page);
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  await screenshot(page, `layout-${label}`);
  await screenshot(page, `layout-${label}-full-page`, { fullPage: true });
  expect(
    overflow.scrollWidth,
    `page width at ${label} (innerWidth ${overflow.innerWidth})`,
  ).toBeLessThanOrEqual(overflow.innerWidth + 1);

  const opened = await openDisclosuresByKeyboard(page);
  if (opened.length) console.log(`e2e: at ${label}, opened with the keyboard: ${opened.join(', ')}`);
  const controls = await markControls(page);
  expect(controls.length, 'controls on the page').toBeGreaterThan(10);
  const reached = new Set<number>();
  const radioGroups = new Set<string>();
  const noRing: string[] = [];
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  for (let k = 0; k < controls.length * 2 + 20; k++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;
    if (f.index !== null) {
      if (reached.has(f.index) && reached.size >= controls.length) break;
      reached.add(f.index);
      if (!f.visibleFocus) noRing.push(`${controls[f.index]} (${f.outline})`);
    }
    if (f.radioName) radioGroups.add(f.radioName);
  }
  // a radio group is one Tab stop: reaching any of its radios reaches the group
  const missed = await page.evaluate(
    ({ reachedList, groups }) =>
      [...document.querySelectorAll<HTMLInputElement>('[data-e2e-control]')]
        .filter((el) => !reachedList.includes(Number(el.dataset.e2eControl)))
        .filter((el) => !(el.type === 'radio' && groups.includes(el.name)))
        .map((el) => Number(el.dataset.e2eControl)),
    { reachedList: [...reached], groups: [...radioGroups] },
  );
  expect(
    missed.map((i) => controls[i]),
    `controls Tab never reached at ${label}`,
  ).toEqual([]);
  expect([...new Set(noRing)], `controls with no visible focus at ${label}`).toEqual([]);
  expectClean(page);
  await page.close();
}

test('phone width 390×844: no horizontal overflow; Tab reaches every control with a visible focus ring', async () => {
  await checkLayout(PHONE, 'phone-390x844');
});

test('laptop 1280×720: no horizontal overflow; Tab reaches every control with a visible focus ring', async () => {
  await checkLayout(DESKTOP, 'laptop-1280x720');
});
