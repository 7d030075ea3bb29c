// Seeded float64 random numbers: uniform, normal, Gaussian matrices, Haar-random orthogonal matrices.
// Imports nothing but ./linalg; every random number in the project comes from here (never Math.random).
import { type Matrix, qrOrthogonal } from './linalg';

/** Mixes a 32-bit integer (murmur3's finaliser) so that nearby seeds give unrelated streams. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit hash of a seed and a label, so each purpose (teacher, student, samples…) gets its own stream. */
export function streamSeed(seed: number, label: string): number {
  let h = mix32(seed >>> 0) ^ 0x9e3779b9;
  for (let k = 0; k < label.length; k++) h = mix32(h ^ label.charCodeAt(k));
  return h;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator): 128-bit state, passes PractRand,
 * and is exactly reproducible across JS engines because it uses only 32-bit integer arithmetic.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number, label = '') {
    const s = streamSeed(seed, label);
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = s;
    for (let k = 0; k < 15; k++) this.nextUint32(); // warm up: decorrelate from the seed
  }

  /** The generator's full state, to return to later (the sampled form's divergence replay). */
  saveState(): readonly number[] {
    return [this.a, this.b, this.c, this.d, this.spareNormal ?? NaN];
  }

  restoreState(state: readonly number[]): void {
    [this.a, this.b, this.c, this.d] = state;
    this.spareNormal = Number.isNaN(state[4]) ? null : state[4];
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits (a full float64 mantissa). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by the Box–Muller transform (the pair's second value is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** rows×cols matrix of independent N(0, std²) entries. */
  gaussian(rows: number, cols: number, std = 1): Matrix {
    const m: Matrix = [];
    for (let r = 0; r < rows; r++) {
      const row = new Array<number>(cols);
      for (let c = 0; c < cols; c++) row[c] = std * this.normal();
      m.push(row);
    }
    return m;
  }

  /** Fills a Float32Array with standard normals (for minibatch inputs). */
  fillNormal(out: Float32Array): Float32Array {
    for (let k = 0; k < out.length; k++) out[k] = this.normal();
    return out;
  }

  /** Haar-distributed random orthogonal size×size matrix (QR of a Gaussian matrix, signs fixed by diag R). */
  orthogonal(size: number): Matrix {
    return qrOrthogonal(this.gaussian(size, size));
  }
}
