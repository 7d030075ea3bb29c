// The histories' CSV: header, one row per run and record, empty cells for missing values, per-mode columns.
// May import: vitest, src/worker/history-csv, test/state helpers.
import { describe, expect, it } from 'vitest';
import { historiesToCsv } from '../../src/worker/history-csv';
import { historyAt } from '../state/fake-client';

describe('historiesToCsv', () => {
  it('writes one row per run and record, with per-mode columns and empty cells for gaps', () => {
    const h = historyAt([0, 10]);
    h.a = [
      [0.1, 0.2],
      [0.3, 0.4],
    ];
    h.b = [
      [1, 2],
      [3, 4],
    ];
    h.w = [
      [0, 0],
      [0.5, 0.6],
    ];
    h.loss[1] = null;
    const random = historyAt([0, 10]);
    const lines = historiesToCsv(
      [
        { rule: 'bptt', seed: 1 },
        { rule: 'rflo', seed: 2 },
      ],
      [h, random],
    )
      .trim()
      .split('\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['rule', 'seed', 'step', 'loss']);
    expect(lines[0].split(',').slice(-6)).toEqual(['a1', 'a2', 'b1', 'b2', 'w1', 'w2']);
    expect(lines).toHaveLength(5);
    expect(lines[2].startsWith('bptt,1,10,,')).toBe(true);
    expect(lines[2].endsWith(',0.3,0.4,3,4,0.5,0.6')).toBe(true);
    // the random-task run has no modes: empty cells
    expect(lines[4].startsWith('rflo,2,10,')).toBe(true);
    expect(lines[4].endsWith(',,,,,,')).toBe(true);
  });
});
