// E2E browser helpers: launch the system Chromium (fresh temp profile), open pages that record every console
// error, page error, crash and failed request (the page's and its workers'), and save screenshots into
// test-artifacts/. Imports playwright-core, vitest's inject and ./chromium, ./paths.
import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { inject, onTestFailed } from 'vitest';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../src/cli/browser/chromium';
import { ARTIFACTS_DIR } from './paths';

export interface Viewport {
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { width: 1280, height: 720 };
export const PHONE: Viewport = { width: 390, height: 844 };

export interface Session {
  context: BrowserContext;
  /**
   * A new tab whose problems are recorded (see problems()). Opened inside a test, it is also saved as
   * test-artifacts/FAILED-<test>-<n>.png if that test fails.
   */
  newPage(viewport?: Viewport): Promise<Page>;
  close(): Promise<void>;
}

let pageCount = 0;
/** profiles still on disk; removed at exit if a run is cut short before close() */
const liveProfiles = new Set<string>();
process.once('exit', () => {
  for (const dir of liveProfiles) rmSync(dir, { recursive: true, force: true });
});
const problemsByPage = new WeakMap<Page, string[]>();
const warningsByPage = new WeakMap<Page, string[]>();
const requestsByPage = new WeakMap<Page, string[]>();

function where(msg: ConsoleMessage): string {
  const loc = msg.location();
  return loc.url ? ` (${loc.url.replace(/^.*\//, '')}:${loc.lineNumber})` : '';
}

/** Records console errors, uncaught errors, crashes, failed requests and HTTP errors of a page and its workers. */
export function watchPage(page: Page): void {
  const problems: string[] = [];
  const warnings: string[] = [];
  const requests: string[] = [];
  problemsByPage.set(page, problems);
  warningsByPage.set(page, warnings);
  requestsByPage.set(page, requests);
  page.on('request', (req) => requests.push(req.url()));
  // Chromium reports a dedicated worker's console messages on the page too; keep one copy of each
  const seen = new Set<string>();
  const onConsole = (source: string) => (msg: ConsoleMessage) => {
    const type = msg.type();
    if (type !== 'error' && type !== 'warning') return;
    const text = `${msg.text()}${where(msg)}`;
    const key = `${type} ${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    (type === 'error' ? problems : warnings).push(`${source} console.${type}: ${text}`);
  };
  page.on('console', onConsole('page'));
  page.on('worker', (worker) => {
    worker.on('console', onConsole('worker'));
  });
  page.on('pageerror', (err) => problems.push(`uncaught error: ${err.stack ?? err.message}`));
  page.on('crash', () => problems.push('the page crashed'));
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? 'failed';
    // a download or a navigation the test itself abandons is not a failure of the app
    if (failure === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.method()} ${req.url()} (${failure})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
  });
}

/** Everything that went wrong on this page so far (empty = clean). */
export function problems(page: Page): string[] {
  return [...(problemsByPage.get(page) ?? [])];
}

/** Every URL the page (and its workers) requested so far. */
export function requests(page: Page): string[] {
  return [...(requestsByPage.get(page) ?? [])];
}

/** Console warnings so far (reported, never fatal). */
export function warnings(page: Page): string[] {
  return [...(warningsByPage.get(page) ?? [])];
}

/** Launches Chromium with a fresh temp profile (--user-data-dir) and returns a session; close() removes it. */
export async function launch(options: { viewport?: Viewport } = {}): Promise<Session> {
  const executablePath = inject('e2eChromium') || DEFAULT_CHROMIUM;
  const userDataDir = await mkdtemp(join(tmpdir(), 'locality-lab-chromium-'));
  liveProfiles.add(userDataDir);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? DESKTOP,
      deviceScaleFactor: 1,
      acceptDownloads: true,
      reducedMotion: 'reduce',
      timeout: 60_000,
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    liveProfiles.delete(userDataDir);
    throw new Error(`e2e: could not launch ${executablePath}: ${String(err)}`, { cause: err });
  }
  context.setDefaultTimeout(20_000);
  // the persistent context opens with one blank tab; tests open their own
  for (const page of context.pages()) await page.close();
  return {
    context,
    async newPage(viewport?: Viewport) {
      const page = await context.newPage();
      watchPage(page);
      if (viewport) await page.setViewportSize(viewport);
      const n = ++pageCount;
      try {
        onTestFailed(async ({ task }) => {
          if (page.isClosed()) return;
          const path = await screenshot(page, `FAILED-${task.name}-${n}`, { fullPage: true }).catch(
            () => null,
          );
          if (path) console.log(`e2e: screenshot of the failed test's page: ${path}`);
        });
      } catch {
        // opened outside a test (beforeAll): no failure screenshot
      }
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      liveProfiles.delete(userDataDir);
    },
  };
}

/** Saves a PNG of the page as test-artifacts/<name>.png and returns its path. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled' });
  return path;
}

/** Path for another artifact file (a download, a log) in test-artifacts/. */
export function artifactPath(fileName: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, fileName);
}
