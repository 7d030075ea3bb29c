// Builds the app with `vite build` into a folder (the e2e tests and the browser benchmark serve that build).
// Node built-ins only.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Runs `vite build` into outDir; throws with the build's last output lines when it fails. */
export async function buildApp(outDir: string, log: (line: string) => void = console.log): Promise<void> {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new Error(`${vite} is missing; run \`npm ci\` first`);
  const args = [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((ok, fail) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('error', fail);
    child.on('close', ok);
  });
  if (code !== 0) {
    const tail = output.join('').trim().split('\n').slice(-40).join('\n');
    throw new Error(`e2e: \`vite build\` failed (exit ${code}), so there is no app to test:\n${tail}`);
  }
  if (!existsSync(join(outDir, 'index.html')))
    throw new Error(`vite build wrote no index.html into ${outDir}`);
  log(`built the app in ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}`);
}
