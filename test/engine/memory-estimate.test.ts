// The memory estimate against what the engine really allocates: the peak of tf.memory().numBytes over the set-up,
// training steps (a doubling scope of several steps, checks), snapshots and updates, for configurations where each
// plan is the one chosen and where each of its terms dominates. May import: vitest, TF.js, src/engine, ./helpers.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_RECORD_CAP } from '../../src/engine/history';
import { estimateMemory, formatBytes } from '../../src/engine/memory-estimate';
import type { EngineParams } from '../../src/engine/params';
import type { PlanName } from '../../src/engine/plans/plan';
import { Simulation } from '../../src/engine/simulation';
import { defaultParams } from '../../src/state/params';
import { params, type ParamOverrides, withBackend } from './helpers';

withBackend();

// tf.profile's peak gives up past ~10⁵ kernels (a spread over every kernel record), so the peak is tracked here:
// after every tensor allocation and kernel call, the live bytes as TF.js counts them
type Patched = (...args: unknown[]) => unknown;
const engine = tf.engine() as unknown as Record<'makeTensor' | 'runKernel', Patched>;
const original = { makeTensor: engine.makeTensor, runKernel: engine.runKernel };
let peak = 0;

beforeAll(() => {
  for (const name of ['makeTensor', 'runKernel'] as const) {
    const fn = original[name];
    engine[name] = function (this: unknown, ...args: unknown[]) {
      const out = fn.apply(this, args);
      peak = Math.max(peak, tf.memory().numBytes);
      return out;
    };
  }
});

afterAll(() => {
  engine.makeTensor = original.makeTensor;
  engine.runKernel = original.runKernel;
});

/** Peak live tensor bytes (above what was live before) of building and training a Simulation. */
function measure(over: ParamOverrides): { plan: PlanName; bytes: number } {
  const p = params({ every: 100, ...over });
  const base = tf.memory().numBytes;
  peak = base;
  const sim = new Simulation(p);
  // 60 steps: a doubling scope holds up to 50; every = 100 keeps the steps in one interval, the snapshot checks
  sim.stepMany(60);
  sim.snapshot();
  sim.stepMany(3);
  sim.currentUpdates();
  sim.snapshot();
  sim.dispose();
  return { plan: sim.plan.name, bytes: peak - base };
}

const CASES: { plan: PlanName; name: string; over: ParamOverrides }[] = [
  { plan: 'doubling', name: 'defaults', over: {} },
  { plan: 'doubling', name: 'T = 30', over: { T: 30 } },
  { plan: 'doubling', name: 'T = 1', over: { T: 1 } },
  { plan: 'doubling', name: 'wide Hankel (o, i ≫ n)', over: { n: 2, i: 8, o: 8, T: 16, modes: 2 } },
  { plan: 'doubling', name: 'e-prop, T = 64', over: { n: 4, T: 64, rules: ['eprop'] } },
  { plan: 'chain', name: 'n = 32, T = 100', over: { T: 100, n: 32 } },
  { plan: 'chain', name: 'T = 2 (the n² terms)', over: { n: 32, i: 1, o: 1, T: 2, modes: 1 } },
  {
    plan: 'chain',
    name: '16 runs with e-prop',
    over: { rules: ['bptt', 'tbptt', 'rflo', 'eprop'], seeds: 4, T: 64, n: 8 },
  },
  { plan: 'chain', name: 'o = 48', over: { n: 8, i: 2, o: 48, T: 60, modes: 2 } },
  { plan: 'chain', name: 'i = 48', over: { n: 4, i: 48, o: 2, T: 100 } },
  {
    plan: 'chain',
    name: 'T = 200, sequence loss',
    over: { n: 32, T: 200, rules: ['eprop', 'rflo'], loss: 'sequence' },
  },
  { plan: 'sampled', name: 'final loss', over: { gradient: 'sampled', T: 20, n: 16 } },
  { plan: 'sampled', name: 'T = 1, batch 256', over: { gradient: 'sampled', T: 1, batch: 256, n: 8 } },
  {
    plan: 'sampled',
    name: 'batch 1, n = 64 (the exact checks)',
    over: { gradient: 'sampled', T: 10, batch: 1, n: 64, i: 32, o: 32 },
  },
  {
    plan: 'sampled',
    name: 'sequence loss (T² · batch) with e-prop',
    over: {
      gradient: 'sampled',
      loss: 'sequence',
      T: 30,
      batch: 16,
      o: 4,
      i: 4,
      n: 8,
      rules: ['bptt', 'eprop'],
    },
  },
  {
    plan: 'sampled',
    name: 'sequence loss, o = 16',
    over: { gradient: 'sampled', loss: 'sequence', T: 40, batch: 8, o: 16, n: 8 },
  },
];

describe('estimateMemory against tf.memory()', () => {
  it.each(CASES)('$plan plan, $name: at least the measured peak, at most 3× it', ({ plan, over }) => {
    const measured = measure(over);
    const estimate = estimateMemory(params({ every: 100, ...over }));
    // the case exercises the plan it is meant to, and the estimate is for the plan the engine chose
    expect(measured.plan).toBe(plan);
    expect(estimate.plan).toBe(plan);
    const ratio = estimate.tensorBytes / measured.bytes;
    const what = `estimate ${formatBytes(estimate.tensorBytes)}, measured ${formatBytes(measured.bytes)}`;
    expect(ratio, what).toBeGreaterThanOrEqual(1);
    expect(ratio, what).toBeLessThanOrEqual(3);
    expect(tf.memory().numTensors).toBe(0);
  });

  it('grows with the runs, and with T² · batch for the sampled sequence loss', () => {
    // the parameters as given: params() would already fit them to the budget
    const raw = (over: Partial<EngineParams>) => estimateMemory({ ...defaultParams(), ...over }).tensorBytes;
    const runs = (seeds: number) => raw({ T: 100, n: 32, seeds });
    expect(runs(4)).toBeGreaterThan(3 * runs(1));
    const seq = (T: number, batch: number) => raw({ gradient: 'sampled', loss: 'sequence', T, batch, n: 32 });
    // doubling T at a large batch roughly quadruples it; doubling the batch roughly doubles it
    expect(seq(200, 256) / seq(100, 256)).toBeGreaterThan(3.5);
    expect(seq(200, 256) / seq(200, 128)).toBeGreaterThan(1.9);
  });

  it('counts the history: records up to the worker’s cap, per run and per mode', () => {
    const h = (over: ParamOverrides) => estimateMemory(params(over)).historyBytes;
    expect(h({ steps: 2000, every: 10 })).toBeGreaterThan(h({ steps: 1000, every: 10 }));
    expect(h({ steps: 1_000_000, every: 1 })).toBe(h({ steps: HISTORY_RECORD_CAP * 10, every: 1 }));
    expect(h({ seeds: 2 })).toBe(2 * h({ seeds: 1 }));
    expect(h({ modes: 2, aStar: [1, 1] })).toBeGreaterThan(h({ modes: 1, aStar: [1] }));
  });

  it('formats bytes in decimal units with two significant digits', () => {
    expect(formatBytes(3.85e9)).toBe('3.9 GB');
    expect(formatBytes(1e9)).toBe('1 GB');
    expect(formatBytes(250e6)).toBe('250 MB');
    expect(formatBytes(12_345)).toBe('12 kB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
