// Determinism (same params ⇒ byte-identical run file), no tensor leaks, and divergence marking.
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { HistoryRecorder } from '../../src/engine/history';
import type { EngineParams } from '../../src/engine/params';
import { buildRunFile, trainAndRecord } from '../../src/engine/run-builder';
import { serializeRunFile } from '../../src/engine/run-file';
import { Simulation } from '../../src/engine/simulation';
import { EXPECTED_PLANS, params, plansFor, withBackend } from './helpers';

withBackend();

function runFileText(p: EngineParams): string {
  const sim = new Simulation(p);
  const text = serializeRunFile(
    buildRunFile(sim, trainAndRecord(sim, new HistoryRecorder(sim.runs.length)), tf.getBackend()),
  );
  sim.dispose();
  return text;
}

it('the same parameters give a byte-identical run file; another seed does not', () => {
  for (const over of [
    { task: 'aligned', steps: 60, every: 20 },
    {
      task: 'random',
      gradient: 'sampled',
      seeds: 2,
      rules: ['bptt', 'rflo', 'eprop'],
      steps: 40,
      every: 10,
      loss: 'sequence',
    },
  ] as Partial<EngineParams>[]) {
    const p = params(over);
    const first = runFileText(p);
    expect(runFileText(p)).toBe(first);
    expect(runFileText({ ...p, seed: p.seed + 1 })).not.toBe(first);
  }
});

it('tensor count is flat across many steps and snapshots, for every rule, form and loss', () => {
  for (const gradient of ['expected', 'sampled'] as const)
    for (const plan of plansFor(gradient))
      for (const loss of ['final', 'sequence'] as const) {
        const sim = new Simulation(
          params({
            task: 'random',
            rules: ['bptt', 'tbptt', 'rflo', 'eprop'],
            seeds: 2,
            gradient,
            loss,
            batch: 4,
            T: 5,
          }),
          { plan },
        );
        sim.stepMany(3);
        sim.snapshot();
        const before = tf.memory().numTensors;
        for (let k = 0; k < 10; k++) {
          sim.stepMany(20);
          sim.snapshot();
          sim.currentUpdates();
        }
        expect(tf.memory().numTensors, `${plan} ${gradient} ${loss}`).toBe(before);
        const owned = tf.memory().numTensors;
        sim.dispose();
        expect(tf.memory().numTensors).toBeLessThan(owned);
      }
  expect(tf.memory().numTensors).toBe(0);
});

it('a diverging run stops, marked with step and reason; its records are empty from the divergence on, the other rule goes on', () => {
  // RFLO with â·a < 0 and a large â blows up in a few steps; BPTT converges
  const p = params({
    task: 'aligned',
    rules: ['bptt', 'rflo'],
    aHat: [-2],
    lr: 0.1,
    a0: [1],
    b0: [1],
    w0: [0.6],
    steps: 300,
    every: 10,
  });
  const sim = new Simulation(p);
  const rec = trainAndRecord(sim, new HistoryRecorder(2));
  const [bptt, rflo] = sim.divergences();
  expect(bptt).toBeNull();
  expect(rflo).not.toBeNull();
  expect(rflo!.step).toBeGreaterThan(0);
  expect(rflo!.step).toBeLessThan(50);
  expect(rflo!.reason).toMatch(/non-finite|exceeded/);
  // RFLO's records carry values only before its divergence (no frozen state drawn to the end, no blown-up loss);
  // the runs stay aligned step by step, BPTT's go on
  const rfloSteps = rec.histories[1].step;
  expect(rfloSteps).toEqual(rec.histories[0].step);
  const rfloLoss = rec.histories[1].loss;
  const before = rfloSteps.filter((s) => s < rflo!.step).length;
  expect(before).toBeGreaterThan(0);
  expect(rfloLoss.slice(0, before).every((l) => l !== null && l < 1e6 * (rfloLoss[0] as number))).toBe(true);
  expect(rfloLoss.slice(before).every((l) => l === null)).toBe(true);
  expect(rec.histories[0].step.at(-1)).toBe(300);
  expect(rec.spectra[1]?.step).toBe(rfloSteps[before - 1]);
  const bpttLoss = rec.histories[0].loss;
  expect(bpttLoss[bpttLoss.length - 1] as number).toBeLessThan((bpttLoss[0] as number) * 0.5);
  // the run file stays valid JSON (non-finite numbers become null)
  const text = serializeRunFile(buildRunFile(sim, rec, tf.getBackend()));
  expect(() => JSON.parse(text)).not.toThrow();
  sim.dispose();
});

it.each(EXPECTED_PLANS)(
  '%s plan: checking once per interval marks the same divergence step and weights as checking every step',
  (plan) => {
    const p = params({
      task: 'aligned',
      rules: ['bptt', 'rflo'],
      aHat: [-2],
      lr: 0.1,
      a0: [1],
      b0: [1],
      w0: [0.6],
      every: 25,
    });
    const intervals = new Simulation(p, { plan });
    for (let k = 0; k < 100; k += 7) intervals.stepMany(Math.min(7, 100 - k)); // call sizes do not matter
    const single = new Simulation({ ...p, every: 1 }, { plan }); // checked at every step
    single.stepMany(100);
    const [, rflo] = intervals.divergences();
    expect(rflo).not.toBeNull();
    expect(rflo!.step % 25).not.toBe(0); // it diverged inside an interval: the replay found the step
    expect(intervals.divergences()).toEqual(single.divergences());
    expect(intervals.weights()).toEqual(single.weights());
    // runs never interact: BPTT trained beside a diverging run equals BPTT trained alone
    const alone = new Simulation({ ...p, rules: ['bptt'], every: 1 }, { plan });
    alone.stepMany(100);
    expect(intervals.weights()[0]).toEqual(alone.weights()[0]);
    for (const s of [intervals, single, alone]) s.dispose();
  },
);

it('training stops once every run has diverged; each history has values only before its own divergence', () => {
  // η = 5 on the default task: every rule blows up within a few steps (RFLO's loss reaches 2·10²⁷ at step 2)
  const p = params({ lr: 5, steps: 3000, every: 10 });
  const sim = new Simulation(p);
  const rec = trainAndRecord(sim, new HistoryRecorder(sim.runs.length));
  const stops = sim.divergences();
  expect(stops.every((d) => d !== null)).toBe(true);
  // stopped at the first check after the last divergence, not trained on to step 3000
  expect(sim.step).toBe(10);
  rec.histories.forEach((h, k) => {
    expect(h.step.length).toBeGreaterThan(0);
    h.step.forEach((s, j) => expect(h.loss[j] === null).toBe(s >= stops[k]!.step && s > 0));
  });
  sim.dispose();
});
