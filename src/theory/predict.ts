// THE entry point from parameters to a rule's mode prediction, for the app's overlays and the run file alike:
// which theory applies (modeTheoryGap, odeRuleFor) and the multi-mode map or ODE trace (predictModes).
// May import: ./run-theory and engine parameter types (nothing from ui, state or worker).
import type { EngineParams, RuleId } from '../engine/params';
import { runTheory, type NotApplicable, type TheoryTrace } from './run-theory';
import type { TheoryRule } from './types';

/** Which analytical prediction: the finite-T map (THEORY 3.1) or the T→∞ ODE (THEORY 3.2). */
export type TheoryKind = 'map' | 'ode';

/** Every parameter a prediction or its applicability reads: the memo key, and all predictModes may look at. */
export const THEORY_INPUT_KEYS = [
  'task',
  'init',
  'rules',
  'gradient',
  'loss',
  'T',
  'lr',
  'steps',
  'truncation',
  'what',
  'modes',
  'aStar',
  'bStar',
  'wStar',
  'a0',
  'b0',
  'w0',
  'aHat',
] as const satisfies readonly (keyof EngineParams)[];

export type TheoryInputs = Pick<EngineParams, (typeof THEORY_INPUT_KEYS)[number]>;

export function theoryInputs(p: TheoryInputs): TheoryInputs {
  return Object.fromEntries(THEORY_INPUT_KEYS.map((k) => [k, p[k]])) as unknown as TheoryInputs;
}

/** Why the mode theory does not describe these parameters at all, or null when it does (exactly or approximately). */
export function modeTheoryGap(p: Pick<TheoryInputs, 'task' | 'init'>): string | null {
  if (p.task !== 'aligned')
    return 'random task: no modes (the mode theory needs the aligned task’s bases U, V, P)';
  if (p.init !== 'aligned') return 'student not aligned (init = random): modes are not independent';
  return null;
}

/** The rule the T→∞ ODE integrates for `rule` (tBPTT with k ≥ T is BPTT), or null when there is none. */
export function odeRuleFor(p: Pick<TheoryInputs, 'truncation' | 'T'>, rule: RuleId): TheoryRule | null {
  if (rule === 'eprop') return null;
  if (rule === 'tbptt' && p.truncation > 1) return p.truncation >= p.T ? 'bptt' : null;
  return rule;
}

/** The rule the finite-T map iterates (every rule but e-prop, any truncation), or null. */
export function mapRuleFor(rule: RuleId): TheoryRule | null {
  return rule === 'eprop' ? null : rule;
}

const EPROP =
  'e-prop is outside the mode theory: its diag(W) decay is not diagonal in the mode bases, so no per-mode ODE or map exists for it';

/**
 * `rule`'s `kind` prediction at the recorded `steps` (values [step][mode], loss summed over modes), or why there is
 * none. The ODE is that of odeRuleFor(rule) (BPTT's for tBPTT with k = T); only the requested kind is computed.
 */
export function predictModes(
  p: TheoryInputs,
  rule: RuleId,
  kind: TheoryKind,
  steps: number[],
): TheoryTrace | NotApplicable {
  const gap = modeTheoryGap(p);
  if (gap) return { notApplicable: gap };
  const theoryRule = kind === 'ode' ? odeRuleFor(p, rule) : mapRuleFor(rule);
  if (theoryRule === null) {
    if (rule === 'eprop') return { notApplicable: EPROP };
    return {
      notApplicable: `the T→∞ ODE covers one-step tBPTT only (k = 1, got k = ${p.truncation} < T = ${p.T}); the finite-T map covers any k`,
    };
  }
  const out = runTheory({
    rule: theoryRule,
    modes: { aStar: p.aStar, bStar: p.bStar, wStar: p.wStar, a0: p.a0, b0: p.b0, w0: p.w0, aHat: p.aHat },
    what: p.what,
    T: p.T,
    lr: p.lr,
    loss: p.loss,
    // BPTT's ODE stands in for tBPTT with k = T: its truncation no longer applies
    truncation: theoryRule === rule ? p.truncation : 1,
    steps,
    only: kind,
  });
  if ('notApplicable' in out) return out;
  return kind === 'ode' ? out.theory : out.map;
}
