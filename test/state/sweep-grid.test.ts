// The sweep grid: strict parsing (one line naming what was wrong), axis values, cell order, cell parameters and
// contiguous shards that cover the grid exactly once.
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/state/params';
import {
  axisValues,
  cellCoords,
  cellCount,
  cellParams,
  cellShard,
  formatGrid,
  gridProblems,
  parseGrid,
  type SweepGrid,
} from '../../src/state/sweep-grid';

const grid = (text: string): SweepGrid => {
  const g = parseGrid(text);
  if (!g.ok) throw new Error(g.problem);
  return g.grid;
};

describe('parseGrid', () => {
  it('reads one or two axes, linear or log, and formats back to the same text', () => {
    const g = grid('lr=0.005:0.1:20,aHat=-1:1:21');
    expect(g.axes).toEqual([
      { key: 'lr', mode: null, from: 0.005, to: 0.1, count: 20, scale: 'linear' },
      { key: 'aHat', mode: null, from: -1, to: 1, count: 21, scale: 'linear' },
    ]);
    for (const text of [
      'lr=0.005:0.1:20,aHat=-1:1:21',
      'lr=0.001:0.1:5:log',
      'wStar.2=-0.9:0.9:7',
      'T=2:20:10',
    ])
      expect(formatGrid(grid(text))).toBe(text);
  });

  it.each([
    ['', /^empty grid/],
    ['lr', /^'lr' is not name=from:to:count/],
    ['n=1:4:4', /^'n' cannot be swept; allowed: lr, a0, .*, T/],
    ['lr=0.01:0.1', /^lr: '0.01:0.1' is not from:to:count/],
    ['lr=0.01:x:3', /^lr: 'x' is not a number$/],
    ['lr=0:0.1:3', /^lr: 0 is out of range; allowed: from 0 \(excluded\) to 10$/],
    ['wStar=-1:0.5:3', /^wStar: -1 is out of range/],
    ['lr=0.01:0.1:49', /^lr: count '49' is not allowed; allowed: a whole number from 1 to 48$/],
    ['lr=0.01:0.1:2.5', /^lr: count '2.5'/],
    ['lr=-0.1:0.1:3:log', /out of range/],
    ['aHat=-1:1:3:log', /^aHat: a log axis needs from and to > 0$/],
    ['truncation=1:10:4:log', /whole numbers/],
    [
      'truncation=1:10:5',
      /^truncation: truncation takes whole numbers; 1:10:5 does not land on them \(try count 10\)$/,
    ],
    ['lr.1=0.01:0.1:3', /^lr.1: lr has no modes/],
    ['aHat.0=-1:1:3', /^aHat.0: the mode must be a whole number from 1$/],
    ['lr=0.1:0.1:3', /^lr: from = to with 3 values; use count 1$/],
    ['aHat=-1:1:3,aHat.2=0:1:3', /^aHat.2 and aHat both set aHat$/],
    ['lr=0.01:0.1:3,a0=0:1:3,b0=0:1:3', /^3 axes; a sweep has one or two$/],
  ])('%s is refused: %s', (text, message) => {
    const g = parseGrid(text);
    expect(g.ok).toBe(false);
    if (!g.ok) {
      expect(g.problem).toMatch(message);
      expect(g.problem).not.toContain('\n');
    }
  });
});

describe('axis values and cells', () => {
  it('evenly spaced with exact ends, geometric for log, whole numbers for int keys', () => {
    expect(axisValues(grid('lr=0.005:0.1:20').axes[0])[1]).toBe(0.01); // 0.005 + 0.095/19, not 0.009999…
    expect(axisValues(grid('aHat=-1:1:5').axes[0])).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(axisValues(grid('lr=0.001:0.1:3:log').axes[0])).toEqual([0.001, 0.01, 0.1]);
    expect(axisValues(grid('truncation=1:10:4').axes[0])).toEqual([1, 4, 7, 10]);
    expect(axisValues(grid('lr=0.02:0.5:1').axes[0])).toEqual([0.02]);
  });

  it('cell = i·count₂ + j: the first axis varies slowest', () => {
    const g = grid('lr=0.01:0.04:4,aHat=-1:1:3');
    expect(cellCount(g)).toBe(12);
    expect(cellCoords(g, 0)).toEqual([0, 0]);
    expect(cellCoords(g, 2)).toEqual([0, 2]);
    expect(cellCoords(g, 3)).toEqual([1, 0]);
    expect(cellCoords(g, 11)).toEqual([3, 2]);
  });

  it("a cell's parameters: the base with its values; a list axis sets every mode or one", () => {
    const base = defaultParams();
    const g = grid('lr=0.01:0.04:4,aHat=-1:1:3');
    const { params, notices } = cellParams(base, g, 5); // (1, 2): lr 0.02, aHat 1
    expect(notices).toEqual([]);
    expect(params).toEqual({ ...base, lr: 0.02, aHat: [1, 1] });
    expect(cellParams(base, grid('wStar.2=0:0.9:4'), 1).params.wStar).toEqual([0.5, 0.3]);
    expect(base.lr).toBe(0.01); // the base is not touched
    // constraints between parameters are the table's: truncation > T is reported
    const long = cellParams({ ...base, T: 5 }, grid('truncation=1:10:10'), 9);
    expect(long.notices[0].problem).toBe('truncation: 10 > T = 5');
  });

  it('refuses axes that would change nothing for these parameters', () => {
    const base = defaultParams();
    expect(gridProblems(grid('radius=0.1:0.9:3'), base)).toEqual([
      'radius applies to the random task only (task is aligned)',
    ]);
    expect(gridProblems(grid('what=0:0.9:3'), { ...base, rules: ['bptt'] })[0]).toMatch(/only changes RFLO/);
    expect(gridProblems(grid('truncation=1:3:3'), { ...base, rules: ['bptt', 'rflo'] })).toEqual([
      'truncation only changes tBPTT; add tbptt to the rules',
    ]);
    expect(gridProblems(grid('a0=0:1:3'), { ...base, init: 'random' })[0]).toMatch(/init is random/);
    expect(gridProblems(grid('aHat.3=0:1:3'), base)).toEqual(['aHat.3: mode 3 > modes = 2']);
    expect(gridProblems(grid('lr=0.01:0.1:3,aHat=-1:1:3'), base)).toEqual([]);
  });
});

describe('cellShard', () => {
  it('N contiguous parts cover every cell exactly once, in order, sizes within one', () => {
    for (const total of [1, 7, 12, 100, 2304])
      for (const N of [1, 2, 3, 5, 16, 40]) {
        const parts = Array.from({ length: N }, (_, k) => cellShard(total, k + 1, N));
        const covered = parts.flatMap((p) => Array.from({ length: p.count }, (_, c) => p.first + c));
        expect(covered).toEqual(Array.from({ length: total }, (_, c) => c));
        const sizes = parts.map((p) => p.count);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
  });
});
