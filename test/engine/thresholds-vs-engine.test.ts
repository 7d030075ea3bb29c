// The theory's thresholds on the phase diagrams (src/theory/run-boundaries) against the real engine: trained just
// below its learning-rate limit a run converges, just above it it does not; stopped before BPTT's or tBPTT's
// saddle escape a run is still on the plateau, given twice the escape steps it has converged.
import { describe, expect, it } from 'vitest';
import { runOutcome } from '../../src/engine/sweep/outcome';
import { SweepRunner, type SweepRunRecord } from '../../src/engine/sweep/sweep-runner';
import { runLrLimit, runSaddleEscape } from '../../src/theory';
import { params, withBackend } from './helpers';

withBackend();

/** the outcome the sweep's table gives the run (â: RFLO's branch) */
const outcomeOf = (r: SweepRunRecord) => runOutcome({ ...r, aHat: [1] }).outcome;

const ONE_MODE = { modes: 1, aStar: [1], bStar: [1], wStar: [0.5], w0: [0], aHat: [1], T: 10 } as const;

describe('the learning-rate limit (finite-T map at the flow’s end point) bounds the engine', () => {
  // measured: BPTT and tBPTT converge at 0.95 × and stall at 1.05 ×; RFLO converges at 0.9 ×, and at 0.95 × its
  // transient already runs away (the limit is the end point's, a necessary condition only)
  for (const [rule, below] of [
    ['bptt', 0.95],
    ['tbptt', 0.95],
    ['rflo', 0.85],
  ] as const)
    it(`${rule}: converged at ${below} × the limit, not at 1.05 ×`, () => {
      const p = params({ ...ONE_MODE, rules: [rule], a0: [0.5], b0: [0.5], steps: 1500, every: 50 });
      const limit = runLrLimit(p, rule)!;
      expect(limit).toBeGreaterThan(0.1);
      const [ok, bad] = new SweepRunner([
        { ...p, lr: below * limit },
        { ...p, lr: 1.05 * limit },
      ]).runToEnd();
      expect(outcomeOf(ok)).toBe('converged');
      expect(outcomeOf(bad)).not.toBe('converged');
    });
});

describe('the saddle escape (THEORY 3.3’s rate, linearised map) times the engine’s plateau', () => {
  for (const rule of ['bptt', 'tbptt'] as const)
    it(`${rule}: at 0.9 × the escape steps the loss has not halved; at 2 × it has converged`, () => {
      const p = params({ ...ONE_MODE, rules: [rule], a0: [1e-3], b0: [1e-3], lr: 0.02, steps: 100 });
      const escape = runSaddleEscape(p, rule)!;
      expect(escape).toBeGreaterThan(200);
      const at = (f: number) => {
        const steps = Math.round(f * escape);
        return new SweepRunner([{ ...p, steps, every: steps }]).runToEnd()[0];
      };
      const early = at(0.9);
      expect(early.loss[1]! / early.loss[0]!).toBeGreaterThan(0.5);
      expect(outcomeOf(at(2))).toBe('converged');
    });
});
