// Pinned runs on the charts: the figure builders draw each pin faded after the run's own traces, with one legend
// entry per pin naming its differences, and say what a pin of another shape cannot show. May import: vitest, src.
import { describe, expect, it } from 'vitest';
import type { RunHistory } from '../../src/engine/history';
import type { EngineParams } from '../../src/engine/params';
import { resolveParams } from '../../src/state/resolve';
import type { PinData } from '../../src/state/pins-slice';
import {
  agreementFigure,
  type FigureInput,
  lossFigure,
  modesFigure,
  rankFigure,
} from '../../src/ui/charts/figures';
import { ghostsFor } from '../../src/ui/charts/pin-ghosts';
import { withOverlay } from '../../src/ui/charts/theory-view';
import { GHOST_OPACITY } from '../../src/ui/plot/ghost-traces';
import type { Figure, Trace } from '../../src/ui/plot/plotly-types';
import { historyAt } from '../state/fake-client';
import { roundingFloor } from '../../src/engine/analysis/rounding-floor';

const params = (raw: Record<string, string> = {}): EngineParams => resolveParams(raw).params;

function aligned(steps: number[], modes: number): RunHistory {
  const h = historyAt(steps);
  steps.forEach((_, k) => {
    const v = Array.from({ length: modes }, () => 0.1 * (k + 1));
    h.a.push(v);
    h.b.push(v);
    h.w.push(v.map(() => 0.05 * k));
  });
  return h;
}

/** The current run (bptt, rflo) and pins given by their queries, each ready with histories of its own shape. */
function inputWithPins(pinQueries: string[], current = params({ rules: 'bptt,rflo' })): FigureInput {
  const pinData: Record<string, PinData> = {};
  for (const q of pinQueries) {
    const p = resolveParams(Object.fromEntries(new URLSearchParams(q))).params;
    const runs = p.rules.map((rule) => ({ rule, seed: 1, seedIndex: 0 }));
    pinData[q] = { status: 'ready', runs, histories: runs.map(() => aligned([0, 10, 20, 30], p.modes)) };
  }
  const canonical = pinQueries.map((q) => `?${q.replace(/^\?/, '')}`);
  const runs = current.rules.map((rule) => ({ rule, seed: 1 }));
  return {
    runs,
    histories: runs.map(() => aligned([0, 10, 20], current.modes)),
    spectra: runs.map(() => ({ step: 20, W: [2, 1], B: [1] })),
    params: current,
    ghosts: ghostsFor(
      current,
      canonical,
      Object.fromEntries(canonical.map((c, k) => [c, pinData[pinQueries[k]]])),
    ),
  };
}

const ghostsOf = (fig: Figure) => fig.data.filter((t: Trace) => t.meta?.role === 'ghost');
const legendNames = (fig: Figure) =>
  ghostsOf(fig)
    .filter((t) => t.showlegend)
    .map((t) => t.name);

describe('ghost traces', () => {
  const input = inputWithPins(['v=1&rules=bptt,rflo&lr=0.02&wStar=0.5', 'v=1&rules=bptt&seed=4']);

  it('the loss chart draws every pin, per rule, after all of the run’s traces', () => {
    const fig = lossFigure(input);
    const ghosts = ghostsOf(fig);
    expect(ghosts.map((t) => [t.meta?.pin, t.meta?.rule])).toEqual([
      [0, 'bptt'],
      [0, 'rflo'],
      [1, 'bptt'],
    ]);
    const firstGhost = fig.data.findIndex((t) => t.meta?.role === 'ghost');
    expect(fig.data.slice(firstGhost).every((t) => t.meta?.role === 'ghost')).toBe(true);
    expect(fig.data.slice(0, firstGhost).map((t) => t.meta?.role)).toEqual(['run', 'run']);
    // the pin's own histories (4 records), not the run's
    expect(ghosts[0].x).toEqual([0, 10, 20, 30]);
  });

  it('are faded: lower opacity, thinner than the run lines, dotted, in the rule’s colour', () => {
    const fig = lossFigure(input);
    const run = fig.data[0];
    for (const g of ghostsOf(fig)) {
      expect(g.opacity).toBe(GHOST_OPACITY);
      expect(GHOST_OPACITY).toBeLessThan(0.6);
      expect(g.line?.dash).toBe('dot');
      expect(g.line?.width ?? 0).toBeLessThan(run.line?.width ?? 0);
    }
    expect(ghostsOf(fig)[0].line?.color).toBe(run.line?.color);
  });

  it('one legend entry per pin (legend group), naming the parameters in which it differs', () => {
    const fig = lossFigure(input);
    expect(legendNames(fig)).toEqual(['pin 1: lr 0.02, wStar 0.5', 'pin 2: rules bptt, seed 4']);
    expect(new Set(ghostsOf(fig).map((t) => t.legendgroup))).toEqual(new Set(['pin-0', 'pin-1']));
  });

  it('the modes, agreement and rank charts draw them too, with a single legend entry per pin', () => {
    for (const fig of [modesFigure(input), agreementFigure(input), rankFigure(input)]) {
      expect(ghostsOf(fig).length).toBeGreaterThan(0);
      expect(legendNames(fig)).toEqual(['pin 1: lr 0.02, wStar 0.5', 'pin 2: rules bptt, seed 4']);
      const firstGhost = fig.data.findIndex((t) => t.meta?.role === 'ghost');
      expect(fig.data.slice(firstGhost).every((t) => t.meta?.role === 'ghost')).toBe(true);
    }
    // modes: a·b and w of both modes, three alignment panels, for each of the pins' 3 rule lines
    expect(ghostsOf(modesFigure(input))).toHaveLength(3 * (2 * 2 + 3));
  });

  it('theory overlays go after the ghosts (withOverlay appends)', () => {
    const fig = lossFigure(input, true);
    const overlay = { ...fig.data[0], name: 'theory', meta: { role: 'theory' } };
    const both = withOverlay(input, fig, [overlay]);
    expect(both.data[both.data.length - 1].meta?.role).toBe('theory');
    expect(both.data[both.data.length - 2].meta?.role).toBe('ghost');
  });

  it('a pin of another shape draws what applies and says what it cannot', () => {
    const other = inputWithPins(['v=1&rules=bptt&modes=1', 'v=1&rules=bptt&task=random']);
    const fig = modesFigure(other);
    expect(legendNames(fig)).toEqual([
      'pin 1: rules bptt, modes 1 (1 mode: drawn on modes 1–1 only)',
      'pin 2: task random, rules bptt (not drawn: the random task has no modes)',
    ]);
    const panels = ghostsOf(fig)
      .filter((t) => t.meta?.pin === 0)
      .map((t) => t.meta?.panel);
    expect(panels).toContain('ab0');
    expect(panels).not.toContain('ab1');
    // the loss applies to every shape
    expect(ghostsOf(lossFigure(other)).map((t) => t.meta?.pin)).toEqual([0, 1]);
  });

  it('no pins: no ghost traces and the figures are as before', () => {
    const plain = { ...input, ghosts: [] };
    const { ghosts: _g, ...without } = input;
    expect(lossFigure(plain)).toEqual(lossFigure(without));
    expect(ghostsOf(modesFigure(plain))).toEqual([]);
  });

  it('ghostsFor skips pins still training or failed', () => {
    const p = params();
    expect(
      ghostsFor(p, ['?v=1&lr=0.02', '?v=1&lr=0.03'], {
        '?v=1&lr=0.02': { status: 'computing' },
        '?v=1&lr=0.03': { status: 'failed', reason: 'x' },
      }),
    ).toEqual([]);
  });
});

describe('ghosts on a floored panel', () => {
  it('a pin’s values under the rounding floor are drawn on it and hover as zero to rounding, as the run’s are', () => {
    const input = inputWithPins(['v=1&rules=bptt,rflo&lr=0.02']);
    for (const g of input.ghosts ?? []) for (const h of g.histories) h.alignA = [0, 1e-9, 0.02, 0.02];
    const floor = roundingFloor(input.params);
    const ghosts = ghostsOf(modesFigure(input)).filter((t) => t.meta?.panel === 'alignA');
    expect(ghosts.length).toBe(2);
    for (const t of ghosts) {
      expect(t.y).toEqual([floor, floor, 0.02, 0.02]);
      expect(t.text?.[1]).toMatch(/^zero to rounding/);
      expect(t.text?.[2]).toBe('0.0200');
    }
  });
});
