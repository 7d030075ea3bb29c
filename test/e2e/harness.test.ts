// Tests of the e2e harness itself: the sub-folder static server (MIME types, redirects, no escapes), the served
// build, and the page watcher that makes every browser test fail on a console error.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, problems, type Session } from './browser';
import { type ChromiumDeps, DEFAULT_CHROMIUM, ensureChromium } from '../../src/cli/browser/chromium';
import { mimeType, startStaticServer, type StaticServer } from '../../src/cli/browser/static-server';

const FIXTURE: Record<string, string> = {
  'index.html': `<!doctype html><html><head><meta charset="utf-8"><title>fixture</title>
    <link rel="icon" href="data:,"></head><body><p id="ok">clean</p></body></html>`,
  'noisy.html': `<!doctype html><html><head><meta charset="utf-8"><title>noisy</title>
    <link rel="icon" href="data:,"></head><body>
    <script type="module" src="./noisy.js"></script></body></html>`,
  'noisy.js': `console.error('page says no');
    const w = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
    w.onmessage = () => { fetch('./missing.txt'); setTimeout(() => { throw new Error('uncaught boom'); }, 0); };`,
  'worker.mjs': `console.error('worker says no'); postMessage('done');`,
  'sub/blob.wasm': '\0asm\x01\0\0\0',
};

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'locality-lab-fixture-'));
  for (const [name, body] of Object.entries(FIXTURE)) {
    const file = join(dir, name);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, body);
  }
  server = await startStaticServer({ root: dir, base: '/sub/folder/' });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('static server', () => {
  test('serves files under the base path with the right MIME types', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sub\/folder\/$/);
    const html = await fetch(server.url);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('clean');
    const js = await fetch(server.url + 'noisy.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const mjs = await fetch(server.url + 'worker.mjs');
    expect(mjs.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const wasm = await fetch(server.url + 'sub/blob.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  test('redirects the bare base, answers 404 outside it and never leaves the folder', async () => {
    const origin = new URL(server.url).origin;
    const bare = await fetch(`${origin}/sub/folder?x=1`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/sub/folder/?x=1');
    expect((await fetch(`${origin}/index.html`)).status).toBe(404);
    expect((await fetch(`${server.url}nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}..%2F..%2Fetc%2Fpasswd`)).status).toBeGreaterThanOrEqual(403);
    expect((await fetch(`${server.url}?q=1`)).status).toBe(200);
  });
});

describe('served build', () => {
  test('index.html and every built file load from the sub-folder with the right MIME type', async () => {
    const base = inject('e2eBaseUrl');
    const index = await fetch(base);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await index.text();
    // a sub-folder needs relative asset URLs (vite base './'); an absolute /assets/… would 404 there
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/);
    const distDir = inject('e2eDistDir');
    if (!distDir) return; // E2E_BASE_URL: the build is not ours to list
    const files: string[] = [];
    const walk = async (d: string) => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(d, e.name));
        else files.push(relative(distDir, join(d, e.name)).split(sep).join('/'));
      }
    };
    await walk(distDir);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(
      files.some((f) => f.endsWith('.wasm')),
      'the build ships the TF.js wasm binaries',
    ).toBe(true);
    for (const file of files) {
      const res = await fetch(base + file.split('/').map(encodeURIComponent).join('/'), { method: 'HEAD' });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toBe(mimeType(file));
    }
  });
});

describe('page watcher', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  test('a clean page has no problems', async () => {
    const page = await session.newPage();
    await page.goto(server.url);
    await expect(page.locator('#ok').textContent()).resolves.toBe('clean');
    expect(problems(page)).toEqual([]);
    await page.close();
  });

  test('console errors of the page and its worker, uncaught errors and 404s are all caught', async () => {
    const page = await session.newPage();
    await page.goto(server.url + 'noisy.html');
    await expect.poll(() => problems(page).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const found = problems(page).join('\n');
    expect(found).toContain('page says no');
    expect(found).toContain('worker says no');
    expect(found).toContain('uncaught boom');
    expect(found).toMatch(/404.*missing\.txt/);
    // each worker message once, although Chromium may report it on the page too
    expect(found.match(/worker says no/g)).toHaveLength(1);
    await page.close();
  });
});

describe('ensureChromium', () => {
  const fake = (over: Partial<ChromiumDeps>, calls: string[] = []): ChromiumDeps => ({
    configured: undefined,
    version: () => null,
    isRoot: () => true,
    hasAptGet: () => true,
    run: (command, args) => void calls.push([command, ...args].join(' ')),
    log: () => {},
    ...over,
  });

  test('uses a working browser as it is', () => {
    const calls: string[] = [];
    expect(ensureChromium(fake({ version: () => 'Chromium 1' }, calls))).toEqual({
      path: DEFAULT_CHROMIUM,
      version: 'Chromium 1',
    });
    expect(calls).toEqual([]);
  });

  test('installs chromium with apt-get when root, then checks it runs', () => {
    const calls: string[] = [];
    let installed = false;
    const deps = fake({
      version: () => (installed ? 'Chromium 2' : null),
      run: (command, args) => {
        calls.push([command, ...args].join(' '));
        if (args[0] === 'install') installed = true;
      },
    });
    expect(ensureChromium(deps).version).toBe('Chromium 2');
    expect(calls).toEqual(['apt-get update', 'apt-get install -y chromium']);
    // an install that leaves no working browser is an error too
    expect(() => ensureChromium(fake({}))).toThrow(/still does not run/);
  });

  test('fails loudly, saying what to do, where it cannot install', () => {
    expect(() => ensureChromium(fake({ isRoot: () => false }))).toThrow(
      /not root.*apt-get install -y chromium.*E2E_CHROMIUM/,
    );
    expect(() => ensureChromium(fake({ hasAptGet: () => false }))).toThrow(/no apt-get/);
    const calls: string[] = [];
    expect(() => ensureChromium(fake({ configured: '/opt/none/chrome' }, calls))).toThrow(
      /E2E_CHROMIUM=\/opt\/none\/chrome is not an executable/,
    );
    expect(calls, 'never installs over an explicit E2E_CHROMIUM').toEqual([]);
  });
});
