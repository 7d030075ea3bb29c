// The guided cards: one per preset, pointing at a chart the preset's link shows, naming only rules the preset runs,
// citing THEORY, and quoting the theory's numbers where it quotes any. May import: vitest, src/state, src/theory.
import { describe, expect, it } from 'vitest';
import { PRESET_GUIDES } from '../../src/state/preset-guides';
import { presetById, PRESETS } from '../../src/state/presets';
import { parseQuery } from '../../src/state/url';
import { stabilityOnManifold } from '../../src/theory';

const guides = Object.entries(PRESET_GUIDES);

describe('preset guides', () => {
  it('exist for exactly the presets', () => {
    expect(Object.keys(PRESET_GUIDES).sort()).toEqual(PRESETS.map((p) => p.id).sort());
  });

  it.each(guides)('%s: "Show me" points at a chart its link shows', (id, guide) => {
    expect(parseQuery(presetById(id)!.query).view.charts).toContain(guide.chart);
  });

  it.each(guides)('%s: names only rules the preset runs, and cites THEORY', (id, guide) => {
    const { rules } = parseQuery(presetById(id)!.query).params;
    const text = `${guide.predict} ${guide.look} ${guide.means}`;
    // "tBPTT" contains "BPTT": match BPTT only where it is not preceded by t
    const named = {
      bptt: /(^|[^t])BPTT/.test(text),
      tbptt: /tBPTT/.test(text),
      rflo: /RFLO/.test(text),
      eprop: /e-prop/.test(text),
    };
    for (const [rule, mentioned] of Object.entries(named))
      if (mentioned) expect(rules, `${id} mentions ${rule}`).toContain(rule);
    expect(guide.means).toMatch(/THEORY \d/);
    for (const part of [guide.predict, guide.look, guide.means]) expect(part.length).toBeGreaterThan(40);
  });

  it('scenario 2 quotes the λ₊ of the theory at the preset’s start', () => {
    const { params } = parseQuery(presetById('manifold-rates')!.query);
    const p = params.aStar[0] * params.bStar[0];
    const quoted = (label: string) => {
      const m = new RegExp(`(?:^|[^t])${label}’s λ₊ ≈ (−?[0-9]+(?:[.][0-9]+)?)`).exec(
        PRESET_GUIDES['manifold-rates'].means,
      );
      return Number(m![1].replace('−', '-'));
    };
    for (const [rule, label] of [
      ['bptt', 'BPTT'],
      ['tbptt', 'tBPTT'],
      ['rflo', 'RFLO'],
    ] as const) {
      const rate = stabilityOnManifold(rule, params.a0[0], p, params.wStar[0], params.aHat[0], params.what)
        .lambdaPlus.re;
      // quoted to one decimal
      expect(Math.abs(quoted(label) - rate), label).toBeLessThan(0.05);
    }
  });
});
