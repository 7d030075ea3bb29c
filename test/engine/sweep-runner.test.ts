// The sweep runner: each cell's records equal the cell trained alone, cells of different T train in their own
// batches, how cells are cut into batches never changes a number, and no tensor outlives its batch.
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import type { EngineParams } from '../../src/engine/params';
import { SweepRunner } from '../../src/engine/sweep/sweep-runner';
import { Simulation } from '../../src/engine/simulation';
import { params, type ParamOverrides, withBackend } from './helpers';

withBackend();

const base = { rules: ['bptt', 'rflo'], steps: 60, every: 20 } as const;
const cellsOf = (values: ParamOverrides[]) => values.map((v) => params({ ...base, ...v }));

/** The loss of a cell trained alone at the same records. */
function aloneTrace(cell: EngineParams): (number | null)[][] {
  const sim = new Simulation(cell);
  const out = [sim.losses()];
  while (sim.step < cell.steps) {
    sim.stepMany(cell.every);
    out.push(sim.losses());
  }
  sim.dispose();
  return out;
}

it("every run's loss trace is its cell's alone, with the final metrics; records come by cell", () => {
  const cells = cellsOf([{ lr: 0.01 }, { lr: 0.03, aHat: [-1] }, { lr: 0.02, wStar: [0.1] }]);
  const records = new SweepRunner(cells).runToEnd();
  expect(records.map((r) => [r.cell, r.rule])).toEqual([
    [0, 'bptt'],
    [0, 'rflo'],
    [1, 'bptt'],
    [1, 'rflo'],
    [2, 'bptt'],
    [2, 'rflo'],
  ]);
  cells.forEach((cell, c) => {
    const trace = aloneTrace(cell);
    records
      .filter((r) => r.cell === c)
      .forEach((r, k) => {
        expect(r.steps).toEqual([0, 20, 40, 60]);
        r.loss.forEach((l, s) => expect(Math.abs(l! - trace[s][k]!) / trace[s][k]!).toBeLessThan(1e-5));
        expect(r.a).toHaveLength(2); // the aligned task's modes
        expect(r.effRankW).toBeGreaterThan(0);
      });
  });
  // RFLO with â = −1 ends with a < 0 in its modes (the branch â·a > 0), the others with a > 0
  expect(records[3].a!.every((a) => a < 0)).toBe(true);
  expect(records[1].a!.every((a) => a > 0)).toBe(true);
});

it('cells of different T train as separate batches, and still come back in cell order', () => {
  const cells = cellsOf([{ T: 4 }, { T: 8 }, { T: 4, lr: 0.03 }]);
  const runner = new SweepRunner(cells);
  expect(runner.stepsTotal).toBe(2 * 60); // two batches: T = 4 (cells 0, 2) and T = 8
  const records = runner.runToEnd();
  expect(records.map((r) => r.cell)).toEqual([0, 0, 1, 1, 2, 2]);
  cells.forEach((cell, c) => {
    const last = aloneTrace(cell).at(-1)!;
    records
      .filter((r) => r.cell === c)
      .forEach((r, k) => expect(Math.abs(r.loss.at(-1)! - last[k]!) / last[k]!).toBeLessThan(1e-5));
  });
});

it('cutting the cells into batches of at most 2 runs gives the same records, bit for bit', () => {
  const cells = cellsOf([{ lr: 0.01 }, { lr: 0.05, aHat: [0.3] }, { lr: 0.5, a0: [1], b0: [1] }]);
  const whole = new SweepRunner(cells).runToEnd();
  const cut = new SweepRunner(cells, { maxRuns: 2 });
  expect(cut.stepsTotal).toBe(3 * 60);
  expect(cut.runToEnd()).toEqual(whole);
  expect(whole.some((r) => r.divergedStep !== null)).toBe(true); // lr 0.5 from (1, 1) diverges
});

it('advance trains in chunks of any size with the same records; tensors are flat within a batch and freed after', () => {
  const cells = cellsOf([{ lr: 0.01 }, { lr: 0.3, aHat: [-3], a0: [1], b0: [1] }, { T: 5 }]);
  const start = tf.memory().numTensors;
  const runner = new SweepRunner(cells);
  const counts: number[] = [];
  let progress = 0;
  while (!runner.finished) {
    progress += runner.advance(7);
    expect(runner.progress.done).toBe(progress);
    counts.push(tf.memory().numTensors);
  }
  expect(progress).toBe(runner.stepsTotal);
  // the first batch (T = 10) is live for the first ceil(60/7) chunks, minus the last (it ends inside it)
  const firstBatch = counts.slice(0, Math.ceil(60 / 7) - 1);
  expect(new Set(firstBatch).size).toBe(1);
  expect(tf.memory().numTensors).toBe(start);
  expect(runner.records()).toEqual(new SweepRunner(cells).runToEnd());
});

it('hands over one run file per cell, with that cell’s parameters and runs', () => {
  const cells = cellsOf([{ lr: 0.01 }, { lr: 0.02, wStar: [0.3] }]);
  const files: [number, EngineParams][] = [];
  new SweepRunner(cells, { onRunFile: (cell, f) => files.push([cell, f.params]), backend: 'x' }).runToEnd();
  expect(files).toEqual([
    [0, cells[0]],
    [1, cells[1]],
  ]);
});
