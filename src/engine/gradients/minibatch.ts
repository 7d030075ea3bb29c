// Draws each step's white-noise minibatch per seed (our seeded Rng) and the teacher's exact float64 outputs,
// laid out for all runs: the rules of one seed see identical samples (a paired comparison).
// Imports TF.js, ../rng and engine types.
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix } from '../linalg';
import { Rng } from '../rng';
import type { SampledBatch } from './sampled';

export class MinibatchSource {
  private readonly rngs: Rng[];

  /**
   * @param runSeeds one seed per seed index; run r belongs to seed index floor(r / rulesPerSeed)
   * @param teacherImpulse E*_j = A* W*^j B* (o×i, float64), j = 0..T−1
   */
  constructor(
    runSeeds: number[],
    private readonly rulesPerSeed: number,
    private readonly teacherImpulse: Matrix[],
    private readonly size: number,
    private readonly nIn: number,
    private readonly horizons: 'final' | 'sequence',
  ) {
    this.rngs = runSeeds.map((s) => new Rng(s, 'samples'));
  }

  /** Every seed's generator state (see Rng.saveState). */
  saveState(): (readonly number[])[] {
    return this.rngs.map((r) => r.saveState());
  }

  restoreState(states: (readonly number[])[]): void {
    this.rngs.forEach((r, k) => r.restoreState(states[k]));
  }

  /** Draws the next minibatch for every seed (advancing each seed's stream once). Call inside tf.tidy. */
  next(): SampledBatch {
    const T = this.teacherImpulse.length;
    const { size, nIn: i, rulesPerSeed } = this;
    const o = this.teacherImpulse[0].length;
    const seeds = this.rngs.length;
    const runs = seeds * rulesPerSeed;
    // per seed: x[t][b·i + d]
    const xs = this.rngs.map((rng) =>
      Array.from({ length: T }, () => rng.fillNormal(new Float32Array(size * i))),
    );
    // channels layout [1, batch, i, runs]: the run index is innermost
    const x = Array.from({ length: T }, (_, t) => {
      const buf = new Float32Array(runs * size * i);
      for (let k = 0; k < seeds; k++) {
        const src = xs[k][t];
        for (let r = 0; r < rulesPerSeed; r++) {
          const run = k * rulesPerSeed + r;
          for (let e = 0; e < size * i; e++) buf[e * runs + run] = src[e];
        }
      }
      return tf.tensor4d(buf, [1, size, i, runs]);
    });
    const yStar: (tf.Tensor3D | null)[] = Array.from({ length: T }, (_, tauMinus1) => {
      const tau = tauMinus1 + 1;
      if (this.horizons === 'final' && tau !== T) return null;
      // rows layout [batch, runs, o]
      const buf = new Float32Array(runs * size * o);
      for (let k = 0; k < seeds; k++) {
        const y = this.teacherOutput(xs[k], tau);
        for (let r = 0; r < rulesPerSeed; r++) {
          const run = k * rulesPerSeed + r;
          for (let b = 0; b < size; b++)
            for (let c = 0; c < o; c++) buf[(b * runs + run) * o + c] = y[b * o + c];
        }
      }
      return tf.tensor3d(buf, [size, runs, o]);
    });
    return { x, yStar };
  }

  /** y*_τ = Σ_{j<τ} E*_j x_{τ−1−j} per sample (THEORY 1's unrolled teacher), float64 then rounded. */
  private teacherOutput(x: Float32Array[], tau: number): Float64Array {
    const { size, nIn: i } = this;
    const o = this.teacherImpulse[0].length;
    const y = new Float64Array(size * o);
    for (let j = 0; j < tau; j++) {
      const Ej = this.teacherImpulse[j];
      const xt = x[tau - 1 - j];
      for (let b = 0; b < size; b++)
        for (let r = 0; r < o; r++) {
          let acc = 0;
          for (let d = 0; d < i; d++) acc += Ej[r][d] * xt[b * i + d];
          y[b * o + r] += acc;
        }
    }
    return y;
  }
}
