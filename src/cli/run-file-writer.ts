// Writing the run file from the CLI: --out is checked before training (a 56-minute run must not end on "cannot
// write"), and the JSON is streamed in pieces, so no single string has to hold a million-step history (V8 caps
// strings at ~512 M characters). The bytes equal serializeRunFile's. Imports node:fs and the engine's run file.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import type { RunFile } from '../engine/run-file';

/** Why `path` cannot take the run file (a directory, a missing folder, a full device, no permission), or null. */
export function unwritableReason(path: string): string | null {
  const existed = existsSync(path);
  if (existed && statSync(path).isDirectory()) return 'it is a directory';
  let fd: number | null = null;
  try {
    fd = openSync(path, 'a'); // appends nothing, truncates nothing
    writeSync(fd, ''); // a full device (/dev/full) refuses even an empty write
    return null;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why: Record<string, string> = {
      ENOENT: 'its folder does not exist',
      ENOTDIR: 'a part of the path is not a folder',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'the file system is read-only',
      ENOSPC: 'no space left on the device',
      EISDIR: 'it is a directory',
    };
    return why[e.code ?? ''] ?? e.message;
  } finally {
    if (fd !== null) closeSync(fd);
    if (!existed && existsSync(path)) unlinkSync(path);
  }
}

const json = (v: unknown) =>
  JSON.stringify(v, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? null : value,
  );

/** Arrays of plain values up to this length are written whole; longer ones, and arrays of objects, entry by entry. */
const PIECE = 4096;

const flat = (a: unknown[]) => a.length <= PIECE && a.every((v) => v === null || typeof v !== 'object');

/** Emits JSON.stringify(value) (non-finite numbers as null, as serializeRunFile) in pieces through `write`. */
export function streamJson(value: unknown, write: (piece: string) => void): void {
  if (Array.isArray(value) && !flat(value)) {
    write('[');
    value.forEach((v, k) => {
      if (k) write(',');
      if (v === undefined || typeof v === 'function') write('null');
      else streamJson(v, write);
    });
    write(']');
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    write('{');
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      write(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      streamJson(v, write);
    }
    write('}');
  } else write(json(value));
}

/**
 * Writes the run file to `path`: a regular file through a temporary file renamed at the end (an old file stays
 * intact if anything fails), a device (/dev/stdout) directly.
 */
export function writeRunFile(file: RunFile, path: string): void {
  const regular = !existsSync(path) || statSync(path).isFile();
  const target = regular ? `${path}.partial-${process.pid}` : path;
  const fd = openSync(target, regular ? 'w' : 'a');
  let buffer = '';
  const flush = () => {
    if (buffer) writeSync(fd, buffer);
    buffer = '';
  };
  try {
    streamJson(file, (piece) => {
      buffer += piece;
      if (buffer.length > 1 << 20) flush();
    });
    flush();
    if (regular) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    if (regular) unlinkSync(target);
    throw err;
  }
  closeSync(fd);
  if (regular) renameSync(target, path);
}
