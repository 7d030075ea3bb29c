// The phase diagram's model from a sweep table: one map per rule, outcome colours, a continuous scale, tooltips
// that name the cell, links that open it, and axis positions at the cell centres.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTCOME_OPTIONS } from '../../../src/engine/sweep/outcome';
import { defaultParams } from '../../../src/state/params';
import { cellParams, parseGrid, type SweepGrid } from '../../../src/state/sweep-grid';
import { makeTable, type SweepRow } from '../../../src/state/sweep-table';
import {
  axisPosition,
  NO_VALUE_COLOUR,
  OUTCOME_COLOUR,
  outcomeCounts,
  sequentialColour,
  sweepView,
} from '../../../src/ui/sweep/phase-map';

const g = parseGrid('lr=0.01:0.03:3,aHat=-1:1:2');
if (!g.ok) throw new Error(g.problem);
const grid: SweepGrid = g.grid;
const base = { ...defaultParams(), rules: ['bptt' as const, 'rflo' as const] };
const outcomes = ['converged', 'slow', 'diverged', 'converged', 'other-branch', 'stalled'] as const;
const rows: SweepRow[] = outcomes.flatMap((outcome, cell) =>
  base.rules.map((rule, r) => ({
    cell,
    coords: [Math.floor(cell / 2), cell % 2],
    values: [[0.01, 0.02, 0.03][Math.floor(cell / 2)], [-1, 1][cell % 2]],
    rule,
    seed: 1,
    outcome: r === 0 ? 'converged' : outcome,
    convergedStep: outcome === 'converged' ? 100 * (cell + 1) : null,
    initialLoss: 1,
    finalLoss: outcome === 'diverged' ? null : 10 ** -cell,
    effRankW: 1 + cell / 10,
    branch: null,
    divergedStep: outcome === 'diverged' ? 42 : null,
    query: `?v=1&cell=${cell}`,
  })),
);
const table = makeTable(grid, base, DEFAULT_OUTCOME_OPTIONS, rows);

describe('sweepView', () => {
  it('one map per rule, each cell coloured by its outcome, with its link and a tooltip naming it', () => {
    const view = sweepView(table, 'outcome');
    expect(view.maps.map((m) => m.rule)).toEqual(['bptt', 'rflo']);
    expect(view.x.name).toBe('lr');
    expect(view.y?.name).toBe('aHat');
    const rflo = view.maps[1];
    expect(rflo.cells.map((c) => c.fill)).toEqual(outcomes.map((o) => OUTCOME_COLOUR[o]));
    expect(rflo.cells[3]).toMatchObject({ cell: 3, i: 1, j: 1, query: '?v=1&cell=3' });
    expect(rflo.cells[3].title).toBe(
      'rflo · lr = 0.02, aHat = 1: converged, converged at step 400; final loss 1.00e-3; eff. rank ΔW 1.30. Click to open this run.',
    );
    expect(rflo.cells[2].title).toMatch(/^rflo · lr = 0.02, aHat = -1: diverged at step 42;/);
    expect(outcomeCounts(rflo)).toEqual({
      converged: 2,
      slow: 1,
      'other-branch': 1,
      stalled: 1,
      diverged: 1,
    });
    expect(new Set(Object.values(OUTCOME_COLOUR)).size).toBe(5);
  });

  it('a continuous value on the sequential scale between its ends; cells without one in grey', () => {
    const view = sweepView(table, 'finalLoss');
    expect(view.range).toEqual([-5, 0]); // log₁₀ of 1e-5 … 1
    const rflo = view.maps[1].cells;
    expect(rflo[0].fill).toBe(sequentialColour(1)); // loss 1: the top
    expect(rflo[5].fill).toBe(sequentialColour(0)); // 1e-5: the bottom
    expect(rflo[2].fill).toBe(NO_VALUE_COLOUR); // diverged: no loss
    const steps = sweepView(table, 'convergedStep');
    expect(steps.range).toEqual([100, 400]);
    expect(steps.maps[1].cells[1].fill).toBe(NO_VALUE_COLOUR); // slow: never converged
  });
});

describe('axisPosition', () => {
  it('puts each grid value at its cell centre, linear or log, and extrapolates outside', () => {
    const [lr, aHat] = grid.axes;
    [0.5, 1.5, 2.5].forEach((at, k) => expect(axisPosition(lr, [0.01, 0.02, 0.03][k])).toBeCloseTo(at, 12));
    expect(axisPosition(aHat, 0)).toBe(1);
    expect(axisPosition(aHat, 3)).toBe(2.5); // two cells −1, 1 at ½, 1½: 3 is one more step on
    const log = parseGrid('lr=0.001:0.1:3:log');
    if (!log.ok) throw new Error(log.problem);
    expect(axisPosition(log.grid.axes[0], 0.01)).toBeCloseTo(1.5, 12);
    // the cells' own parameters sit where their values say
    expect(cellParams(base, grid, 5).params.lr).toBe(0.03);
  });
});
