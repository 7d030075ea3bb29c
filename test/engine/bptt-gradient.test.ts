// BPTT is the exact gradient: against central finite differences of the float64 expected loss, and against
// tf.grad of the loss unrolled in TF.js (expected: Σ_j ω_j‖A W^j B − E*_j‖²/2; sampled: the same minibatch).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { type Matrix } from '../../src/engine/linalg';
import { expectedLoss, impulseResponses, lagWeight, type Weights } from '../../src/engine/network';
import type { LossKind } from '../../src/engine/params';
import { Rng } from '../../src/engine/rng';
import { Simulation } from '../../src/engine/simulation';
import { EXPECTED_PLANS, params, relErr, withBackend } from './helpers';

withBackend();
const base = {
  task: 'random',
  rules: ['bptt'],
  n: 4,
  i: 2,
  o: 2,
  teacherN: 3,
  T: 5,
  initScale: 0.9,
  seed: 3,
} as const;

/** Central differences of `lossOf` with respect to every entry of net[key]. */
function finiteDifference(
  net: Weights,
  key: keyof Weights,
  lossOf: (w: Weights) => number,
  h = 1e-6,
): Matrix {
  return net[key].map((row, r) =>
    row.map((_, c) => {
      const bump = (d: number): Weights => {
        const copy = structuredClone(net);
        copy[key][r][c] += d;
        return copy;
      };
      return (lossOf(bump(h)) - lossOf(bump(-h))) / (2 * h);
    }),
  );
}

const variable = (m: Matrix) => tf.tensor2d(m);

type LossOfWeights = (A: tf.Tensor2D, W: tf.Tensor2D, B: tf.Tensor2D) => tf.Tensor;

/** The engine's update equals tf.grad of `lossFn` at weights x0, entry by entry (relative to the largest). */
function expectAutodiff(
  u: { dA: Matrix; dW: Matrix; dB: Matrix },
  lossFn: LossOfWeights,
  x0: Weights,
  tol: number,
) {
  const grads = tf.grads(lossFn as (...a: tf.Tensor[]) => tf.Tensor)([
    variable(x0.A),
    variable(x0.W),
    variable(x0.B),
  ]);
  const [gA, gW, gB] = grads.map((g) => g.arraySync() as Matrix);
  expect(relErr(u.dA, gA), 'A').toBeLessThan(tol);
  expect(relErr(u.dW, gW), 'W').toBeLessThan(tol);
  expect(relErr(u.dB, gB), 'B').toBeLessThan(tol);
}

/** Float64 minibatch loss on explicit samples xs[b][t] (THEORY 1 with the expectation replaced by the mean). */
function minibatchLoss(net: Weights, teacher: Weights, xs: number[][][], loss: LossKind): number {
  const mv = (m: Matrix, v: number[]) => m.map((row) => row.reduce((acc, x, k) => acc + x * v[k], 0));
  const T = xs[0].length;
  let total = 0;
  for (const x of xs) {
    let h = new Array(net.W.length).fill(0);
    let hs = new Array(teacher.W.length).fill(0);
    for (let t = 1; t <= T; t++) {
      const bx = mv(net.B, x[t - 1]);
      const bxs = mv(teacher.B, x[t - 1]);
      h = mv(net.W, h).map((v, k) => v + bx[k]);
      hs = mv(teacher.W, hs).map((v, k) => v + bxs[k]);
      if (loss === 'sequence' || t === T) {
        const ys = mv(teacher.A, hs);
        total += mv(net.A, h).reduce((acc, y, k) => acc + (y - ys[k]) ** 2, 0);
      }
    }
  }
  return (0.5 * total) / xs.length / (loss === 'sequence' ? T : 1);
}

describe.each<LossKind>(['final', 'sequence'])('%s loss', (loss) => {
  it.each(EXPECTED_PLANS)(
    'expected-form BPTT (%s plan) equals finite differences of the exact loss',
    (plan) => {
      const sim = new Simulation(params({ ...base, loss }), { plan });
      const [u] = sim.currentUpdates();
      for (const key of ['A', 'W', 'B'] as const) {
        const fd = finiteDifference(sim.initial[0], key, (w) =>
          expectedLoss(w, sim.task.teacher, base.T, loss),
        );
        expect(relErr(u[`d${key}`], fd), key).toBeLessThan(1e-4);
      }
      sim.dispose();
    },
  );

  it('sampled-form BPTT equals finite differences of the float64 minibatch loss on the same samples', () => {
    const batch = 4;
    const sim = new Simulation(params({ ...base, loss, gradient: 'sampled', batch }));
    const rng = new Rng(base.seed, 'samples');
    const perT = Array.from({ length: base.T }, () => rng.fillNormal(new Float32Array(batch * base.i)));
    const xs = Array.from({ length: batch }, (_, b) =>
      perT.map((x) => Array.from(x.slice(b * base.i, (b + 1) * base.i))),
    );
    const [u] = sim.currentUpdates();
    const net = sim.initial[0];
    for (const key of ['A', 'W', 'B'] as const) {
      const fd = finiteDifference(net, key, (w) => minibatchLoss(w, sim.task.teacher, xs, loss));
      expect(relErr(u[`d${key}`], fd), key).toBeLessThan(1e-4);
    }
    sim.dispose();
  });

  it.each(EXPECTED_PLANS)(
    'expected-form BPTT (%s plan) equals tf.grad of the unrolled expected loss',
    (plan) => {
      const sim = new Simulation(params({ ...base, loss }), { plan });
      const [u] = sim.currentUpdates();
      const Estar = impulseResponses(sim.task.teacher, base.T).map((e) => tf.tensor2d(e));
      const lossFn = (A: tf.Tensor2D, W: tf.Tensor2D, B: tf.Tensor2D) => {
        let AWj: tf.Tensor2D = A;
        let total = tf.scalar(0);
        for (let j = 0; j < base.T; j++) {
          const e = tf.sub(tf.matMul(AWj, B), Estar[j]);
          total = tf.add(total, tf.mul(tf.sum(tf.square(e)), 0.5 * lagWeight(loss, base.T, j)));
          AWj = tf.matMul(AWj, W);
        }
        return total;
      };
      expectAutodiff(u, lossFn, sim.initial[0], 1e-5);
      sim.dispose();
    },
  );

  it('sampled-form BPTT equals tf.grad of the unrolled minibatch loss on the same samples', () => {
    const batch = 6;
    const sim = new Simulation(params({ ...base, loss, gradient: 'sampled', batch }));
    const rng = new Rng(base.seed, 'samples');
    const xs = Array.from({ length: base.T }, () =>
      tf.tensor2d(rng.fillNormal(new Float32Array(batch * base.i)), [batch, base.i]),
    );
    const [u] = sim.currentUpdates();
    const t = sim.task.teacher;
    const teacherOut: tf.Tensor2D[] = [];
    let hs = tf.zeros([batch, t.W.length]) as tf.Tensor2D;
    for (let k = 0; k < base.T; k++) {
      hs = tf.add(
        tf.matMul(hs, tf.tensor2d(t.W), false, true),
        tf.matMul(xs[k], tf.tensor2d(t.B), false, true),
      );
      teacherOut.push(tf.matMul(hs, tf.tensor2d(t.A), false, true));
    }
    const lossFn = (A: tf.Tensor2D, W: tf.Tensor2D, B: tf.Tensor2D) => {
      let h = tf.zeros([batch, base.n]) as tf.Tensor2D;
      let total = tf.scalar(0);
      for (let k = 0; k < base.T; k++) {
        h = tf.add(tf.matMul(h, W, false, true), tf.matMul(xs[k], B, false, true));
        const horizon = k + 1;
        if (loss === 'sequence' || horizon === base.T) {
          const e = tf.sub(tf.matMul(h, A, false, true), teacherOut[k]);
          total = tf.add(total, tf.sum(tf.square(e)));
        }
      }
      return tf.mul(total, 0.5 / batch / (loss === 'sequence' ? base.T : 1));
    };
    expectAutodiff(u, lossFn, sim.initial[0], 1e-4);
    sim.dispose();
  });
});
