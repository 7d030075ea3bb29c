// The sweep table: rows from run records, CSV and JSON that read back, and the merge of shard tables (which must
// cover the sweep exactly once and come from one sweep).
import { describe, expect, it } from 'vitest';
import type { SweepRunRecord } from '../../src/engine/sweep/sweep-runner';
import { DEFAULT_OUTCOME_OPTIONS } from '../../src/engine/sweep/outcome';
import { defaultParams } from '../../src/state/params';
import { cellCount, cellParams, cellShard, parseGrid, type SweepGrid } from '../../src/state/sweep-grid';
import {
  makeTable,
  mergeShards,
  parseSweepTable,
  type SweepTable,
  sweepRows,
  tableCsv,
  tableJson,
} from '../../src/state/sweep-table';

const g = parseGrid('lr=0.01:0.04:4,aHat=-1:1:3');
if (!g.ok) throw new Error(g.problem);
const grid: SweepGrid = g.grid;
const base = { ...defaultParams(), rules: ['bptt', 'rflo'] as ('bptt' | 'rflo')[] };
const cells = Array.from({ length: cellCount(grid) }, (_, c) => cellParams(base, grid, c).params);

/** Made-up records: cell c's loss falls to 10^-(c % 5); RFLO's a has the sign of its cell's â. */
const records = (first: number, count: number): SweepRunRecord[] =>
  Array.from({ length: count }, (_, c) =>
    base.rules.map((rule) => ({
      cell: c,
      rule,
      seed: 1,
      steps: [0, 50, 100],
      loss: [1, 0.5, [1, 0.1, 0.01, 0.001, 0.0001][(first + c) % 5]],
      divergedStep: null,
      a: cells[first + c].aHat.map((x) => (x < 0 ? -0.5 : 0.5)),
      effRankW: 1.25,
    })),
  ).flat();

const tableOf = (first: number, count: number, shard?: { k: number; N: number }): SweepTable =>
  makeTable(
    grid,
    base,
    DEFAULT_OUTCOME_OPTIONS,
    sweepRows(grid, cells.slice(first, first + count), records(first, count), DEFAULT_OUTCOME_OPTIONS, first),
    shard ? { ...shard, first, count } : undefined,
  );

describe('sweep rows', () => {
  it('one row per cell and rule with its coordinates, values, outcome and link', () => {
    const t = tableOf(0, 12);
    expect(t.rows).toHaveLength(24);
    const r = t.rows[2 * 9 + 1]; // cell 9 = (3, 0): lr 0.04, aHat −1; RFLO, loss 1 → 0.5 → 1e-4, a < 0
    expect(r).toMatchObject({
      cell: 9,
      coords: [3, 0],
      values: [0.04, -1],
      rule: 'rflo',
      outcome: 'converged',
    });
    expect(r.convergedStep).toBe(100);
    expect(r.branch).toBe(1); // â·a = (−1)(−0.5) > 0
    expect(r.query).toBe('?v=1&rules=bptt,rflo&lr=0.04&aHat=-1');
    expect(t.rows[3]).toMatchObject({ cell: 1, outcome: 'slow' }); // 1 → 0.5 → 0.1: not converged, still falling
    expect(t.rows[1]).toMatchObject({ cell: 0, outcome: 'stalled' }); // 1 → 0.5 → 1
    expect(t.rows[2 * 4 + 1].branch).toBe(null); // cell 4: â = 0 says nothing
  });

  it('CSV: a header naming the axes, one line per row, fields with commas quoted', () => {
    const lines = tableCsv(tableOf(0, 12)).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'cell,i,j,lr,aHat,rule,seed,outcome,convergedStep,initialLoss,finalLoss,effRankW,branch,divergedStep,query',
    );
    expect(lines).toHaveLength(25);
    expect(lines[20]).toBe(
      '9,3,0,0.04,-1,rflo,1,converged,100,1,0.0001,1.25,1,,"?v=1&rules=bptt,rflo&lr=0.04&aHat=-1"',
    );
  });

  it('JSON reads back as the same table; bad tables are refused naming the problem', () => {
    const t = tableOf(0, 12);
    expect(parseSweepTable(tableJson(t))).toEqual(t);
    expect(() => parseSweepTable('{')).toThrow(/^not JSON/);
    expect(() => parseSweepTable('{"format":"x"}')).toThrow(/not a sweep table/);
    const broken = JSON.parse(tableJson(t));
    broken.rows[3].outcome = 'fine';
    expect(() => parseSweepTable(JSON.stringify(broken))).toThrow("row 3: unknown outcome 'fine'");
    broken.rows[3].outcome = 'slow';
    broken.rows[4].cell = 12;
    expect(() => parseSweepTable(JSON.stringify(broken))).toThrow('row 4: cell outside the grid');
  });
});

describe('mergeShards', () => {
  const shards = (N: number) =>
    Array.from({ length: N }, (_, k) => {
      const { first, count } = cellShard(12, k + 1, N);
      return tableOf(first, count, { k: k + 1, N });
    });

  it('the merged table is the whole table, byte for byte, whatever N and the order given', () => {
    const whole = tableJson(tableOf(0, 12));
    for (const N of [1, 2, 5, 12, 13]) {
      const parts = shards(N).reverse();
      expect(tableJson(mergeShards(parts))).toBe(whole);
      expect(tableCsv(mergeShards(parts))).toBe(tableCsv(tableOf(0, 12)));
    }
  });

  it('refuses a missing, repeated or foreign shard, and a table that is not a shard', () => {
    const parts = shards(3);
    expect(() => mergeShards([parts[0], parts[2]])).toThrow('shard 2/3 is missing');
    expect(() => mergeShards([...parts, parts[1]])).toThrow('a shard of 3 is given twice');
    expect(() =>
      mergeShards([parts[0], parts[1], { ...parts[2], grid: 'lr=0.01:0.04:4,aHat=-1:1:4' }]),
    ).toThrow(/belongs to another sweep/);
    expect(() => mergeShards([parts[0], parts[1], { ...parts[2], rows: parts[2].rows.slice(2) }])).toThrow(
      /lacks rows/,
    );
    expect(() => mergeShards([tableOf(0, 12)])).toThrow(/not a shard/);
    expect(() => mergeShards([...shards(2), ...shards(3)])).toThrow(/mixed/);
  });
});
