// Tests of the multi-mode theory run used by the app and the CLI (THEORY 3, 3.1, 3.2).
// May import: vitest and src/theory only.
import { describe, expect, it } from 'vitest';
import { runTheory, type RunTheoryInput, type TheoryTrace } from '../../src/theory/run-theory';
import { integrateModeOde } from '../../src/theory/mode-odes';
import { iterateModeMap } from '../../src/theory/mode-maps';

const INPUT: RunTheoryInput = {
  rule: 'rflo',
  modes: {
    aStar: [1, 0.8],
    bStar: [1, 0.5],
    wStar: [0.5, -0.3],
    a0: [0.05, 0.05],
    b0: [0.05, -0.05],
    w0: [0, 0.1],
    aHat: [0.7, -0.4],
  },
  what: 0.5,
  T: 30,
  lr: 0.05,
  loss: 'final',
  truncation: 1,
  steps: [0, 10, 100, 500],
};

function isTrace(x: unknown): x is TheoryTrace {
  return typeof x === 'object' && x !== null && 'step' in x;
}

describe('runTheory', () => {
  it('runs the ODE and the map per mode and sums the loss', () => {
    const out = runTheory(INPUT);
    if ('notApplicable' in out) throw new Error(out.notApplicable);
    const { theory, map } = out;
    if (!isTrace(theory) || !isTrace(map)) throw new Error('expected traces');
    expect(theory.step).toEqual([0, 10, 100, 500]);
    expect(map.a[0]).toEqual([0.05, 0.05]);
    for (let m = 0; m < 2; m++) {
      const x = {
        rule: 'rflo' as const,
        init: { a: INPUT.modes.a0[m], b: INPUT.modes.b0[m], w: INPUT.modes.w0[m] },
        teacher: { aStar: INPUT.modes.aStar[m], bStar: INPUT.modes.bStar[m], wStar: INPUT.modes.wStar[m] },
        feedback: { aHat: INPUT.modes.aHat[m], what: 0.5 },
      };
      const ode = integrateModeOde({ ...x, lr: 0.05, record: INPUT.steps });
      const it = iterateModeMap({ ...x, T: 30, loss: 'final', lr: 0.05, steps: 500, record: INPUT.steps });
      expect(theory.w.map((row) => row[m])).toEqual(ode.w);
      expect(map.b.map((row) => row[m])).toEqual(it.b);
    }
    const odeLoss = (i: number) =>
      [0, 1].reduce((s, m) => {
        const x = integrateModeOde({
          rule: 'rflo',
          init: { a: INPUT.modes.a0[m], b: INPUT.modes.b0[m], w: INPUT.modes.w0[m] },
          teacher: { aStar: INPUT.modes.aStar[m], bStar: INPUT.modes.bStar[m], wStar: INPUT.modes.wStar[m] },
          feedback: { aHat: INPUT.modes.aHat[m], what: 0.5 },
          lr: 0.05,
          record: INPUT.steps,
        });
        return s + x.loss[i];
      }, 0);
    expect(theory.loss[3]).toBeCloseTo(odeLoss(3), 14);
    expect(theory.loss[3]!).toBeLessThan(theory.loss[0]!);
    expect(theory.stopped).toBeNull();
  });

  it('is JSON-safe: a blown-up mode gives nulls, never NaN or Infinity', () => {
    const input = {
      ...INPUT,
      rule: 'bptt' as const,
      lr: 40,
      modes: { ...INPUT.modes, a0: [1, 0.05], b0: [1, 0.05] },
    };
    const out = runTheory(input);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    if ('notApplicable' in out || !isTrace(out.map)) throw new Error('expected a map trace');
    expect(out.map.stopped?.mode).toBe(0);
    expect(out.map.stopped?.reason).toMatch(/^mode 0: /);
    expect(out.map.a[3][0]).toBeNull();
    expect(out.map.loss[3]).toBeNull();
  });

  it('e-prop is not applicable; tBPTT with k ≠ 1 has a map but no ODE', () => {
    expect(runTheory({ ...INPUT, rule: 'eprop' })).toEqual({
      notApplicable: expect.stringMatching(/e-prop/),
    });
    const out = runTheory({ ...INPUT, rule: 'tbptt', truncation: 3 });
    if ('notApplicable' in out) throw new Error(out.notApplicable);
    expect(out.theory).toEqual({ notApplicable: expect.stringMatching(/k = 1/) });
    expect(isTrace(out.map)).toBe(true);
    const k1 = runTheory({ ...INPUT, rule: 'tbptt', truncation: 1 });
    if ('notApplicable' in k1) throw new Error(k1.notApplicable);
    expect(isTrace(k1.theory)).toBe(true);
  });

  it('reports invalid input instead of throwing', () => {
    expect(runTheory({ ...INPUT, modes: { ...INPUT.modes, a0: [0.1] } })).toEqual({
      notApplicable: expect.stringMatching(/a0/),
    });
    expect(runTheory({ ...INPUT, T: 0 })).toEqual({ notApplicable: expect.stringMatching(/T/) });
    expect(runTheory({ ...INPUT, steps: [-1] })).toEqual({ notApplicable: expect.stringMatching(/steps/) });
  });

  it('the ODE part reports |q| ≥ 1 as a stop at step 0 for that mode', () => {
    const out = runTheory({ ...INPUT, modes: { ...INPUT.modes, wStar: [0.5, 1] } });
    if ('notApplicable' in out || !isTrace(out.theory)) throw new Error('expected a theory trace');
    expect(out.theory.stopped).toMatchObject({ step: 0, mode: 1 });
    expect(out.theory.w[0]).toEqual([0, null]);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});
