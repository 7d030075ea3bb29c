// The presets: THEORY 5 scenarios 1, 4, 5, 6 as link queries that parse cleanly and are recognised again.
// May import: vitest, src/state.
import { describe, expect, it } from 'vitest';
import { matchingPresetId, presetById, PRESETS } from '../../src/state/presets';
import { resolveParams } from '../../src/state/resolve';
import { parseQuery } from '../../src/state/url';

describe('presets', () => {
  it('cover THEORY 5 scenarios 1, 4, 5 and 6 with unique ids', () => {
    expect(PRESETS.map((p) => p.scenario)).toEqual([1, 4, 5, 6]);
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

  it('the menu recognises a preset’s parameters, and nothing else', () => {
    for (const p of PRESETS) expect(matchingPresetId(parseQuery(p.query).params)).toBe(p.id);
    expect(matchingPresetId(resolveParams({ lr: '0.3' }).params)).toBe('');
  });
});
