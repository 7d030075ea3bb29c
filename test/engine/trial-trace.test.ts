// The credit-assignment microscope's trial (src/engine/trial-trace.ts): each rule's per-time-step contributions sum
// to the engine's own ΔW_ij of the trial, which is THEORY 2.1's (the float64 reference on the same inputs); the
// signals and traces are what THEORY 2.1 says (δ_{t−1} = Wᵀ δ_t, RFLO's ΔW = (Rᵀε) e^W_Tᵀ); no tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/engine/linalg';
import { impulseResponses } from '../../src/engine/network';
import { referenceSampledUpdate } from '../../src/engine/reference';
import { Simulation } from '../../src/engine/simulation';
import { traceTrial, type TrialInputs } from '../../src/engine/trial-trace';
import { maxAbs, params, relErr, withBackend } from './helpers';

withBackend();

const P = {
  task: 'random',
  n: 5,
  i: 2,
  o: 2,
  T: 7,
  truncation: 3,
  what: 0.6,
  initScale: 1,
  steps: 20,
} as const;

/** A trained network (20 steps of the default rules) and what the microscope needs to trace its trials. */
function inputs(over: Partial<TrialInputs> = {}, p = P): { input: TrialInputs; sim: Simulation } {
  const sim = new Simulation(params(p));
  sim.stepMany(20);
  const input: TrialInputs = {
    params: sim.params,
    network: sim.weights()[0],
    R: sim.feedback[0],
    teacherImpulse: impulseResponses(sim.task.teacher, sim.params.T),
    runSeed: sim.runs[0].seed,
    trial: 3,
    synapse: [1, 3],
    ...over,
  };
  return { input, sim };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mv = (m: Matrix, v: number[]) => m.map((row) => row.reduce((acc, x, k) => acc + x * v[k], 0));
const transpose = (m: Matrix) => m[0].map((_, c) => m.map((row) => row[c]));

describe('one trial through the microscope', () => {
  it('every rule’s contributions from t = 1..T sum to its ΔW_ij for the trial, for every synapse', () => {
    const { input, sim } = inputs();
    for (const synapse of [
      [1, 3],
      [0, 0],
      [4, 2],
    ] as [number, number][]) {
      const trace = traceTrial({ ...input, synapse });
      for (const r of trace.rules) {
        const [i, j] = synapse;
        expect(r.contributions).toHaveLength(P.T);
        const scale = maxAbs(r.dW);
        expect(scale, r.rule).toBeGreaterThan(1e-3);
        expect(Math.abs(sum(r.contributions) - r.dW[i][j]) / scale, `${r.rule} W_${i}${j}`).toBeLessThan(
          1e-5,
        );
      }
    }
    sim.dispose();
  });

  it('ΔW and ΔB are THEORY 2.1’s for this trial (the float64 reference on the same inputs)', () => {
    const { input, sim } = inputs();
    const trace = traceTrial(input);
    for (const r of trace.rules) {
      const ref = referenceSampledUpdate(
        { rule: r.rule, R: input.R, what: P.what, truncation: P.truncation },
        input.network,
        sim.task.teacher,
        [trace.x],
        'final',
      );
      expect(relErr(r.dW, ref.dW), `${r.rule} ΔW`).toBeLessThan(2e-5);
      expect(relErr(r.dB, ref.dB), `${r.rule} ΔB`).toBeLessThan(2e-5);
    }
    sim.dispose();
  });

  it('shows what each rule keeps: BPTT’s δ sweeps back through Wᵀ, tBPTT stops after k, RFLO’s trace', () => {
    const { input, sim } = inputs();
    const trace = traceTrial(input);
    const { A, W } = input.network;
    const by = Object.fromEntries(trace.rules.map((r) => [r.rule, r]));
    const ATe = mv(transpose(A), trace.eps);
    const close = (x: number[], y: number[]) =>
      expect(Math.max(...x.map((v, k) => Math.abs(v - y[k])))).toBeLessThan(1e-5 * (1 + maxAbs([y])));
    // δ_T = Aᵀε and δ_{t−1} = Wᵀ δ_t
    close(by.bptt.signal[P.T - 1], ATe);
    for (let t = P.T; t > 1; t--) close(by.bptt.signal[t - 2], mv(transpose(W), by.bptt.signal[t - 1]));
    // tBPTT: BPTT's signal in the last k steps, nothing before
    for (let t = 1; t <= P.T; t++) {
      if (t > P.T - P.truncation) close(by.tbptt.signal[t - 1], by.bptt.signal[t - 1]);
      else expect(by.tbptt.contributions[t - 1]).toBe(0);
    }
    // RFLO: ŵ^{T−t} Rᵀε, and ΔW = (Rᵀε)(e^W_T)ᵀ with the trace shown
    const RTe = mv(transpose(input.R), trace.eps);
    close(by.rflo.signal[P.T - 1], RTe);
    close(
      by.rflo.signal[0],
      RTe.map((v) => v * P.what ** (P.T - 1)),
    );
    const eT = trace.traceW[P.T];
    by.rflo.dW.forEach((row, i) =>
      close(
        row,
        eT.map((e) => RTe[i] * e),
      ),
    );
    expect(by.rflo.rankW).toBe(1);
    expect(by.bptt.rankW).toBeGreaterThan(1);
    // the trial's own numbers: h_1 = B x_0, ε = y − y*
    close(trace.h[1], mv(input.network.B, trace.x[0]));
    close(
      trace.eps,
      trace.y.map((y, a) => y - trace.yStar[a]),
    );
    expect(trace.loss).toBeCloseTo(0.5 * sum(trace.eps.map((e) => e * e)), 6);
    sim.dispose();
  });

  it('is deterministic per trial number, and another trial has other inputs', () => {
    const { input, sim } = inputs();
    const a = traceTrial(input);
    expect(traceTrial(input)).toEqual(a);
    const b = traceTrial({ ...input, trial: 4 });
    expect(b.x).not.toEqual(a.x);
    sim.dispose();
  });

  it('leaves no tensors behind', () => {
    const { input, sim } = inputs();
    traceTrial(input);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) traceTrial({ ...input, trial: k });
    expect(tf.memory().numTensors).toBe(before);
    sim.dispose();
  });

  it('refuses a synapse outside W or a bad trial number with a clear message', () => {
    const { input, sim } = inputs();
    expect(() => traceTrial({ ...input, synapse: [5, 0] })).toThrow(
      'synapse (5, 0) is not in W: both indices must be whole numbers from 0 to 4',
    );
    expect(() => traceTrial({ ...input, synapse: [0.5, 0] })).toThrow(/synapse/);
    expect(() => traceTrial({ ...input, trial: -1 })).toThrow('trial -1 is not a whole number ≥ 0');
    sim.dispose();
  });
});
