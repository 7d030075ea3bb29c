// Links too big for the memory budget are made smaller (seeds, then batch, then T) with a notice naming what was
// too big, the memory it needs, the budget and the value used; the result fits. May import: vitest, src/state, src/engine.
import { describe, expect, it } from 'vitest';
import { estimateMemory, MEMORY_BUDGET_BYTES } from '../../src/engine/memory-estimate';
import { WORK_BUDGET } from '../../src/state/budget';
import { PRESETS } from '../../src/state/presets';
import { parseQuery } from '../../src/state/url';

const fits = (q: string) => estimateMemory(parseQuery(q).params).totalBytes <= MEMORY_BUDGET_BYTES;

describe('the memory budget', () => {
  it('the sampled sequence loss at T = 200, batch 256 (ran out of memory on Step) gets a smaller batch', () => {
    const q = '?v=1&rules=bptt,tbptt&gradient=sampled&loss=sequence&T=200&batch=256&n=32';
    const { params, notices } = parseQuery(q);
    expect(notices.map((n) => n.key)).toEqual(['batch']);
    expect(notices[0].message).toMatch(
      /^batch: 256 sequences per step need \d+(\.\d)? GB at this size \(budget 1 GB\); using \d+$/,
    );
    expect(params.batch).toBeLessThan(256);
    expect(params.batch).toBeGreaterThan(8);
    expect(notices[0].message).toMatch(new RegExp(`using ${params.batch}$`));
    // T, the loss and the rules are what the link asked for
    expect(params).toMatchObject({ T: 200, loss: 'sequence', gradient: 'sampled', rules: ['bptt', 'tbptt'] });
    expect(estimateMemory(params).totalBytes).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
    // the largest batch that fits: one more would not
    expect(estimateMemory({ ...params, batch: params.batch + 1 }).totalBytes).toBeGreaterThan(
      MEMORY_BUDGET_BYTES,
    );
  });

  it('four rules at n = 128, i = o = 64, T = 200 with 50 seeds (3.85 GB to set up) get fewer seeds, then a shorter T', () => {
    const q = '?v=1&rules=bptt,tbptt,rflo,eprop&n=128&i=64&o=64&modes=1&T=200&seeds=50';
    const { params, notices } = parseQuery(q);
    expect(notices.map((n) => n.key)).toEqual(['seeds', 'T']);
    expect(notices[0].message).toMatch(
      /^seeds: 50 runs per rule need \d+ GB at this size \(budget 1 GB\); using 1$/,
    );
    expect(notices[1].message).toMatch(
      /^T: 200 time steps need \d(\.\d)? GB at this size \(budget 1 GB\); using \d+$/,
    );
    expect(params.seeds).toBe(1);
    expect(params.T).toBeLessThan(200);
    expect(params.T).toBeGreaterThan(50);
    expect(params.truncation).toBeLessThanOrEqual(params.T);
    expect(estimateMemory(params).totalBytes).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
  });

  it('a long run of many seeds is limited by its recorded history', () => {
    const q = '?v=1&rules=bptt,tbptt,rflo,eprop&seeds=50&steps=1000000&every=1&modes=2';
    const { params, notices } = parseQuery(q);
    expect(notices.map((n) => n.key)).toEqual(['seeds']);
    expect(params.seeds).toBeLessThan(50);
    const estimate = estimateMemory(params);
    expect(estimate.historyBytes).toBeGreaterThan(estimate.tensorBytes);
    expect(estimate.totalBytes).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
  });

  it('leaves the defaults, every preset and the README’s rank example alone', () => {
    expect(parseQuery('?v=1').notices).toEqual([]);
    for (const preset of PRESETS) {
      const { notices } = parseQuery(preset.query);
      expect(notices, preset.id).toEqual([]);
    }
    const rank = '?v=1&task=random&seeds=20&rules=bptt,tbptt,rflo,eprop&n=32&i=4&o=1&T=20&lr=0.05';
    expect(parseQuery(rank).notices).toEqual([]);
    expect(fits(rank)).toBe(true);
  });

  it('keeps the work budget for runs that fit in memory but would take minutes per step', () => {
    const q = '?v=1&n=128&i=1&o=1&modes=1&T=200&seeds=50&rules=bptt,tbptt,rflo,eprop&steps=100';
    const { params, notices } = parseQuery(q);
    expect(notices.map((n) => n.key)).toEqual(['seeds']);
    const work = params.seeds * params.rules.length * params.T * params.n * (params.n + params.i);
    expect(work).toBeLessThanOrEqual(WORK_BUDGET);
    expect(fits(q)).toBe(true);
  });
});
