// A Simulation refused at its door holds no tensors: invalid parameters are named before anything is built.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { engineParamsProblem } from '../../src/engine/params-check';
import type { EngineParams } from '../../src/engine/params';
import { Simulation } from '../../src/engine/simulation';
import { defaultParams } from '../../src/state/params';
import { EXPECTED_PLANS, withBackend } from './helpers';

withBackend();

const bad: [Partial<EngineParams>, RegExp][] = [
  [{ T: 0 }, /T must be a whole number ≥ 1 \(got 0\)/],
  [{ n: 0 }, /n must be a whole number ≥ 1/],
  [{ batch: 1.5 }, /batch must be a whole number/],
  [{ lr: NaN }, /lr must be a positive number \(got NaN\)/],
  [{ rules: [] }, /rules must be a non-empty list/],
  [{ modes: 5 }, /modes \(5\) must be ≤ min\(n, i, o\) = 2/],
  [{ aStar: [1] }, /aStar must hold 2 finite values/],
  [{ truncation: 20, T: 10 }, /truncation \(20\) must be ≤ T \(10\)/],
];

describe('parameters at the engine’s door', () => {
  it('the defaults pass', () => expect(engineParamsProblem(defaultParams())).toBeNull());

  it.each(bad)('%o is refused with a message naming it, and no tensor is left behind', (over, message) => {
    for (const plan of [...EXPECTED_PLANS, 'sampled' as const]) {
      const p = {
        ...defaultParams(),
        ...(plan === 'sampled' ? { gradient: 'sampled' as const } : {}),
        ...over,
      };
      const before = tf.memory().numTensors;
      expect(() => new Simulation(p, { plan })).toThrow(message);
      expect(tf.memory().numTensors, plan).toBe(before);
    }
  });
});
