// Predictions on an even grid of steps: equal to runTheory there, deterministic, with reasons when there is none.
// May import: vitest, src/theory, src/ui/theory, ./helpers.
import { describe, expect, it } from 'vitest';
import { iterateModeMap, runTheory, type RunTheoryInput, type TheoryTrace } from '../../../src/theory';
import type { EngineParams } from '../../../src/engine/params';
import {
  createPredictionCache,
  predictionCostMs,
  predictionSteps,
  predictTheory,
  theoryInputKey,
} from '../../../src/ui/theory/predictions';
import { params, rawParams } from './helpers';

/** The input predictTheory hands runTheory for rule `rule` at `steps`. */
function input(p: EngineParams, rule: RunTheoryInput['rule'], steps: number[]): RunTheoryInput {
  const { aStar, bStar, wStar, a0, b0, w0, aHat } = p;
  return {
    rule,
    modes: { aStar, bStar, wStar, a0, b0, w0, aHat },
    what: p.what,
    T: p.T,
    lr: p.lr,
    loss: p.loss,
    truncation: p.truncation,
    steps,
  };
}

function traceOf(x: TheoryTrace | { notApplicable: string }): TheoryTrace {
  if ('notApplicable' in x) throw new Error(x.notApplicable);
  return x;
}

// two modes, small init (the saddle plateau of THEORY 5.1), RFLO feedback of both signs
const P = params({
  modes: 2,
  aStar: [1, 0.8],
  bStar: [1, -0.5],
  wStar: [0.5, 0.8],
  a0: [0.05, 0.3],
  b0: [0.05, -0.2],
  w0: [0, 0.2],
  aHat: [1, -0.5],
  T: 12,
  lr: 0.05,
  steps: 2000,
});

describe('predictionSteps', () => {
  it('is an even grid from 0 to steps with the requested number of points', () => {
    const s = predictionSteps(3000, 300);
    expect(s.length).toBe(300);
    expect(s[0]).toBe(0);
    expect(s[299]).toBe(3000);
    const gaps = new Set(s.slice(1).map((v, k) => v - s[k]));
    expect([...gaps].sort()).toEqual([10, 11]);
    expect(predictionSteps(5, 300)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(predictionSteps(0, 300)).toEqual([0]);
  });
});

describe('predictTheory', () => {
  it('map: equals runTheory’s map at the grid, per selected rule (and iterateModeMap directly)', () => {
    const preds = predictTheory(P, 'map', 101);
    expect(preds.map((x) => x.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
    const grid = predictionSteps(P.steps, 101);
    for (const pred of preds) {
      const out = runTheory(input(P, pred.rule, grid));
      if ('notApplicable' in out) throw new Error(out.notApplicable);
      expect(pred.reason).toBeNull();
      expect(pred.trace).toEqual(traceOf(out.map));
      expect(pred.status.level).toBe('exact');
    }
    const rflo = preds[2].trace as TheoryTrace;
    const direct = iterateModeMap({
      rule: 'rflo',
      init: { a: 0.3, b: -0.2, w: 0.2 },
      teacher: { aStar: 0.8, bStar: -0.5, wStar: 0.8 },
      feedback: { aHat: -0.5, what: P.what },
      T: 12,
      loss: 'final',
      lr: 0.05,
      steps: 2000,
      record: [2000],
    });
    expect(rflo.a[100][1]).toBe(direct.a[0]);
    expect(rflo.w[100][1]).toBe(direct.w[0]);
    // it moved: the prediction is not just the initial state
    expect(Math.abs((rflo.a[100][1] as number) - 0.3)).toBeGreaterThan(0.05);
  });

  it('ODE: equals runTheory’s theory at the grid', () => {
    const preds = predictTheory(P, 'ode', 51);
    const grid = predictionSteps(P.steps, 51);
    for (const pred of preds) {
      const out = runTheory(input(P, pred.rule, grid));
      if ('notApplicable' in out) throw new Error(out.notApplicable);
      expect(pred.trace).toEqual(traceOf(out.theory));
      expect(pred.status.level).toBe('approximate');
    }
  });

  it('tBPTT with k = 3: the map follows k (differs from k = 1), the ODE gives a reason', () => {
    const p3 = { ...P, truncation: 3, rules: ['tbptt' as const] };
    const [map3] = predictTheory(p3, 'map', 21);
    const [map1] = predictTheory({ ...p3, truncation: 1 }, 'map', 21);
    expect(map3.trace?.a[20][0]).not.toBe(map1.trace?.a[20][0]);
    const [ode] = predictTheory(p3, 'ode', 21);
    expect(ode.trace).toBeNull();
    expect(ode.reason).toMatch(/k = 1/);
  });

  it('tBPTT with k = T uses BPTT’s ODE', () => {
    const pT = { ...P, truncation: P.T };
    const preds = predictTheory(pT, 'ode', 21);
    expect(preds[1].trace).toEqual(preds[0].trace);
  });

  it('no trace, with a reason, for e-prop and for the random task', () => {
    const [bptt, eprop] = predictTheory(params({ rules: ['bptt', 'eprop'] }), 'map', 11);
    expect(bptt.trace).not.toBeNull();
    expect(eprop.trace).toBeNull();
    expect(eprop.reason).toMatch(/e-prop/);
    for (const pred of predictTheory(params({ task: 'random' }), 'ode', 11)) {
      expect(pred.trace).toBeNull();
      expect(pred.reason).toMatch(/random task/);
    }
  });

  it('the ODE stops with a reason when |w| reaches 1 (w* = 0.9, RFLO detour) and at once for w₀ ≥ 1', () => {
    const near = params({
      rules: ['rflo'],
      modes: 1,
      aStar: [1],
      bStar: [1],
      wStar: [0.9],
      a0: [0.1],
      b0: [2],
      w0: [0.9],
      aHat: [-0.3],
      lr: 0.05,
      steps: 3000,
    });
    const [pred] = predictTheory(near, 'ode', 301);
    const stop = pred.trace?.stopped;
    expect(stop?.reason).toMatch(/\|w\| reached 1/);
    expect(stop?.step).toBeGreaterThan(20);
    expect(stop?.step).toBeLessThan(100);
    const k = pred.trace?.step.findIndex((s) => s >= (stop?.step ?? 0)) ?? -1;
    expect(pred.trace?.w[k - 1][0]).not.toBeNull();
    expect(pred.trace?.w[k][0]).toBeNull();
    expect(pred.trace?.loss[k]).toBeNull();

    const [atOnce] = predictTheory(rawParams({ rules: ['bptt'], modes: 1 }, { w0: [1] }), 'ode', 11);
    expect(atOnce.trace?.stopped?.step).toBe(0);
    expect(atOnce.trace?.stopped?.reason).toMatch(/\|w\| = 1 ≥ 1/);
    expect(atOnce.trace?.loss.every((v) => v === null)).toBe(true);
  });

  it('refuses (with a reason) when the estimated work exceeds the budget; the map is cheaper than the ODE', () => {
    const big = params({ steps: 1_000_000, T: 200, lr: 0.05 });
    expect(predictionCostMs(big, 'bptt', 'ode')).toBeGreaterThan(predictionCostMs(big, 'bptt', 'map'));
    const stiff = params({ wStar: [0.999] });
    expect(predictionCostMs(stiff, 'bptt', 'ode')).toBeGreaterThan(
      50 * predictionCostMs(params(), 'bptt', 'ode'),
    );
    for (const pred of predictTheory(big, 'ode', 11, { budgetMs: 100 })) {
      expect(pred.trace).toBeNull();
      expect(pred.reason).toMatch(/too much work/);
    }
    // a budget only one rule fits in: the first runs, the rest are refused
    const one = predictionCostMs(P, 'bptt', 'map');
    const preds = predictTheory(P, 'map', 11, { budgetMs: one * 1.5 });
    expect(preds.map((x) => x.trace !== null)).toEqual([true, false, false]);
  });

  it('is deterministic, and the cache returns the same object for the same theory inputs', () => {
    expect(predictTheory(P, 'ode', 31)).toEqual(predictTheory(P, 'ode', 31));
    const cached = createPredictionCache(2);
    const first = cached(P, 'map', 31);
    const unrelated: EngineParams = { ...P, rankTol: 0.01, every: 7, seed: 9 };
    expect(cached(unrelated, 'map', 31)).toBe(first);
    expect(theoryInputKey(unrelated, 'map', 31)).toBe(theoryInputKey(P, 'map', 31));
    const other = cached({ ...P, lr: 0.02 }, 'map', 31);
    expect(other).not.toBe(first);
    expect(other[0].trace?.a[30]).not.toEqual(first[0].trace?.a[30]);
    expect(cached(P, 'ode', 31)).not.toBe(first);
  });
});
