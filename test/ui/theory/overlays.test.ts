// Theory overlays land on the loss and modes charts' own axes, in rule colours with their own dash, and stop
// (with a reason) where the prediction stops. May import: vitest, src/ui (figures, rule-style, theory), ./helpers.
import { describe, expect, it } from 'vitest';
import type { EngineParams } from '../../../src/engine/params';
import { type FigureInput, lossFigure, MAX_MODE_PANELS, modesFigure } from '../../../src/ui/charts/figures';
import type { Trace } from '../../../src/ui/plot/plotly-types';
import { RULE_STYLE } from '../../../src/ui/rule-style';
import {
  lossOverlayTraces,
  modeOverlayTraces,
  odeLossFloor,
  overlayNotes,
  THEORY_WIDTH,
  theoryDash,
} from '../../../src/ui/theory/overlays';
import { predictTheory, type RulePrediction } from '../../../src/ui/theory/predictions';
import { params, runsFor } from './helpers';

function figureInput(p: EngineParams): FigureInput {
  return { ...runsFor(p), spectra: p.rules.map(() => null), params: p };
}

const axes = (t: Trace) => `${t.xaxis}/${t.yaxis}`;

/** panel → axes of the figure's run traces */
function runAxes(data: Trace[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of data) if (t.meta?.role === 'run') out.set(`${t.meta.panel}:${t.meta.rule}`, axes(t));
  return out;
}

const P = params({ rules: ['bptt', 'tbptt', 'rflo', 'eprop'], modes: 2, steps: 600, lr: 0.05 });

describe('loss overlay', () => {
  it('one theory curve per rule with theory, on the loss panel’s axes, values = the predicted loss', () => {
    for (const kind of ['map', 'ode'] as const) {
      const preds = predictTheory(P, kind, 61);
      const overlay = lossOverlayTraces(P, preds);
      const runs = runAxes(lossFigure(figureInput(P)).data);
      expect(overlay.map((t) => t.meta?.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
      for (const t of overlay) {
        expect(axes(t)).toBe(runs.get(`loss:${t.meta?.rule}`));
        const pred = preds.find((x) => x.rule === t.meta?.rule) as RulePrediction;
        expect(t.x).toEqual(pred.trace?.step);
        const min = kind === 'ode' ? odeLossFloor(P) : 0;
        expect(t.y).toEqual(pred.trace?.loss.map((v) => (v !== null && v > min ? v : null)));
        expect(t.y.some((v) => v !== null && v < 1e-6)).toBe(true); // it converged
        expect(t.meta?.role).toBe('theory');
      }
    }
  });

  it('thin, rule-coloured, a dash unlike the rule’s own, named "… · theory (ODE)"', () => {
    const overlay = lossOverlayTraces(P, predictTheory(P, 'ode', 11));
    for (const t of overlay) {
      const rule = t.meta?.rule as 'bptt' | 'tbptt' | 'rflo';
      expect(t.line?.color).toBe(RULE_STYLE[rule].color);
      expect(t.line?.width).toBe(THEORY_WIDTH);
      expect(t.line?.dash).not.toBe(RULE_STYLE[rule].dash);
    }
    expect(overlay[0].name).toBe('BPTT · theory (ODE)');
    expect(theoryDash('bptt', 'ode')).not.toBe(theoryDash('bptt', 'map'));
    expect(theoryDash('rflo', 'ode')).not.toBe('dot');
    expect(theoryDash('tbptt', 'map')).not.toBe('dash');
  });

  it('the ODE’s loss is cut at its rounding floor (the map’s is not)', () => {
    const [ode] = predictTheory(P, 'ode', 61);
    const floor = odeLossFloor(P);
    // P's saddle loss: ½p²/(1−q²) for (p, q) = (1, 0.5) and (0.5, 0.8)
    expect(floor).toBeCloseTo(1e-12 * (0.5 / 0.75 + 0.125 / 0.36), 24);
    expect(ode.trace?.loss.some((v) => v !== null && v < floor)).toBe(true); // noise exists …
    const [t] = lossOverlayTraces(P, [ode]);
    expect(t.y.every((v) => v === null || v > floor)).toBe(true); // … and is not drawn
    expect(t.x[t.x.length - 1]).toBe(P.steps); // the curve is not "stopped" by it
    expect(t.meta?.stopped).toBeUndefined();
  });

  it('upTo clips the curve at the current step', () => {
    const [t] = lossOverlayTraces(P, predictTheory(P, 'map', 61).slice(0, 1), { upTo: 205 });
    expect(Math.max(...t.x)).toBeLessThanOrEqual(205);
    expect(Math.max(...t.x)).toBeGreaterThan(190);
  });

  it('nothing for e-prop or the random task (with notes saying why)', () => {
    const eprop = params({ rules: ['eprop'] });
    const preds = predictTheory(eprop, 'map', 11);
    expect(lossOverlayTraces(eprop, preds)).toEqual([]);
    expect(modeOverlayTraces(eprop, preds)).toEqual([]);
    expect(overlayNotes(eprop, preds)[0].text).toMatch(/e-prop.*not drawn.*e-prop/);
    const random = params({ task: 'random' });
    const rp = predictTheory(random, 'ode', 11);
    expect(lossOverlayTraces(random, rp)).toEqual([]);
    expect(modeOverlayTraces(random, rp)).toEqual([]);
    // even a (wrongly) supplied trace is not drawn when the status is 'none'
    const forced = predictTheory(params(), 'map', 11).map((x) => ({
      ...x,
      status: { level: 'none' as const, reasons: ['x'] },
    }));
    expect(lossOverlayTraces(params(), forced)).toEqual([]);
  });
});

describe('mode overlays', () => {
  it('a·b and w per mode on the same axes as modesFigure’s run traces of that mode', () => {
    const preds = predictTheory(P, 'map', 31);
    const overlay = modeOverlayTraces(P, preds);
    const runs = runAxes(modesFigure(figureInput(P)).data);
    expect(overlay.length).toBe(2 * 2 * 3); // modes × (a·b, w) × rules with theory
    for (const t of overlay) {
      const panel = t.meta?.panel as string;
      expect(axes(t)).toBe(runs.get(`${panel}:${t.meta?.rule}`));
      const m = Number(panel.slice(-1));
      const pred = preds.find((x) => x.rule === t.meta?.rule)?.trace;
      const k = 17;
      const want = panel.startsWith('ab')
        ? (pred?.a[k][m] as number) * (pred?.b[k][m] as number)
        : pred?.w[k][m];
      expect(t.y[k]).toBe(want);
    }
    // legend entries once per rule
    // no legend entries of their own: they join their rule's group (one entry per rule toggles both)
    expect(overlay.filter((t) => t.showlegend).length).toBe(0);
    expect(new Set(overlay.map((t) => t.legendgroup))).toEqual(new Set(['bptt', 'tbptt', 'rflo']));
  });

  it('only the shown modes get curves', () => {
    const many = params({ n: 8, i: 8, o: 8, modes: 8, rules: ['bptt'], steps: 100 });
    const overlay = modeOverlayTraces(many, predictTheory(many, 'map', 11));
    expect(overlay.length).toBe(2 * MAX_MODE_PANELS);
    const runs = runAxes(modesFigure(figureInput(many)).data);
    for (const t of overlay) expect(axes(t)).toBe(runs.get(`${t.meta?.panel}:bptt`));
  });
});

describe('stopped predictions', () => {
  const near = params({
    rules: ['bptt', 'rflo'],
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
  const preds = predictTheory(near, 'ode', 301);

  it('the curve ends where the prediction stopped, and a stop marker carries the reason', () => {
    const rflo = lossOverlayTraces(near, preds).filter((t) => t.meta?.rule === 'rflo');
    const [line, marker] = rflo;
    const stop = preds[1].trace?.stopped;
    expect(stop).toBeTruthy();
    expect(Math.max(...line.x)).toBeLessThan(stop?.step as number);
    expect(line.y.every((v) => v !== null)).toBe(true);
    expect(line.meta?.stopped).toMatch(/stops at step \d+: mode 0: \|w\| reached 1/);
    expect(marker.meta?.role).toBe('theory-stop');
    expect(marker.x).toEqual([line.x[line.x.length - 1]]);
    expect(marker.hovertemplate).toMatch(/reached 1/);
    // BPTT's ODE from the same point does not stop: no marker, whole range
    const bptt = lossOverlayTraces(near, preds).filter((t) => t.meta?.rule === 'bptt');
    expect(bptt.length).toBe(1);
    expect(bptt[0].x[bptt[0].x.length - 1]).toBe(3000);
    expect(overlayNotes(near, preds).map((n) => n.rule)).toEqual(['rflo']);
  });

  it('per-mode curves stop too', () => {
    const w = modeOverlayTraces(near, preds).filter((t) => t.meta?.rule === 'rflo' && t.meta?.panel === 'w0');
    expect(w[0].meta?.stopped).toMatch(/reached 1/);
    expect(Math.max(...w[0].x)).toBeLessThan(preds[1].trace?.stopped?.step as number);
  });
});
