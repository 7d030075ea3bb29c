// The thresholds drawn on the phase diagrams are the theory module's: at every point of a drawn line the run's
// learning-rate limit equals its η (or its saddle escape its steps), to the sampling's interpolation error.
// May import: vitest, src/state, src/theory, src/engine types.
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../src/engine/params';
import { defaultParams } from '../../src/state/params';
import { paramsAt, parseGrid, type SweepGrid } from '../../src/state/sweep-grid';
import { sweepBoundaries, thresholdBoundaries } from '../../src/state/threshold-boundaries';
import { runLrLimit, runSaddleEscape } from '../../src/theory';

const grid = (text: string): SweepGrid => {
  const g = parseGrid(text);
  if (!g.ok) throw new Error(g.problem);
  return g.grid;
};
const withRules = (rules: RuleId[]) => ({ ...defaultParams(), rules });
const points = (segments: [number, number, number, number][]) =>
  segments.flatMap(([x0, y0, x1, y1]) => [
    [x0, y0],
    [x1, y1],
  ]);

describe('thresholdBoundaries', () => {
  it('η × w*: one learning-rate-limit line per rule, on which η is the limit (to 1e-3 in ln)', () => {
    const base = withRules(['bptt', 'tbptt', 'rflo', 'eprop']);
    const g = grid('lr=0.01:2:16:log,wStar=-0.9:0.9:16');
    const bounds = thresholdBoundaries(base, g);
    expect(bounds.map((b) => `${b.rule}:${b.kind}`)).toEqual([
      'bptt:lr-limit',
      'tbptt:lr-limit',
      'rflo:lr-limit',
    ]);
    for (const b of bounds) {
      expect(b.segments.length).toBeGreaterThan(20);
      for (const [lr, wStar] of points(b.segments)) {
        const limit = runLrLimit(paramsAt(base, g, [lr, wStar]).params, b.rule)!;
        expect(Math.abs(Math.log(lr / limit)), `${b.rule} at η = ${lr}, w* = ${wStar}`).toBeLessThan(1e-3);
      }
    }
  });

  it('η × â (the default sweep): BPTT’s and tBPTT’s plateau end, where the escape takes the run’s steps', () => {
    const base = withRules(['bptt', 'tbptt', 'rflo']);
    const g = grid('lr=0.005:0.1:16,aHat=-1:1:16');
    const bounds = thresholdBoundaries(base, g).filter((b) => b.kind === 'escape');
    expect(bounds.map((b) => b.rule)).toEqual(['bptt', 'tbptt']);
    for (const b of bounds)
      for (const [lr, aHat] of points(b.segments)) {
        const escape = runSaddleEscape(paramsAt(base, g, [lr, aHat]).params, b.rule)!;
        expect(Math.abs(Math.log(escape / base.steps)), `${b.rule} at η = ${lr}`).toBeLessThan(1e-3);
      }
  });

  it('no line where the mode theory is silent, and RFLO’s own lines come first in sweepBoundaries', () => {
    const g = grid('lr=0.01:2:8:log,wStar=-0.9:0.9:8');
    expect(thresholdBoundaries({ ...withRules(['bptt', 'rflo']), init: 'random' }, g)).toEqual([]);
    expect(thresholdBoundaries(withRules(['eprop']), g)).toEqual([]);
    const all = sweepBoundaries(withRules(['rflo']), grid('a0=-2:2:8,lr=0.01:2:8:log'));
    expect(all.map((b) => b.kind)).toEqual(['branch', 'saddle', 'branch', 'saddle', 'lr-limit']);
  });
});
