// The two run-level thresholds a sweep's phase diagram draws (THEORY 3.3), from a run's parameters: the learning
// rate above which its end point is unstable, and the steps BPTT or tBPTT spend on the saddle plateau. Each is a
// per-mode quantity; a run is limited by its worst mode. May import: ./predict, ./lr-limit, ./flow-endpoint,
// ./saddle-escape, ./types, engine parameter types.
import type { RuleId } from '../engine/params';
import { mapFlowEndpoint } from './flow-endpoint';
import { lrLimitOfMap } from './lr-limit';
import { mapRuleFor, modeTheoryGap, type TheoryInputs } from './predict';
import { saddleEscapeSteps } from './saddle-escape';
import type { ModeFeedback, ModeState, ModeTeacher } from './types';

interface Mode {
  init: ModeState;
  teacher: ModeTeacher;
  feedback: ModeFeedback;
}

const modesOf = (p: TheoryInputs): Mode[] =>
  Array.from({ length: p.modes }, (_, m) => ({
    init: { a: p.a0[m], b: p.b0[m], w: p.w0[m] },
    teacher: { aStar: p.aStar[m], bStar: p.bStar[m], wStar: p.wStar[m] },
    feedback: { aHat: p.aHat[m], what: p.what },
  }));

/** One mode's limit: the finite-T map's (lrLimitOfMap) where its small-η flow ends; null if it ends nowhere. */
export function modeLrLimit(p: TheoryInputs, rule: RuleId, m: Mode): number | null {
  const r = mapRuleFor(rule);
  if (r === null) return null;
  const end = mapFlowEndpoint(r, m.init, m.teacher, m.feedback, p.T, p.loss, p.truncation);
  return end && lrLimitOfMap(r, end, m.teacher, m.feedback, p.T, p.loss, p.truncation);
}

/**
 * The largest learning rate at which the point the run converges to (at small η) is linearly stable, the
 * smallest over its modes: above it the run cannot settle there. null when the mode theory does not apply
 * (e-prop, a random task or init) or a mode's flow does not arrive. `limitOf` lets a caller memoise modeLrLimit
 * (it does not depend on lr).
 */
export function runLrLimit(
  p: TheoryInputs,
  rule: RuleId,
  limitOf: (m: Mode) => number | null = (m) => modeLrLimit(p, rule, m),
): number | null {
  if (modeTheoryGap(p) || mapRuleFor(rule) === null) return null;
  let limit = Infinity;
  for (const m of modesOf(p)) {
    const l = limitOf(m);
    if (l === null) return null;
    limit = Math.min(limit, l);
  }
  return limit;
}

/**
 * The steps BPTT or tBPTT (any truncation) take to leave the saddle a = b = 0, the largest over the modes (the
 * run's plateau lasts until its last mode leaves); 0 when no mode starts on the plateau, Infinity when one never
 * leaves; null for RFLO and e-prop (no saddle manifold) or where the mode theory does not apply.
 */
export function runSaddleEscape(p: TheoryInputs, rule: RuleId): number | null {
  if (modeTheoryGap(p) || (rule !== 'bptt' && rule !== 'tbptt')) return null;
  return Math.max(
    0,
    ...modesOf(p).map((m) => saddleEscapeSteps(rule, m.init, m.teacher, p.T, p.loss, p.lr, p.truncation)),
  );
}
