// The outcome of one sweep run, from hand-made loss traces whose answer is plain to see.
import { describe, expect, it } from 'vitest';
import { type OutcomeInput, rfloBranch, runOutcome } from '../../src/engine/sweep/outcome';

const steps = [0, 100, 200, 300, 400];
const run = (loss: (number | null)[], over: Partial<OutcomeInput> = {}): OutcomeInput => ({
  rule: 'bptt',
  steps,
  loss,
  divergedStep: null,
  a: null,
  aHat: null,
  effRankW: 1.5,
  ...over,
});

describe('runOutcome', () => {
  it('converged: below tolerance × initial at the end, reached at the first record of the final stretch', () => {
    // threshold 1e-3 × 1: the loss stays at or below it from step 300 on (step 200's 2e-3 is above)
    const o = runOutcome(run([1, 0.1, 2e-3, 5e-4, 1e-6]));
    expect(o).toEqual({
      outcome: 'converged',
      convergedStep: 300,
      initialLoss: 1,
      finalLoss: 1e-6,
      effRankW: 1.5,
      branch: null,
    });
    expect(runOutcome(run([1, 0.1, 1e-3, 5e-4, 1e-6])).convergedStep).toBe(200); // equal counts
    // a dip below and back up does not count: the final stretch starts at step 400
    expect(runOutcome(run([1, 1e-4, 0.5, 0.1, 1e-5])).convergedStep).toBe(400);
  });

  it('the tolerance is an option', () => {
    expect(runOutcome(run([1, 0.5, 0.2, 0.1, 0.05])).outcome).toBe('slow');
    expect(runOutcome(run([1, 0.5, 0.2, 0.1, 0.05]), { tolerance: 0.1, minDecrease: 1e-3 })).toMatchObject({
      outcome: 'converged',
      convergedStep: 300, // 0.1 ≤ 0.1 × 1
    });
  });

  it('slow: not converged but still falling over the last quarter (a plateau being left); stalled: flat', () => {
    // last quarter: step 300 → 400
    expect(runOutcome(run([1, 0.99, 0.98, 0.97, 0.9])).outcome).toBe('slow');
    expect(runOutcome(run([1, 0.5, 0.4, 0.3, 0.3])).outcome).toBe('stalled');
    expect(runOutcome(run([1, 0.5, 0.4, 0.3, 0.31])).outcome).toBe('stalled'); // rising
    expect(runOutcome(run([1, 0.5, 0.4, 0.3, 0.2999]), { tolerance: 1e-3, minDecrease: 1e-2 }).outcome).toBe(
      'stalled',
    );
  });

  it('diverged: stopped by the engine, or a non-finite loss, whatever came before', () => {
    expect(runOutcome(run([1, 1e-6, 1e-7, 1e-7, 1e-7], { divergedStep: 250 })).outcome).toBe('diverged');
    expect(runOutcome(run([1, 2, null]))).toMatchObject({ outcome: 'diverged', convergedStep: null });
  });

  it("RFLO on the other branch (some mode with â·a < 0) is 'other-branch', converged or not", () => {
    const done = [1, 0.1, 1e-4, 1e-5, 1e-6];
    const rflo = (a: number[], aHat: number[]) => run(done, { rule: 'rflo', a, aHat });
    expect(runOutcome(rflo([1.2, 0.7], [1, 0.5]))).toMatchObject({ outcome: 'converged', branch: 1 });
    expect(runOutcome(rflo([1.2, -0.7], [1, 0.5]))).toMatchObject({
      outcome: 'other-branch',
      branch: -1,
      convergedStep: 200, // the step is kept: it converged there, on the other branch
    });
    expect(runOutcome(rflo([-1.2, -0.7], [-1, -0.5]))).toMatchObject({ outcome: 'converged', branch: 1 });
    // other rules have no branch question
    expect(runOutcome(run(done, { a: [-1, -1], aHat: [1, 1] }))).toMatchObject({
      outcome: 'converged',
      branch: null,
    });
  });
});

describe('rfloBranch', () => {
  it('is the sign of â·a in every mode; modes with â·a = 0 say nothing', () => {
    expect(rfloBranch([0.5, 2], [1, 1])).toBe(1);
    expect(rfloBranch([0.5, -2], [1, 1])).toBe(-1);
    expect(rfloBranch([0.5, 2], [0, -1])).toBe(-1);
    expect(rfloBranch([0, 2], [1, 0])).toBeNull();
  });
});
