// The optimal manifold's constants and linear rates per mode (THEORY 3.3), sampled for the λ₊(s) chart.
// May import: src/theory, engine types.
import type { EngineParams } from '../../engine/params';
import { stabilityOnManifold, type TheoryRule } from '../../theory';

export const THEORY_RULES: readonly TheoryRule[] = ['bptt', 'tbptt', 'rflo'];

/** The selected rules the mode theory covers, in BPTT, tBPTT, RFLO order. */
export function stabilityRules(params: Pick<EngineParams, 'rules'>): TheoryRule[] {
  return THEORY_RULES.filter((r) => params.rules.includes(r));
}

/**
 * The rule whose field the phase portrait opens on: RFLO when it starts on its unstable branch (a₀·â < 0 in the
 * mode shown: the detour is the point), else the first selected rule with a theory.
 */
export function phaseRuleFor(
  params: Pick<EngineParams, 'rules' | 'a0' | 'aHat'>,
  mode: number,
): TheoryRule | null {
  const rules = stabilityRules(params);
  const m = Math.min(Math.max(0, mode), params.a0.length - 1);
  if (rules.includes('rflo') && params.a0[m] * params.aHat[m] < 0) return 'rflo';
  return rules[0] ?? null;
}

/** The mode's constants: p = a*b*, q = w*, â (THEORY 3); the mode index clamped to the list. */
export function modeConstants(params: EngineParams, mode: number) {
  const m = Math.min(Math.max(0, Math.floor(mode)), params.aStar.length - 1);
  return {
    m,
    p: params.aStar[m] * params.bStar[m],
    q: params.wStar[m],
    aHat: params.aHat[m],
    what: params.what,
  };
}

/** Positive s from sMax/60 (0.05√|p| when sMax = 3√|p|) to sMax, geometric (denser near 0); mirrored for s < 0. */
export function branchS(sMax: number, points = 240): number[] {
  const sMin = sMax / 60;
  const n = Math.max(2, Math.floor(points));
  return Array.from({ length: n }, (_, k) => sMin * Math.pow(sMax / sMin, k / (n - 1)));
}

/** λ± at s, or null where the closed form is undefined (s = 0, |q| ≥ 1) or not finite. */
export function manifoldRates(rule: TheoryRule, s: number, c: ReturnType<typeof modeConstants>) {
  if (s === 0 || !(Math.abs(c.q) < 1)) return null;
  const st = stabilityOnManifold(rule, s, c.p, c.q, c.aHat, c.what);
  return [st.lambdaPlus.re, st.lambdaMinus.re, st.lambdaPlus.im].every(Number.isFinite) ? st : null;
}
