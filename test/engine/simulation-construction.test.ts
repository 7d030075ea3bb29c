// A Simulation whose construction fails leaks no tensor, for every plan and wherever it fails: bad parameters
// (T = 0), and an allocation that throws at each point of the set-up (what running out of wasm memory looks like).
// May import: vitest, TF.js, src/engine, ./helpers.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineParams } from '../../src/engine/params';
import type { PlanName } from '../../src/engine/plans/plan';
import { Simulation } from '../../src/engine/simulation';
import { defaultParams } from '../../src/state/params';
import { params, withBackend } from './helpers';

withBackend();

type Patched = (...args: unknown[]) => unknown;
const engine = tf.engine() as unknown as Record<'makeTensor' | 'runKernel', Patched>;
const original = { makeTensor: engine.makeTensor, runKernel: engine.runKernel };

/** From now on, the `failAt`-th tensor allocation or kernel call (1-based) throws; 0: none does. Returns the count. */
function injectFailure(failAt: number): () => number {
  let calls = 0;
  for (const name of ['makeTensor', 'runKernel'] as const) {
    const fn = original[name];
    engine[name] = function (this: unknown, ...args: unknown[]) {
      calls++;
      if (calls === failAt) throw new Error(`injected failure at call ${calls}`);
      return fn.apply(this, args);
    };
  }
  return () => calls;
}

afterEach(() => {
  engine.makeTensor = original.makeTensor;
  engine.runKernel = original.runKernel;
});

const CASES: { plan: PlanName; p: EngineParams }[] = [
  { plan: 'doubling', p: params({ rules: ['bptt', 'tbptt', 'rflo', 'eprop'] }) },
  { plan: 'chain', p: params({ rules: ['bptt', 'tbptt', 'rflo', 'eprop'], loss: 'sequence' }) },
  { plan: 'sampled', p: params({ rules: ['bptt', 'rflo', 'eprop'], gradient: 'sampled', batch: 4 }) },
];

describe('a failing Simulation constructor leaks no tensor', () => {
  it.each(CASES)('$plan plan: an allocation failing at any point of the set-up', ({ plan, p }) => {
    // a clean construction, to count its allocations and kernels
    const count = injectFailure(0);
    new Simulation(p, { plan }).dispose();
    const total = count();
    expect(total).toBeGreaterThan(10);
    const before = tf.memory().numTensors;
    for (let failAt = 1; failAt <= total; failAt++) {
      injectFailure(failAt);
      expect(() => new Simulation(p, { plan }), `failure at call ${failAt}`).toThrow(/injected failure/);
      expect(tf.memory().numTensors, `tensors left by a failure at call ${failAt} of ${total}`).toBe(before);
    }
  });

  it.each(['chain', 'sampled'] as const)(
    '%s plan: T = 0 (the constraints bypassed) throws and leaks nothing',
    (plan) => {
      const p = {
        ...defaultParams(),
        T: 0,
        gradient: plan === 'sampled' ? 'sampled' : 'expected',
      } as EngineParams;
      const before = tf.memory().numTensors;
      expect(() => new Simulation(p, { plan })).toThrow();
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
