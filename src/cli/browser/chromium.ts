// Finds the system Chromium for the e2e tests, or installs Debian's `chromium` package with apt-get when running
// as root. Never downloads a browser build of its own (no `playwright install`). Node built-ins only.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The flags every e2e browser gets (playwright adds --user-data-dir itself, a fresh temp folder). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** `chromium --version`, or null when it does not run. */
export function chromiumVersion(path: string): string | null {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return null;
  const line = r.stdout.split('\n').find((l) => /chrom/i.test(l));
  return (line ?? r.stdout).trim() || null;
}

function run(command: string, args: string[], log: (line: string) => void): void {
  log(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`e2e: \`${command} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
}

/** What ensureChromium looks at and does; tests replace these to check every branch. */
export interface ChromiumDeps {
  /** the configured path ($E2E_CHROMIUM), or undefined for the default */
  configured: string | undefined;
  /** `--version` of a working executable at path, else null */
  version(path: string): string | null;
  isRoot(): boolean;
  hasAptGet(): boolean;
  /** runs a command; throws when it fails */
  run(command: string, args: string[]): void;
  log(line: string): void;
}

export const systemDeps = (log: (line: string) => void = console.log): ChromiumDeps => ({
  configured: process.env.E2E_CHROMIUM || undefined,
  version: (path) => (isExecutable(path) ? chromiumVersion(path) : null),
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  hasAptGet: () => onPath('apt-get'),
  run: (command, args) => run(command, args, log),
  log,
});

/**
 * Returns the path of a working Chromium: $E2E_CHROMIUM if set, else /usr/bin/chromium, installing it with
 * `apt-get install -y chromium` when missing and running as root. Throws a message saying what to do otherwise:
 * the browser tests never skip silently.
 */
export function ensureChromium(deps: ChromiumDeps = systemDeps()): { path: string; version: string } {
  const wanted = deps.configured ?? DEFAULT_CHROMIUM;
  let version = deps.version(wanted);
  if (version) return { path: wanted, version };

  const help =
    `The browser (e2e) tests need Chromium at ${wanted}. Install it with ` +
    '`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), or point E2E_CHROMIUM at a ' +
    'Chromium/Chrome executable, e.g. `E2E_CHROMIUM=/usr/bin/google-chrome npm test`. ' +
    'Do not run `npx playwright install`: the tests use the system browser. ' +
    'To run only the unit tests: `npm run test:unit`.';
  if (deps.configured) {
    throw new Error(`e2e: E2E_CHROMIUM=${wanted} is not an executable that runs \`--version\`. ${help}`);
  }
  if (!deps.isRoot())
    throw new Error(
      `e2e: Chromium is missing and this process is not root, so it cannot install it. ${help}`,
    );
  if (!deps.hasAptGet())
    throw new Error(`e2e: Chromium is missing and there is no apt-get to install it with. ${help}`);

  deps.log(`e2e: ${wanted} not found; installing Debian's chromium package (as root, non-interactive)…`);
  deps.run('apt-get', ['update']);
  deps.run('apt-get', ['install', '-y', 'chromium']);
  version = deps.version(wanted);
  if (!version) throw new Error(`e2e: apt-get installed chromium but ${wanted} still does not run. ${help}`);
  deps.log(`e2e: installed ${version}`);
  return { path: wanted, version };
}
