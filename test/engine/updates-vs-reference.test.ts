// Every rule's engine update (batched float32 TF.js) against the float64 reference written straight from
// THEORY 2.1/2.2 (Horner sums, eligibility traces, backward δ), both losses and both gradient forms.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng';
import { referenceExpectedUpdate, referenceSampledUpdate } from '../../src/engine/reference';
import { Simulation } from '../../src/engine/simulation';
import type { LossKind, RuleId } from '../../src/engine/params';
import { EXPECTED_PLANS, maxAbs, params, relErr, withBackend } from './helpers';

withBackend();

const RULES: RuleId[] = ['bptt', 'tbptt', 'rflo', 'eprop'];
const base = {
  task: 'random',
  rules: RULES,
  n: 5,
  i: 3,
  o: 2,
  teacherN: 4,
  T: 6,
  truncation: 2,
  what: 0.6,
  initScale: 0.8,
  seed: 7,
} as const;

/** The samples MinibatchSource draws first for a run seed: xs[b][t] (float32-rounded, as the engine sees them). */
function firstMinibatch(runSeed: number, T: number, batch: number, i: number): number[][][] {
  const rng = new Rng(runSeed, 'samples');
  const perT = Array.from({ length: T }, () => rng.fillNormal(new Float32Array(batch * i)));
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length: T }, (_, t) => Array.from(perT[t].slice(b * i, b * i + i))),
  );
}

describe.each<LossKind>(['final', 'sequence'])('%s loss', (loss) => {
  it.each(EXPECTED_PLANS)('expected form, %s plan: every rule equals THEORY 2.2', (plan) => {
    const sim = new Simulation(params({ ...base, rules: [...RULES], loss, gradient: 'expected' }), { plan });
    const ups = sim.currentUpdates();
    sim.runs.forEach((run, k) => {
      const ref = referenceExpectedUpdate(
        { rule: run.rule, R: sim.feedback[k], what: base.what, truncation: base.truncation },
        sim.initial[k],
        sim.task.teacher,
        base.T,
        loss,
      );
      expect(maxAbs(ref.dW)).toBeGreaterThan(1e-3);
      expect(relErr(ups[k].dW, ref.dW), `${run.rule} ΔW`).toBeLessThan(2e-5);
      expect(relErr(ups[k].dB, ref.dB), `${run.rule} ΔB`).toBeLessThan(2e-5);
      expect(relErr(ups[k].dA, ref.dA), `${run.rule} ΔA`).toBeLessThan(2e-5);
    });
    sim.dispose();
  });

  it('sampled form: every rule equals THEORY 2.1 on the same minibatch', () => {
    const batch = 5;
    const sim = new Simulation(params({ ...base, rules: [...RULES], loss, gradient: 'sampled', batch }));
    const xs = firstMinibatch(base.seed, base.T, batch, base.i);
    const ups = sim.currentUpdates();
    sim.runs.forEach((run, k) => {
      const ref = referenceSampledUpdate(
        { rule: run.rule, R: sim.feedback[k], what: base.what, truncation: base.truncation },
        sim.initial[k],
        sim.task.teacher,
        xs,
        loss,
      );
      expect(maxAbs(ref.dW)).toBeGreaterThan(1e-3);
      expect(relErr(ups[k].dW, ref.dW), `${run.rule} ΔW`).toBeLessThan(2e-5);
      expect(relErr(ups[k].dB, ref.dB), `${run.rule} ΔB`).toBeLessThan(2e-5);
      expect(relErr(ups[k].dA, ref.dA), `${run.rule} ΔA`).toBeLessThan(2e-5);
    });
    sim.dispose();
  });
});

it('the expected form is the Monte Carlo average of the sampled form', () => {
  const p = { ...base, rules: [...RULES], loss: 'final' as const, T: 4, n: 4, initScale: 1 };
  const expected = new Simulation(params({ ...p, gradient: 'expected' }));
  const exact = expected.currentUpdates();
  const sampled = new Simulation(params({ ...p, gradient: 'sampled', batch: 1024 }));
  const draws = 24;
  const sum = exact.map((u) => u.dW.map((row) => row.map(() => 0)));
  for (let d = 0; d < draws; d++)
    sampled
      .currentUpdates()
      .forEach((u, k) => u.dW.forEach((row, r) => row.forEach((v, c) => (sum[k][r][c] += v / draws))));
  exact.forEach((u, k) => {
    // 24 576 sequences: Monte Carlo error ≈ 1–3 % of the largest entry; a wrong lag or sign is O(100 %)
    expect(relErr(sum[k], u.dW), sampled.runs[k].rule).toBeLessThan(0.06);
  });
  expected.dispose();
  sampled.dispose();
});
