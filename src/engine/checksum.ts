// The run checksum: a short hash of every run's trained weights, so a class sees at a glance that everyone
// reproduced the same run (on the same backend). Imports engine types only; no TF.js (the store and pool use it).
//
//   run digest  = FNV-1a 64 over A, W, B (each: rows and columns as uint32, then the entries row-major as float32),
//                 little-endian; a non-finite entry hashes as the quiet NaN 0x7fc00000, so the digest of a run
//                 file's weights (where JSON wrote null) equals that of the weights that were trained
//   checksum    = the first 12 hex digits of FNV-1a 64 over the runs' digests (8 bytes each) in run order
//
// A checksum combines per-run digests because the app trains blocks of seeds in several workers: each digests its
// own runs, and the pool's merged digests give the checksum one worker would.
import type { Matrix } from './linalg';
import type { Weights } from './network';

export const CHECKSUM_DIGITS = 12;

/** FNV-1a 64 state as four 16-bit limbs (lowest first): JS numbers multiply them exactly, unlike 64-bit words. */
class Fnv64 {
  private h = [0x2325, 0x8422, 0x9ce4, 0xcbf2]; // offset basis 0xcbf29ce484222325

  bytes(bytes: Uint8Array): void {
    let [h0, h1, h2, h3] = this.h;
    for (const b of bytes) {
      h0 ^= b;
      // h × prime, prime = 2^40 + 0x1b3: h·0x1b3 plus h shifted up 40 bits (limb k → limb k+2, shifted 8);
      // every partial sum stays below 2^31, so the bit operations are exact
      const t0 = h0 * 0x1b3;
      const t1 = h1 * 0x1b3 + (t0 >>> 16);
      const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
      const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
    this.h = [h0, h1, h2, h3];
  }

  hex(): string {
    return [3, 2, 1, 0].map((k) => this.h[k].toString(16).padStart(4, '0')).join('');
  }
}

/** FNV-1a 64 of raw bytes, as 16 hex digits (exported for its test vectors). */
export function fnv1a64(bytes: Uint8Array): string {
  const f = new Fnv64();
  f.bytes(bytes);
  return f.hex();
}

const QUIET_NAN = 0x7fc00000;

function matrixBytes(m: Matrix): Uint8Array {
  const rows = m.length;
  const cols = rows ? m[0].length : 0;
  const view = new DataView(new ArrayBuffer(8 + 4 * rows * cols));
  view.setUint32(0, rows, true);
  view.setUint32(4, cols, true);
  let at = 8;
  for (const row of m)
    for (const v of row) {
      if (typeof v === 'number' && Number.isFinite(v)) view.setFloat32(at, v, true);
      else view.setUint32(at, QUIET_NAN, true); // null (JSON), ±Infinity, NaN
      at += 4;
    }
  return new Uint8Array(view.buffer);
}

/** One run's digest: 16 hex digits over its A, W, B as float32. */
export function weightsDigest(w: Weights): string {
  const f = new Fnv64();
  for (const m of [w.A, w.W, w.B]) f.bytes(matrixBytes(m));
  return f.hex();
}

/** The checksum of runs with these digests, in run order. */
export function combineDigests(digests: readonly string[]): string {
  const f = new Fnv64();
  for (const d of digests)
    f.bytes(Uint8Array.from({ length: 8 }, (_, k) => parseInt(d.slice(2 * k, 2 * k + 2), 16)));
  return f.hex().slice(0, CHECKSUM_DIGITS);
}

/** The checksum of every run's weights, in run order (the run file's `checksum` is this of its final weights). */
export function runChecksum(weights: readonly Weights[]): string {
  return combineDigests(weights.map(weightsDigest));
}
