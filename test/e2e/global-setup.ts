// Vitest globalSetup of the `e2e` project: makes sure Chromium is there (installing it with apt-get as root),
// builds the app into a temp folder, serves it from a sub-folder base path, and tears all that down afterwards.
//
// Environment:
//   E2E_CHROMIUM=/path/to/chrome  browser to use (default /usr/bin/chromium; installed with apt-get if missing)
//   E2E_DIST=dist                 a fresh build already exists in this folder: serve it, do not build
//   E2E_BASE_URL=http://…/        test an app already served there (no build, no server), e.g. `vite preview`
//   E2E_BASE_PATH=/locality-lab/  the sub-folder the build is served under (default /locality-lab/)
//   E2E_KEEP_BUILD=1              keep the temp build folder (its path is printed)
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../src/cli/browser/build-app';
import { ensureChromium, systemDeps } from '../../src/cli/browser/chromium';
import { ARTIFACTS_DIR, REPO_ROOT } from './paths';
import { startStaticServer, type StaticServer } from '../../src/cli/browser/static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** where the app under test is served, ending in '/' (e.g. http://127.0.0.1:41234/locality-lab/) */
    e2eBaseUrl: string;
    /** the Chromium executable to launch */
    e2eChromium: string;
    /** the served build folder ('' when E2E_BASE_URL points at an app served elsewhere) */
    e2eDistDir: string;
  }
}

const log = (line: string) => console.log(line);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = ensureChromium(systemDeps(log));
  log(`e2e: browser ${chromium.path} (${chromium.version})`);
  project.provide('e2eChromium', chromium.path);

  // screenshots are overwritten by name each run; stale failure screenshots would mislead, so they go
  // (the folder is gitignored; nothing else is deleted, so a concurrent run keeps its files)
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  for (const name of await readdir(ARTIFACTS_DIR)) {
    if (name.startsWith('FAILED-')) await rm(join(ARTIFACTS_DIR, name), { force: true });
  }

  const external = process.env.E2E_BASE_URL;
  if (external) {
    const url = external.endsWith('/') ? external : `${external}/`;
    log(`e2e: testing the app at ${url} (E2E_BASE_URL; no build, no server)`);
    project.provide('e2eBaseUrl', url);
    project.provide('e2eDistDir', '');
    return async () => {};
  }

  let distDir: string;
  let tempDir: string | null = null;
  if (process.env.E2E_DIST) {
    distDir = resolve(REPO_ROOT, process.env.E2E_DIST);
    if (!existsSync(join(distDir, 'index.html')))
      throw new Error(
        `e2e: E2E_DIST=${process.env.E2E_DIST} has no index.html; build it (npx vite build) or unset E2E_DIST`,
      );
    log(`e2e: serving the existing build in ${distDir} (E2E_DIST)`);
  } else {
    tempDir = await mkdtemp(join(tmpdir(), 'locality-lab-e2e-'));
    distDir = join(tempDir, 'dist');
    try {
      await buildApp(distDir, log);
    } catch (err) {
      await rm(tempDir, { recursive: true, force: true });
      throw err;
    }
  }

  let server: StaticServer | null = await startStaticServer({
    root: distDir,
    base: process.env.E2E_BASE_PATH ?? '/locality-lab/',
  });
  log(`e2e: serving ${distDir} at ${server.url} (${(await readdir(distDir)).length} entries at the top)`);
  project.provide('e2eBaseUrl', server.url);
  project.provide('e2eDistDir', distDir);

  return async () => {
    if (server) {
      const misses = server.log;
      await server.close();
      server = null;
      if (misses.length)
        log(`e2e: requests not served from the build:\n  ${misses.slice(0, 20).join('\n  ')}`);
    }
    if (tempDir) {
      if (process.env.E2E_KEEP_BUILD) log(`e2e: kept the build in ${distDir} (E2E_KEEP_BUILD)`);
      else await rm(tempDir, { recursive: true, force: true });
    }
  };
}
