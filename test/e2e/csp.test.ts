// The built page carries our Content-Security-Policy, and nothing the app does breaks it: training in the worker
// (wasm), the charts (Plotly's styles), a PNG export and the sweep's worker raise no violation.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/build/csp';
import { byTestId, expectClean, openApp, runToEnd, waitForCharts } from './app';
import { launch, type Session } from './browser';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the page has the policy (no inline script, no remote origin) and the app runs within it', async () => {
  const page = await session.newPage();
  // every violation the page reports, from its first script on
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  await openApp(page, '?v=1&steps=200');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toBe(CONTENT_SECURITY_POLICY);
  expect(policy).not.toMatch(/'unsafe-eval'|https?:|\*/);
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  // no inline script in the built page: the policy would block it
  expect(await page.locator('script:not([src])').count()).toBe(0);
  await waitForCharts(page);
  await runToEnd(page, 200);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    byTestId(page, 'chart-png-loss').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  expect(violations).toEqual([]);
  expectClean(page);
  await page.close();
});
