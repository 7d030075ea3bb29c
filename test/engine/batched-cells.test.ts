// A sweep's grid cells batched as more runs of one simulation equal the same configurations run one by one.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../src/engine/history';
import type { EngineParams } from '../../src/engine/params';
import type { PlanName } from '../../src/engine/plans/plan';
import { buildRunFile, trainAndRecord } from '../../src/engine/run-builder';
import { serializeRunFile } from '../../src/engine/run-file';
import { Simulation } from '../../src/engine/simulation';
import { params, type ParamOverrides, relErr, withBackend } from './helpers';

withBackend();

const STEPS = 200;

/** Final losses and weights of a batched simulation of `cells`, and of each cell alone. */
function batchedAndAlone(cells: EngineParams[], plan: PlanName) {
  const batched = new Simulation(cells[0], { cells, plan });
  batched.stepMany(STEPS);
  const together = { loss: batched.losses(), weights: batched.weights(), diverged: batched.divergences() };
  batched.dispose();
  const alone = cells.map((cell) => {
    const sim = new Simulation(cell, { plan });
    sim.stepMany(STEPS);
    const out = { loss: sim.losses(), weights: sim.weights(), diverged: sim.divergences() };
    sim.dispose();
    return out;
  });
  return { together, alone };
}

/** Every batched run equals its cell's run alone: loss and weights to float32 rounding (relative 1e-5). */
function expectCellsMatch(cells: EngineParams[], plan: PlanName) {
  const { together, alone } = batchedAndAlone(cells, plan);
  const perCell = together.loss.length / cells.length;
  alone.forEach((a, c) => {
    for (let r = 0; r < perCell; r++) {
      const k = c * perCell + r;
      const [x, y] = [together.loss[k], a.loss[r]];
      // a diverged run may stop at a non-finite loss: then both must
      if (y === null) expect(x, `cell ${c} run ${r} loss`).toBeNull();
      else expect(Math.abs((x as number) - y) / Math.abs(y), `cell ${c} run ${r} loss`).toBeLessThan(1e-5);
      for (const m of ['A', 'W', 'B'] as const)
        expect(relErr(together.weights[k][m], a.weights[r][m]), `cell ${c} run ${r} ${m}`).toBeLessThan(1e-5);
      expect(together.diverged[k]).toEqual(a.diverged[r]);
    }
  });
  // the cells really differ (else the test proves nothing): no two have the same final losses
  const finals = alone.map((a) => JSON.stringify(a.loss));
  expect(new Set(finals).size, 'distinct cells').toBe(cells.length);
}

const cellsOf = (base: ParamOverrides, values: ParamOverrides[]) =>
  values.map((v) => params({ ...base, ...v }));

const CASES: { name: string; base: ParamOverrides; values: ParamOverrides[] }[] = [
  { name: 'lr', base: {}, values: [{ lr: 0.005 }, { lr: 0.02 }, { lr: 0.05 }] },
  { name: 'a0 (an init value)', base: {}, values: [{ a0: [0.02] }, { a0: [0.5] }, { a0: [-0.3] }] },
  {
    name: 'wStar (a teacher value)',
    base: {},
    values: [{ wStar: [0] }, { wStar: [0.5, 0.8] }, { wStar: [-0.7] }],
  },
  { name: 'aHat (the feedback)', base: {}, values: [{ aHat: [1] }, { aHat: [0.2] }, { aHat: [-0.5] }] },
  { name: 'what (ŵ)', base: {}, values: [{ what: 0 }, { what: 0.5 }, { what: 0.9 }] },
  {
    name: 'truncation',
    base: { T: 8, rules: ['tbptt', 'bptt'], a0: [0.5], b0: [0.5] },
    values: [{ truncation: 1 }, { truncation: 3 }, { truncation: 6 }],
  },
  {
    name: 'initScale (random init)',
    base: { init: 'random', rules: ['bptt', 'rflo', 'eprop'] },
    values: [{ initScale: 0.1 }, { initScale: 0.5 }, { initScale: 1 }],
  },
  {
    name: 'radius (random teacher)',
    base: { task: 'random', n: 6, rules: ['bptt', 'tbptt', 'rflo'] },
    values: [{ radius: 0.3 }, { radius: 0.6 }, { radius: 0.9 }],
  },
  {
    name: 'lr and aStar together, 2 seeds',
    base: { init: 'random', seeds: 2 },
    values: [
      { lr: 0.01, aStar: [1] },
      { lr: 0.03, aStar: [-1] },
    ],
  },
];

describe.each(['doubling', 'chain'] as PlanName[])('%s plan', (plan) => {
  it.each(CASES)('cells over $name equal their runs alone', ({ base, values }) => {
    expectCellsMatch(cellsOf(base, values), plan);
  });
});

it('doubling plan past 16 lags (2-D lag picks): cells over lr and bStar equal their runs alone', () => {
  const cells = cellsOf({ T: 20, rules: ['bptt', 'tbptt', 'rflo', 'eprop'], truncation: 4 }, [
    { lr: 0.002 },
    { lr: 0.01, bStar: [0.5] },
    { lr: 0.02, truncation: 9 },
  ]);
  expectCellsMatch(cells, 'doubling');
});

it('sampled plan: cells over lr, wStar and aHat equal their runs alone (the same samples per seed)', () => {
  const cells = cellsOf({ gradient: 'sampled', batch: 8, seeds: 2, loss: 'sequence' }, [
    { lr: 0.01 },
    { lr: 0.02, wStar: [0.2] },
    { aHat: [-1], what: 0.2 },
  ]);
  expectCellsMatch(cells, 'sampled');
});

it('a diverging cell stops at the same step as alone, and the others go on', () => {
  const cells = cellsOf({ rules: ['bptt', 'rflo'], a0: [1], b0: [1], w0: [0.6] }, [
    { lr: 0.02 },
    { lr: 0.1, aHat: [-2] },
    { lr: 0.05 },
  ]);
  for (const plan of ['doubling', 'chain'] as PlanName[]) {
    const { together } = batchedAndAlone(cells, plan);
    expect(together.diverged[3], plan).not.toBeNull(); // cell 1's RFLO run
    expectCellsMatch(cells, plan);
  }
});

it('a cell that differs in a shared (shape) parameter is refused, naming it', () => {
  const base = params({});
  expect(() => new Simulation(base, { cells: [base, { ...base, T: 5 }] })).toThrow(/cell 1 differs .* in T/);
  expect(() => new Simulation(base, { cells: [base, { ...base, rules: ['bptt'] }] })).toThrow(/rules/);
});

it('tensor count is flat across steps of a batched sweep, for every plan', () => {
  for (const plan of ['doubling', 'chain', 'sampled'] as PlanName[]) {
    const gradient = plan === 'sampled' ? 'sampled' : 'expected';
    const cells = cellsOf({ gradient, batch: 4, rules: ['bptt', 'tbptt', 'rflo', 'eprop'] }, [
      { lr: 0.01, wStar: [0.3] },
      { lr: 0.5, aHat: [-3], a0: [1], b0: [1] }, // diverges: freezes and replays included
      { lr: 0.02, what: 0.1, truncation: 2 },
    ]);
    const sim = new Simulation(cells[0], { cells, plan });
    sim.stepMany(10);
    sim.losses();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 10; k++) {
      sim.stepMany(20);
      sim.losses();
      sim.snapshot();
    }
    expect(tf.memory().numTensors, plan).toBe(before);
    sim.dispose();
  }
  expect(tf.memory().numTensors).toBe(0);
});

it("a cell's run file from the batch is the run file of that cell alone, byte for byte", () => {
  const cells = cellsOf({ rules: ['bptt', 'rflo'], steps: 60, every: 20 }, [
    { lr: 0.01, aHat: [0.5] },
    { lr: 0.04, wStar: [0.2], a0: [0.3] },
  ]);
  const file = (sim: Simulation, cell: number, rec: HistoryRecorder) =>
    serializeRunFile(buildRunFile(sim, rec, tf.getBackend(), cell));
  const batched = new Simulation(cells[0], { cells, plan: 'chain' });
  const rec = trainAndRecord(batched, new HistoryRecorder(batched.runs.length));
  cells.forEach((cell, c) => {
    const alone = new Simulation(cell, { plan: 'chain' });
    const text = file(alone, 0, trainAndRecord(alone, new HistoryRecorder(alone.runs.length)));
    alone.dispose();
    expect(file(batched, c, rec), `cell ${c}`).toBe(text);
  });
  expect(file(batched, 0, rec)).not.toBe(file(batched, 1, rec));
  batched.dispose();
});
