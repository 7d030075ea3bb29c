// Which overlays are exact, approximate or impossible, for each class of parameters (THEORY 3, 3.1, 3.2).
// May import: vitest, src/ui/theory, ./helpers.
import { describe, expect, it } from 'vitest';
import {
  odeRuleFor,
  overallLevel,
  statusBadge,
  statusSummary,
  theoryStatus,
} from '../../../src/ui/theory/applicability';
import { params, rawParams } from './helpers';

const THEORY_RULES = ['bptt', 'tbptt', 'rflo'] as const;

describe('theoryStatus: none', () => {
  it('the random task has no modes, for every rule and kind', () => {
    const p = params({ task: 'random' });
    for (const rule of [...THEORY_RULES, 'eprop'] as const)
      for (const kind of ['map', 'ode'] as const) {
        const st = theoryStatus(p, rule, kind);
        expect(st.level).toBe('none');
        expect(st.reasons.join(' ')).toMatch(/random task/);
      }
  });

  it('a non-aligned student (init = random) has no independent modes', () => {
    const st = theoryStatus(params({ init: 'random' }), 'bptt', 'map');
    expect(st).toEqual({
      level: 'none',
      reasons: ['student not aligned (init = random): modes are not independent'],
    });
  });

  it('e-prop has no mode theory even on the aligned task', () => {
    const st = theoryStatus(params({ rules: ['eprop'] }), 'eprop', 'map');
    expect(st.level).toBe('none');
    expect(st.reasons[0]).toMatch(/e-prop.*diag\(W\)/);
  });

  it('the ODE covers tBPTT with 1 < k < T not at all; the map does, exactly', () => {
    const p = params({ T: 10, truncation: 3 });
    expect(theoryStatus(p, 'tbptt', 'ode').level).toBe('none');
    expect(theoryStatus(p, 'tbptt', 'ode').reasons[0]).toMatch(/k = 1/);
    expect(odeRuleFor(p, 'tbptt')).toBeNull();
    expect(theoryStatus(p, 'tbptt', 'map')).toEqual({ level: 'exact', reasons: [] });
    // the other rules ignore k
    expect(theoryStatus(p, 'bptt', 'ode').level).toBe('approximate');
  });
});

describe('theoryStatus: exact and approximate', () => {
  it('the finite-T map with the expected gradient is exact for BPTT, tBPTT, RFLO (both losses)', () => {
    for (const loss of ['final', 'sequence'] as const)
      for (const rule of THEORY_RULES)
        expect(theoryStatus(params({ loss }), rule, 'map')).toEqual({ level: 'exact', reasons: [] });
  });

  it('the map is the default kind', () => {
    expect(theoryStatus(params(), 'rflo').level).toBe('exact');
  });

  it('the sampled gradient makes both kinds approximate (minibatch noise)', () => {
    const p = params({ gradient: 'sampled' });
    for (const kind of ['map', 'ode'] as const) {
      const st = theoryStatus(p, 'bptt', kind);
      expect(st.level).toBe('approximate');
      expect(st.reasons.some((r) => /minibatch noise/.test(r))).toBe(true);
    }
  });

  it('the ODE is always approximate at finite T, and names T and |w*|^T', () => {
    const p = params({ T: 10, wStar: [0.5, 0.8] });
    for (const rule of THEORY_RULES) {
      const st = theoryStatus(p, rule, 'ode');
      expect(st.level).toBe('approximate');
      expect(st.reasons[0]).toMatch(/T→∞ limit: the run has T = 10/);
      expect(st.reasons[0]).toContain('0.8^10');
    }
  });

  it('the ODE with the sequence loss adds the O(1/T) reason', () => {
    expect(theoryStatus(params({ loss: 'sequence' }), 'bptt', 'ode').reasons.join(' ')).toMatch(/O\(1\/T\)/);
    expect(theoryStatus(params({ loss: 'final' }), 'bptt', 'ode').reasons.join(' ')).not.toMatch(/O\(1\/T\)/);
  });

  it('tBPTT with k = T is BPTT: approximate, and the ODE integrated is BPTT’s', () => {
    const p = params({ T: 6, truncation: 6 });
    expect(theoryStatus(p, 'tbptt', 'ode').level).toBe('approximate');
    expect(odeRuleFor(p, 'tbptt')).toBe('bptt');
    expect(odeRuleFor(params({ truncation: 1 }), 'tbptt')).toBe('tbptt');
    expect(odeRuleFor(p, 'eprop')).toBeNull();
  });

  it('|w₀| or |w*| ≥ 1 (run files past the table) and |w| near 1 are flagged for the ODE only', () => {
    const out = rawParams({ modes: 1 }, { w0: [1] });
    expect(theoryStatus(out, 'bptt', 'ode').level).toBe('approximate');
    expect(theoryStatus(out, 'bptt', 'ode').reasons.join(' ')).toMatch(/\|w₀\| = 1.*stops at once/);
    expect(theoryStatus(out, 'bptt', 'map').level).toBe('exact');
    const near = params({ modes: 1, wStar: [0.97] });
    expect(theoryStatus(near, 'rflo', 'ode').reasons.join(' ')).toMatch(/near 1/);
    expect(theoryStatus(params({ modes: 1, wStar: [0.5] }), 'rflo', 'ode').reasons.join(' ')).not.toMatch(
      /near 1/,
    );
  });
});

describe('badge helpers', () => {
  it('statusBadge says what and how well', () => {
    const exact = statusBadge(theoryStatus(params(), 'bptt', 'map'), 'map');
    expect(exact.text).toBe('theory (map): exact');
    expect(exact.title).toMatch(/float32/);
    const ode = statusBadge(theoryStatus(params(), 'bptt', 'ode'), 'ode');
    expect(ode.text).toBe('theory (ODE): ≈ approximate');
    expect(ode.title).toMatch(/^approximate: T→∞/);
    const none = statusBadge(theoryStatus(params(), 'eprop', 'map'), 'map');
    expect(none.level).toBe('none');
    expect(none.title).toMatch(/^no prediction: no mode theory for e-prop/);
  });

  it('overallLevel ignores rules that draw nothing; statusSummary lists every rule', () => {
    const p = params({ rules: ['bptt', 'eprop'] });
    expect(overallLevel(p, 'map')).toBe('exact');
    expect(overallLevel(p, 'ode')).toBe('approximate');
    expect(overallLevel(params({ rules: ['eprop'] }), 'map')).toBe('none');
    expect(overallLevel(params({ task: 'random' }), 'map')).toBe('none');
    expect(statusSummary(p, 'map')).toBe('theory (map): BPTT exact · e-prop (our reading) not available');
  });
});
