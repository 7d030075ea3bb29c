// The glue between the theory builders and the chart panels: badge text per choice, overlays appended (legend room,
// loss floor, clipped at the current step), runs near the manifold, wrapped titles. May import: vitest, src, ./theory/helpers.
import { describe, expect, it } from 'vitest';
import type { EngineParams } from '../../src/engine/params';
import { type FigureInput, lossFigure, modesFigure } from '../../src/ui/charts/figures';
import {
  fitTitle,
  lossDisplayFloor,
  overlayTraces,
  runsNearManifold,
  THEORY_CHOICES,
  theoryBadgeView,
  withOverlay,
  wrapTitle,
} from '../../src/ui/charts/theory-view';
import { odeLossFloor, phasePortraitFigure, predictTheory, stabilityFigure } from '../../src/ui/theory';
import { history, params, runsFor } from './theory/helpers';

function figureInput(p: EngineParams): FigureInput {
  return { ...runsFor(p), spectra: p.rules.map(() => null), params: p };
}

describe('theoryBadgeView: what the badge says', () => {
  it('offers off, map (finite T) and ODE (T→∞), in that order', () => {
    expect(THEORY_CHOICES.map((c) => c.value)).toEqual(['off', 'map', 'ode']);
    expect(THEORY_CHOICES.map((c) => c.label)).toEqual(['off', 'map (finite T)', 'ODE (T→∞)']);
  });

  it('the map with the expected gradient on the aligned task is exact, with no reasons', () => {
    const b = theoryBadgeView(params(), 'map');
    expect(b).toMatchObject({ level: 'exact', text: 'Theory (map): exact', reasons: [] });
    expect(b.summary).toMatch(/BPTT exact/);
  });

  it('the ODE is approximate (a T→∞ limit); so is the sampled gradient, whichever the kind', () => {
    const ode = theoryBadgeView(params(), 'ode');
    expect(ode.level).toBe('approximate');
    expect(ode.text).toBe('Theory (ODE): approximate');
    expect(ode.reasons.some((r) => /T→∞ limit/.test(r))).toBe(true);
    const sampled = theoryBadgeView(params({ gradient: 'sampled' }), 'map');
    expect(sampled.text).toBe('Theory (map): approximate');
    // one reason, not one per rule
    expect(sampled.reasons).toEqual([
      'sampled gradient: minibatch noise around the expected-form prediction',
    ]);
  });

  it('does not apply to the random task, a random student, or e-prop alone', () => {
    for (const p of [params({ task: 'random' }), params({ init: 'random' }), params({ rules: ['eprop'] })]) {
      const b = theoryBadgeView(p, 'map');
      expect(b.level).toBe('none');
      expect(b.text).toBe('Theory: does not apply');
      expect(b.reasons.length).toBeGreaterThan(0);
    }
    expect(theoryBadgeView(params({ task: 'random' }), 'map').reasons[0]).toMatch(/random task/);
  });

  it('e-prop next to a covered rule does not lower the level, but is named in the reasons', () => {
    const b = theoryBadgeView(params({ rules: ['bptt', 'eprop'] }), 'map');
    expect(b.level).toBe('exact');
    expect(b.reasons.some((r) => /e-prop/.test(r))).toBe(true);
  });

  it('a diverged run is not called exact: the badge and its rule are approximate, with the step named', () => {
    const p = params({ rules: ['bptt', 'rflo'] });
    const runs = [{ rule: 'bptt' as const }, { rule: 'rflo' as const }];
    const b = theoryBadgeView(p, 'map', { runs, divergences: [null, { step: 2, reason: 'loss exceeded' }] });
    expect(b.level).toBe('approximate');
    expect(b.text).toBe('Theory (map): approximate');
    expect(b.text).not.toMatch(/exact/);
    expect(b.summary).toMatch(/BPTT exact/);
    expect(b.summary).toMatch(/RFLO diverged at step 2/);
    expect(b.summary).not.toMatch(/RFLO exact/);
    expect(b.reasons).toEqual([expect.stringMatching(/^RFLO diverged at step 2: its run stopped there/)]);
    // no divergence: exact as before
    expect(theoryBadgeView(p, 'map', { runs, divergences: [null, null] }).level).toBe('exact');
  });

  it('off says so and lists nothing', () => {
    expect(theoryBadgeView(params({ task: 'random' }), 'off')).toEqual({
      level: 'off',
      text: 'Theory: off',
      summary: '',
      reasons: [],
    });
  });
});

describe('overlays on the loss and mode figures', () => {
  const P = params({ steps: 400, lr: 0.05 });
  const input = figureInput(P);

  it('withOverlay appends the theory traces after the figure’s own, in their rules’ legend entries, and copies', () => {
    const base = lossFigure(input);
    const before = structuredClone(base);
    const { loss } = overlayTraces(P, predictTheory(P, 'map', 41), { upTo: 400 });
    const fig = withOverlay(input, base, loss);
    expect(fig.data.slice(0, base.data.length)).toEqual(base.data);
    expect(fig.data.slice(base.data.length).every((t) => t.meta?.role === 'theory')).toBe(true);
    expect(fig.data.length).toBe(base.data.length + 3);
    // no legend entries of their own (one entry per rule toggles both), so no more legend room
    expect(fig.layout.margin.b).toBe(base.layout.margin.b);
    expect(fig.layout.height).toBe(base.layout.height);
    expect(base).toEqual(before);
    expect(withOverlay(input, base, [])).toBe(base);
  });

  it('mode overlays sit on the modes figure’s a·b and w axes', () => {
    const fig = withOverlay(
      input,
      modesFigure(input),
      overlayTraces(P, predictTheory(P, 'map', 41), { upTo: 400 }).modes,
    );
    const theory = fig.data.filter((t) => t.meta?.role === 'theory');
    expect(theory.length).toBe(3 * 2 * P.modes);
    const runAxes = new Set(
      fig.data.filter((t) => t.meta?.role === 'run').map((t) => `${t.xaxis}/${t.yaxis}`),
    );
    for (const t of theory) expect(runAxes.has(`${t.xaxis}/${t.yaxis}`)).toBe(true);
  });

  it('drawn up to the current step, and the predicted loss not below the display floor', () => {
    for (const kind of ['map', 'ode'] as const) {
      const preds = predictTheory(P, kind, 41);
      const { loss, modes } = overlayTraces(P, preds, { upTo: 200 });
      const drawn = [...loss, ...modes].filter((t) => t.meta?.role !== 'theory-ahead');
      for (const t of drawn) expect(Math.max(...t.x)).toBeLessThanOrEqual(200);
      // the rest of the horizon is there from the start, greyed, joining the drawn part at the current step
      const ahead = [...loss, ...modes].filter((t) => t.meta?.role === 'theory-ahead');
      expect(ahead.length).toBe(drawn.filter((t) => t.meta?.role === 'theory').length);
      for (const t of ahead) {
        expect(Math.min(...t.x)).toBeLessThanOrEqual(200);
        expect(Math.max(...t.x)).toBe(P.steps);
        expect(t.line?.color).toMatch(/rgba\(.*0\.3\)/);
      }
      const all = overlayTraces(P, preds, { upTo: 400 }).loss.filter((t) => t.meta?.role === 'theory');
      const floor = lossDisplayFloor(P);
      expect(floor).toBe(odeLossFloor(P));
      for (const t of all) {
        expect(t.y.every((v) => v === null || v >= floor)).toBe(true);
        expect(t.y.some((v) => v !== null && v < 1e-3)).toBe(true); // it still shows the fall
      }
    }
    // the map falls below the floor once converged (the engine's float32 loss cannot): those points are gaps
    const long = params({ steps: 3000, lr: 0.05 });
    const map = overlayTraces(long, predictTheory(long, 'map', 61), { upTo: 3000 }).loss;
    expect(map.every((t) => t.y.at(-1) === null)).toBe(true);
  });

  it('no predictions, no traces (theory off, or nothing applies)', () => {
    expect(overlayTraces(P, [], { upTo: 10 })).toEqual({ loss: [], modes: [] });
    const random = params({ task: 'random' });
    expect(overlayTraces(random, predictTheory(random, 'map', 11), { upTo: 10 })).toEqual({
      loss: [],
      modes: [],
    });
  });
});

describe('runsNearManifold: only runs near ab = p, w = w* mark the stability chart', () => {
  const P = params({ modes: 1, aStar: [1], bStar: [1], wStar: [0.5] });
  const runs = [
    { rule: 'bptt' as const, seed: 1 },
    { rule: 'rflo' as const, seed: 1 },
  ];
  it('keeps a run whose latest (a, b, w) is within 10 % of the manifold, drops one that is far', () => {
    const near = history([0, 10], [[0.02], [2]], [[0.02], [0.52]], [[0], [0.52]]);
    const far = history([0, 10], [[2], [0.05]], [[0.5], [0.05]], [[0.5], [0.1]]);
    const out = runsNearManifold(P, 0, runs, [near, far]);
    expect(out.runs).toEqual([runs[0]]);
    expect(out.histories).toEqual([near]);
    // the stability chart then marks exactly that run, at s = its a
    const fig = stabilityFigure({ params: P, mode: 0, ...out });
    const marks = fig.data.filter((t) => t.meta?.role === 'run-point');
    expect(marks.map((t) => [t.meta?.rule, t.x[0]])).toEqual([['bptt', 2]]);
  });

  it('an empty history (step 0 not yet recorded) marks nothing', () => {
    expect(runsNearManifold(P, 0, runs, []).runs).toEqual([]);
  });
});

describe('titles that fit a half-width panel', () => {
  it('wrapTitle breaks at spaces, keeps tags whole and zero-width, and restarts after <br>', () => {
    expect(wrapTitle('aaa bbb ccc', 7)).toBe('aaa bbb<br>ccc');
    expect(wrapTitle('short', 40)).toBe('short');
    expect(wrapTitle('averyverylongword x', 5)).toBe('averyverylongword<br>x');
    const t = wrapTitle('one two<br><span style="font-size:0.8em">three four five</span>', 10);
    expect(t).toBe('one two<br><span style="font-size:0.8em">three four<br>five</span>');
    for (const line of t.split('<br>')) expect(line.replace(/<[^>]*>/g, '').length).toBeLessThanOrEqual(10);
  });

  it('fitTitle moves the wrapped title into a top annotation and grows the top margin per added line', () => {
    const p = params();
    const fig = stabilityFigure({ params: p, mode: 0 });
    const fitted = fitTitle(fig, 30);
    expect(fitted.layout.title).toBeUndefined();
    const title = fitted.layout.annotations[0];
    expect(title.text.replace(/<br>/g, ' ')).toBe(fig.layout.title?.text);
    const lines = title.text.split('<br>').length;
    expect(lines).toBeGreaterThan(1);
    expect(fitted.layout.margin.t).toBeGreaterThan(fig.layout.margin.t);
    expect((fitted.layout.height ?? 0) - (fig.layout.height ?? 0)).toBe(
      fitted.layout.margin.t - fig.layout.margin.t,
    );
    // the annotation's top sits just inside the figure's top edge
    const plot = (fitted.layout.height ?? 0) - fitted.layout.margin.t - fitted.layout.margin.b;
    expect(title.yanchor).toBe('top');
    expect((title.y - 1) * plot).toBeCloseTo(fitted.layout.margin.t - 4, 6);
    // shapes (stable/unstable regions) survive
    expect(fitted.layout.shapes).toEqual(fig.layout.shapes);
    // the phase portrait's title (with its note line) too
    const phase = fitTitle(phasePortraitFigure({ params: p, mode: 0, rule: 'rflo' }), 40);
    expect(phase.layout.annotations[0].text).toMatch(/no saddle/);
  });
});
