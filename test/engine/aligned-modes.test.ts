// The matrix engine's aligned expected-form runs against the independent scalar mode maps of THEORY 3.1,
// mode by mode, over many steps; the bases never move (off-diagonal fractions stay at rounding level).
import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../src/engine/history';
import type { LossKind } from '../../src/engine/params';
import { trainAndRecord } from '../../src/engine/run-builder';
import { Simulation } from '../../src/engine/simulation';
import { iterateModeMap } from '../../src/theory';
import { EXPECTED_PLANS, params, withBackend } from './helpers';

withBackend();

const modes = {
  aStar: [1, -0.8, 1.5],
  bStar: [1, 0.6, 0.5],
  wStar: [0.5, -0.3, 0.8],
  a0: [0.3, 0.4, -0.2],
  b0: [0.2, -0.3, 0.25],
  w0: [0.1, 0, -0.2],
  aHat: [0.8, -0.5, 1.2],
};

describe.each<LossKind>(['final', 'sequence'])('%s loss', (loss) => {
  it.each(EXPECTED_PLANS)(
    '%s plan: bptt, tbptt (k = 1 and 3) and rflo follow the scalar mode maps for 300 steps',
    (plan) => {
      for (const truncation of [1, 3]) {
        const p = params({
          task: 'aligned',
          rules: ['bptt', 'tbptt', 'rflo'],
          n: 5,
          i: 4,
          o: 3,
          modes: 3,
          ...modes,
          T: 8,
          lr: 0.05,
          steps: 300,
          every: 30,
          what: 0.4,
          truncation,
          loss,
        });
        const sim = new Simulation(p, { plan });
        const rec = trainAndRecord(sim, new HistoryRecorder(sim.runs.length));
        sim.runs.forEach((run, k) => {
          const h = rec.histories[k];
          for (let m = 0; m < 3; m++) {
            const theory = iterateModeMap({
              rule: run.rule as 'bptt' | 'tbptt' | 'rflo',
              init: { a: p.a0[m], b: p.b0[m], w: p.w0[m] },
              teacher: { aStar: p.aStar[m], bStar: p.bStar[m], wStar: p.wStar[m] },
              feedback: { aHat: p.aHat[m], what: p.what },
              T: p.T,
              loss,
              truncation,
              lr: p.lr,
              steps: p.steps,
              record: h.step,
            });
            h.step.forEach((_, r) => {
              const where = `${run.rule} k=${truncation} mode ${m} step ${h.step[r]}`;
              expect(Math.abs(h.a[r][m] - theory.a[r]), where).toBeLessThan(2e-5);
              expect(Math.abs(h.b[r][m] - theory.b[r]), where).toBeLessThan(2e-5);
              expect(Math.abs(h.w[r][m] - theory.w[r]), where).toBeLessThan(2e-5);
            });
            // the modes really moved
            expect(
              Math.abs(theory.a[theory.a.length - 1] - p.a0[m]) +
                Math.abs(theory.w[theory.w.length - 1] - p.w0[m]),
            ).toBeGreaterThan(0.05);
          }
          const last = h.step.length - 1;
          for (const frac of [h.alignA[last], h.alignW[last], h.alignB[last]])
            expect(frac as number).toBeLessThan(1e-5);
        });
        sim.dispose();
      }
    },
  );
});

it.each(EXPECTED_PLANS)(
  '%s plan: e-prop equals BPTT when the basis is the identity (diag(W)^s = W^s for diagonal W) but not otherwise',
  (plan) => {
    const common = {
      task: 'aligned',
      rules: ['bptt', 'eprop'],
      n: 3,
      i: 3,
      o: 3,
      modes: 3,
      ...modes,
      T: 6,
      lr: 0.05,
    } as const;
    const identity = new Simulation(params({ ...common, basis: 'identity' }), { plan });
    identity.stepMany(50);
    const [wb, we] = identity.weights();
    expect(Math.max(...wb.W.flat().map((v, k) => Math.abs(v - we.W.flat()[k])))).toBeLessThan(1e-6);
    const rotated = new Simulation(params({ ...common, basis: 'random' }), { plan });
    rotated.stepMany(50);
    const [rb, re] = rotated.weights();
    expect(Math.max(...rb.W.flat().map((v, k) => Math.abs(v - re.W.flat()[k])))).toBeGreaterThan(1e-3);
    identity.dispose();
    rotated.dispose();
  },
);
