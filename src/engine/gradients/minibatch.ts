// Draws each step's white-noise minibatch per seed (our seeded Rng) and the teacher's exact float64 outputs,
// laid out for all runs: the rules of one seed see identical samples (a paired comparison).
// Imports TF.js, ../rng and engine types.
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix } from '../linalg';
import { Rng } from '../rng';
import type { SampledBatch } from './sampled';

export class MinibatchSource {
  private readonly rngs: Rng[];
  /** per run, the index of its seed's generator (runs of one seed draw identical samples) */
  private readonly streamOf: number[];

  /**
   * @param runSeeds per run, its seed (one generator per distinct seed, in order of first appearance)
   * @param teacherImpulse per run, its teacher's E*_j = A* W*^j B* (o×i, float64), j = 0..T−1; runs with one
   *   teacher share the array, and the teacher's outputs are computed once per (seed, teacher)
   */
  constructor(
    runSeeds: number[],
    private readonly teacherImpulse: Matrix[][],
    private readonly size: number,
    private readonly nIn: number,
    private readonly horizons: 'final' | 'sequence',
  ) {
    const seeds = [...new Set(runSeeds)];
    this.rngs = seeds.map((s) => new Rng(s, 'samples'));
    this.streamOf = runSeeds.map((s) => seeds.indexOf(s));
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
    const T = this.teacherImpulse[0].length;
    const { size, nIn: i, streamOf } = this;
    const o = this.teacherImpulse[0][0].length;
    const runs = streamOf.length;
    // per seed: x[t][b·i + d]
    const xs = this.rngs.map((rng) =>
      Array.from({ length: T }, () => rng.fillNormal(new Float32Array(size * i))),
    );
    // channels layout [1, batch, i, runs]: the run index is innermost
    const x = Array.from({ length: T }, (_, t) => {
      const buf = new Float32Array(runs * size * i);
      for (let run = 0; run < runs; run++) {
        const src = xs[streamOf[run]][t];
        for (let e = 0; e < size * i; e++) buf[e * runs + run] = src[e];
      }
      return tf.tensor4d(buf, [1, size, i, runs]);
    });
    const yStar: (tf.Tensor3D | null)[] = Array.from({ length: T }, (_, tauMinus1) => {
      const tau = tauMinus1 + 1;
      if (this.horizons === 'final' && tau !== T) return null;
      // rows layout [batch, runs, o]
      const buf = new Float32Array(runs * size * o);
      const outputs = xs.map(() => new Map<Matrix[], Float64Array>()); // per seed, per teacher
      for (let run = 0; run < runs; run++) {
        const k = streamOf[run];
        const teacher = this.teacherImpulse[run];
        let y = outputs[k].get(teacher);
        if (!y) outputs[k].set(teacher, (y = this.teacherOutput(teacher, xs[k], tau)));
        for (let b = 0; b < size; b++)
          for (let c = 0; c < o; c++) buf[(b * runs + run) * o + c] = y[b * o + c];
      }
      return tf.tensor3d(buf, [size, runs, o]);
    });
    return { x, yStar };
  }

  /** y*_τ = Σ_{j<τ} E*_j x_{τ−1−j} per sample (THEORY 1's unrolled teacher), float64 then rounded. */
  private teacherOutput(impulse: Matrix[], x: Float32Array[], tau: number): Float64Array {
    const { size, nIn: i } = this;
    const o = impulse[0].length;
    const y = new Float64Array(size * o);
    for (let j = 0; j < tau; j++) {
      const Ej = impulse[j];
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
