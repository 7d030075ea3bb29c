// Folders shared by the e2e harness and tests: the repo root and the gitignored screenshot folder.
// Node built-ins only.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** screenshots and downloaded files from the e2e tests (gitignored) */
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts');
