// The presets: THEORY 5 scenarios 1–6 as link queries that parse cleanly and are recognised again; scenarios 2
// and 3 checked against the mode theory. May import: vitest, src/state, src/theory.
import { describe, expect, it } from 'vitest';
import { matchingPresetId, presetById, PRESETS } from '../../src/state/presets';
import { resolveParams } from '../../src/state/resolve';
import { parseQuery } from '../../src/state/url';
import { iterateModeMap, stabilityOnManifold } from '../../src/theory';

describe('presets', () => {
  it('cover THEORY 5 scenarios 1 to 6, in order, with unique ids', () => {
    expect(PRESETS.map((p) => p.scenario)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(presetById('emergent-alignment')?.scenario).toBe(5);
    expect(presetById('nope')).toBeUndefined();
  });

  it.each(PRESETS.map((p) => [p.id, p.query]))('%s parses with no notices', (_id, query) => {
    const { notices } = parseQuery(query);
    expect(notices).toEqual([]);
  });

  it('scenario 5 is the aligned task with a random (non-aligned) student, n = i = o = modes = 4', () => {
    const { params } = parseQuery(presetById('emergent-alignment')!.query);
    expect(params).toMatchObject({ task: 'aligned', init: 'random', n: 4, i: 4, o: 4, modes: 4 });
  });

  it('scenario 6 is exactly the issue’s rank experiment', () => {
    const { params } = parseQuery(presetById('rank-of-changes')!.query);
    expect(params).toMatchObject({
      task: 'random',
      seeds: 20,
      rules: ['bptt', 'tbptt', 'rflo', 'eprop'],
      n: 32,
      i: 4,
      o: 1,
      teacherN: 8,
      radius: 0.8,
      initScale: 0.1,
      T: 20,
      lr: 0.05,
      steps: 3000,
      what: 0.5,
    });
  });

  it('scenario 4 sweeps w* over 0, 0.3, 0.6, 0.9 with BPTT and tBPTT', () => {
    const { params } = parseQuery(presetById('tbptt-vs-bptt')!.query);
    expect(params.wStar).toEqual([0, 0.3, 0.6, 0.9]);
    expect(params.rules).toEqual(['bptt', 'tbptt']);
  });

  it('scenario 4’s horizon shows tBPTT’s lag: the w* = 0.9 mode converges later than BPTT’s, well inside the axis', () => {
    const { params } = parseQuery(presetById('tbptt-vs-bptt')!.query);
    const record = Array.from({ length: params.steps + 1 }, (_, k) => k);
    // the first step where the mode is within 2 % of its teacher (a·b = p, w = w*), by the finite-T map
    const converged = (rule: 'bptt' | 'tbptt', m: number) => {
      const tr = iterateModeMap({
        rule,
        init: { a: params.a0[m], b: params.b0[m], w: params.w0[m] },
        teacher: { aStar: params.aStar[m], bStar: params.bStar[m], wStar: params.wStar[m] },
        feedback: { aHat: params.aHat[m], what: params.what },
        T: params.T,
        loss: params.loss,
        truncation: params.truncation,
        lr: params.lr,
        steps: params.steps,
        record,
      });
      const p = params.aStar[m] * params.bStar[m];
      return record.findIndex(
        (_, k) => Math.abs(tr.a[k] * tr.b[k] - p) < 0.02 * p && Math.abs(tr.w[k] - params.wStar[m]) < 0.02,
      );
    };
    const bptt = converged('bptt', 3);
    const tbptt = converged('tbptt', 3);
    expect(bptt).toBeGreaterThan(0);
    // the lag is at least 5 % of the axis (on the old 2,000-step axis it was 1 %), and both end before its last fifth
    expect(tbptt - bptt).toBeGreaterThan(0.05 * params.steps);
    expect(tbptt).toBeLessThan(0.8 * params.steps);
    // at w* = 0 one-step tBPTT is BPTT
    expect(converged('tbptt', 0)).toBe(converged('bptt', 0));
  });

  it('scenario 2 starts one mode next to the manifold point s = 2, where λ₊ orders BPTT < tBPTT < RFLO', () => {
    const { params } = parseQuery(presetById('manifold-rates')!.query);
    expect(params).toMatchObject({ task: 'aligned', init: 'aligned', modes: 1, what: 0.5, wStar: [0.5] });
    expect(params.rules).toEqual(['bptt', 'tbptt', 'rflo']);
    const p = params.aStar[0] * params.bStar[0];
    expect(p).toBe(1);
    // on the manifold ab = p, with w nudged off w*: the loss is small but not zero
    expect(params.a0[0] * params.b0[0]).toBe(p);
    expect(Math.abs(params.w0[0] - params.wStar[0])).toBeCloseTo(0.2, 12);
    const rate = (rule: 'bptt' | 'tbptt' | 'rflo') =>
      stabilityOnManifold(rule, params.a0[0], p, params.wStar[0], params.aHat[0], params.what).lambdaPlus.re;
    // THEORY 3.3's table at s = 2: −2.0376, −1.7211, −1.0302
    expect(rate('bptt')).toBeCloseTo(-2.0376, 3);
    expect(rate('tbptt')).toBeCloseTo(-1.7211, 3);
    expect(rate('rflo')).toBeCloseTo(-1.0302, 3);
  });

  it('scenario 3 is THEORY’s detour, and the finite-T map takes RFLO (only) to the opposite branch in time', () => {
    const { params } = parseQuery(presetById('rflo-detour')!.query);
    expect(params).toMatchObject({
      modes: 1,
      aStar: [1],
      bStar: [1],
      wStar: [0.8],
      a0: [1],
      b0: [1],
      w0: [0.6],
      aHat: [-0.3],
      what: 0.5,
      rules: ['bptt', 'tbptt', 'rflo'],
    });
    const run = (rule: 'bptt' | 'tbptt' | 'rflo') =>
      iterateModeMap({
        rule,
        init: { a: 1, b: 1, w: 0.6 },
        teacher: { aStar: 1, bStar: 1, wStar: 0.8 },
        feedback: { aHat: -0.3, what: 0.5 },
        T: params.T,
        loss: params.loss,
        truncation: params.truncation,
        lr: params.lr,
        steps: params.steps,
        record: [0, Math.round(params.steps / 5), params.steps],
      });
    const rflo = run('rflo');
    const end = rflo.a.length - 1;
    // RFLO ends on the branch a, b < 0 (â·a > 0), converged; on the way its loss rose above the start
    expect(rflo.a[end]).toBeLessThan(0);
    expect(rflo.b[end]).toBeLessThan(0);
    expect(rflo.a[end] * rflo.b[end]).toBeCloseTo(1, 4);
    expect(rflo.loss[1]).toBeGreaterThan(rflo.loss[0]);
    expect(rflo.loss[end]).toBeLessThan(1e-9);
    for (const rule of ['bptt', 'tbptt'] as const) {
      const tr = run(rule);
      expect(tr.a[tr.a.length - 1], rule).toBeGreaterThan(0.9);
      expect(tr.loss[tr.loss.length - 1], rule).toBeLessThan(1e-9);
    }
  });

  it('the menu recognises a preset’s parameters, and nothing else', () => {
    for (const p of PRESETS) expect(matchingPresetId(parseQuery(p.query).params)).toBe(p.id);
    expect(matchingPresetId(resolveParams({ lr: '0.3' }).params)).toBe('');
  });
});
