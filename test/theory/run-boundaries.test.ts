// A run's learning-rate limit and saddle escape are its worst mode's (the mode functions are tested against the
// iterated map in lr-limit and saddle-escape tests), and the theory stays silent where it does not apply.
// May import: vitest, src/theory and src/state (for real parameters).
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/state/url';
import { lrLimitOfMap } from '../../src/theory/lr-limit';
import { mapFlowEndpoint } from '../../src/theory/flow-endpoint';
import { runLrLimit, runSaddleEscape } from '../../src/theory/run-boundaries';
import { saddleEscapeSteps } from '../../src/theory/saddle-escape';

const params = (q: string) => parseQuery(`v=1&${q}`).params;

describe('runLrLimit', () => {
  const p = params('modes=2&aStar=1,2&bStar=1,1&wStar=0.5,-0.3&a0=0.3,0.4&b0=0.2,0.1&w0=0,0&T=10');
  it('is the smaller of the two modes’ limits, each taken where that mode’s flow ends', () => {
    const limits = [0, 1].map((m) => {
      const teacher = { aStar: p.aStar[m], bStar: p.bStar[m], wStar: p.wStar[m] };
      const fb = { aHat: p.aHat[m], what: p.what };
      const end = mapFlowEndpoint('bptt', { a: p.a0[m], b: p.b0[m], w: p.w0[m] }, teacher, fb, 10, p.loss)!;
      return lrLimitOfMap('bptt', end, teacher, fb, 10, p.loss);
    });
    expect(limits[0]).not.toBeCloseTo(limits[1], 2);
    expect(runLrLimit(p, 'bptt')).toBe(Math.min(...limits));
  });
  it('null for e-prop and where the mode theory does not apply', () => {
    expect(runLrLimit(p, 'eprop')).toBeNull();
    expect(runLrLimit({ ...p, init: 'random' }, 'bptt')).toBeNull();
    expect(runLrLimit({ ...p, task: 'random' }, 'rflo')).toBeNull();
  });
});

describe('runSaddleEscape', () => {
  const p = params('modes=2&aStar=1,0.5&bStar=1,1&wStar=0.5,0.5&a0=0.001,0.001&b0=0.001,0.001&T=20&lr=0.02');
  it('is the later of the modes’ escapes (the weaker mode leaves last)', () => {
    const mode = (m: number) =>
      saddleEscapeSteps(
        'bptt',
        { a: p.a0[m], b: p.b0[m], w: p.w0[m] },
        { aStar: p.aStar[m], bStar: p.bStar[m], wStar: p.wStar[m] },
        20,
        p.loss,
        0.02,
      );
    expect(mode(1)).toBeGreaterThan(1.5 * mode(0));
    expect(runSaddleEscape(p, 'bptt')).toBe(mode(1));
  });
  it('null for RFLO and e-prop (no saddle manifold), 0 off the plateau', () => {
    expect(runSaddleEscape(p, 'rflo')).toBeNull();
    expect(runSaddleEscape(p, 'eprop')).toBeNull();
    expect(runSaddleEscape({ ...p, a0: [1, 1], b0: [1, 1] }, 'tbptt')).toBe(0);
  });
});
