// The CLI's run-file writer: the streamed bytes equal serializeRunFile's, --out is checked before training, and a
// failed write leaves an existing file as it was.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamJson, unwritableReason, writeRunFile } from '../../src/cli/run-file-writer';
import { type RunFile, serializeRunFile } from '../../src/engine/run-file';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'llab-writer-'));

/** A run-file-shaped object with long columns (more entries than one piece), nulls, non-finite values, undefined. */
function bigFile(): RunFile {
  const step = Array.from({ length: 10_000 }, (_, k) => k);
  return {
    format: 'x',
    params: { lr: 0.1, rules: ['bptt'] },
    runs: [
      {
        rule: 'bptt',
        history: { step, loss: step.map((k) => (k % 7 ? 1 / (k + 1) : k % 2 ? null : NaN)) },
        skip: undefined,
      },
      { rule: 'rflo', history: { step: [0], loss: [Infinity] }, R: [[1, -0, 1e-300]] },
    ],
  } as unknown as RunFile;
}

describe('run-file writer', () => {
  it('streams exactly the bytes of serializeRunFile', () => {
    const file = bigFile();
    const pieces: string[] = [];
    streamJson(file, (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(100); // really in pieces
    expect(pieces.join('')).toBe(serializeRunFile(file));
    const out = join(dir, 'big.json');
    writeRunFile(file, out);
    expect(readFileSync(out, 'utf8')).toBe(serializeRunFile(file));
  });

  it('names why a path cannot take the file, and leaves no file behind when checking', () => {
    expect(unwritableReason(dir)).toBe('it is a directory');
    expect(unwritableReason(join(dir, 'missing', 'x.json'))).toBe('its folder does not exist');
    writeFileSync(join(dir, 'plain'), 'keep');
    expect(unwritableReason(join(dir, 'plain', 'x.json'))).toBe('a part of the path is not a folder');
    expect(unwritableReason('/dev/full')).toBe('no space left on the device');
    const fresh = join(dir, 'fresh.json');
    expect(unwritableReason(fresh)).toBeNull();
    expect(() => readFileSync(fresh)).toThrow(); // the check created nothing
    expect(unwritableReason(join(dir, 'plain'))).toBeNull();
    expect(readFileSync(join(dir, 'plain'), 'utf8')).toBe('keep'); // and truncated nothing
  });

  it('npm run simulate refuses an unwritable --out before training, with one line and exit 2', () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    for (const [out, why] of [
      [join(dir, 'adir'), 'it is a directory'],
      ['/dev/full', 'no space left on the device'],
      [join(dir, 'nope', 'run.json'), 'its folder does not exist'],
    ]) {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/simulate.ts', '--steps', '200000', '--out', out],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([`simulate: --out ${out}: cannot write there (${why})`]);
      expect(r.stdout).toBe(''); // no summary: it never trained
    }
  });
});
