// Whether the mode theory describes a rule's run under the current parameters: exact, approximate or not at all.
// May import: engine types, src/theory, ../rule-style (no React, no store, no Plotly).
import type { RuleId } from '../../engine/params';
import { modeTheoryGap, odeRuleFor, type TheoryInputs, type TheoryKind } from '../../theory';
import { ruleLabel } from '../rule-style';

export type { TheoryKind };
export { odeRuleFor };
type EngineParams = TheoryInputs;

export type TheoryLevel = 'exact' | 'approximate' | 'none';

export interface TheoryStatus {
  level: TheoryLevel;
  /** why the level is not 'exact' (empty when it is); whole phrases, ready for a tooltip */
  reasons: string[];
}

/** Above this |w*| or |w₀| the T→∞ ODE is warned about: it stops where |w| reaches 1. */
export const W_NEAR_ONE = 0.95;

export const KIND_LABEL: Record<TheoryKind, string> = { map: 'map', ode: 'ODE' };

const REASON = {
  eprop: 'no mode theory for e-prop (diag(W) is not diagonal in the mode bases)',
  sampled: 'sampled gradient: minibatch noise around the expected-form prediction',
  sequenceOde: 'sequence loss: the ODE is its T→∞ limit, approached only as O(1/T)',
} as const;

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(2).replace(/\.?0+$/, ''));

/** Reasons that rule out the mode theory for this rule, whatever the kind. */
function noneReasons(params: EngineParams, rule: RuleId): string[] {
  const out: string[] = [];
  const gap = modeTheoryGap(params);
  if (gap) out.push(gap);
  if (rule === 'eprop') out.push(REASON.eprop);
  return out;
}

/** The ODE's own limits (THEORY 3.2): finite T, truncation, |w| near or beyond 1. */
function odeReasons(params: EngineParams, rule: RuleId): { none: string[]; approximate: string[] } {
  const none: string[] = [];
  const approximate: string[] = [];
  const k = params.truncation;
  if (rule === 'tbptt' && k > 1 && k < params.T) {
    none.push(
      `the T→∞ ODE covers one-step tBPTT only (k = 1); for k = ${k} use the finite-T map, which handles any k`,
    );
  } else if (rule === 'tbptt' && k > 1) {
    approximate.push(`with k = T = ${params.T}, tBPTT is BPTT: BPTT’s ODE is drawn`);
  }
  const qMax = Math.max(0, ...params.wStar.map(Math.abs));
  approximate.push(
    `T→∞ limit: the run has T = ${params.T} (terms like |w*|^T = ${fmt(qMax)}^${params.T} ≈ ${fmt(qMax ** params.T)} are dropped)`,
  );
  if (params.loss === 'sequence') approximate.push(REASON.sequenceOde);
  const w0Max = Math.max(0, ...params.w0.map(Math.abs));
  const outside: string[] = [];
  if (w0Max >= 1) outside.push(`|w₀| = ${fmt(w0Max)}`);
  if (qMax >= 1) outside.push(`|w*| = ${fmt(qMax)}`);
  if (rule === 'rflo' && Math.abs(params.what) >= 1) outside.push(`ŵ = ${fmt(params.what)}`);
  if (outside.length) {
    approximate.push(`the ODE needs |w₀|, |w*|, ŵ < 1 (${outside.join(', ')}): the curve stops at once`);
  } else if (Math.max(w0Max, qMax) > W_NEAR_ONE) {
    approximate.push(`|w| near 1: the ODE blows up as |w| → 1, so its curve may stop early`);
  }
  return { none, approximate };
}

/**
 * How well the `kind` prediction describes `rule`'s simulated run (THEORY 3, 3.1, 3.2):
 * 'none' for the random task, a non-aligned student and e-prop (and the ODE for tBPTT with 1 < k < T);
 * 'approximate' for the sampled gradient and for the ODE (a T→∞ limit; more reasons when |w| is near 1);
 * 'exact' for the finite-T map with the expected gradient (it reproduces the engine to float32 precision).
 */
export function theoryStatus(params: EngineParams, rule: RuleId, kind: TheoryKind = 'map'): TheoryStatus {
  const none = noneReasons(params, rule);
  if (none.length) return { level: 'none', reasons: none };
  const approximate: string[] = [];
  if (kind === 'ode') {
    const ode = odeReasons(params, rule);
    if (ode.none.length) return { level: 'none', reasons: ode.none };
    approximate.push(...ode.approximate);
  }
  if (params.gradient === 'sampled') approximate.push(REASON.sampled);
  return approximate.length
    ? { level: 'approximate', reasons: approximate }
    : { level: 'exact', reasons: [] };
}

export interface StatusBadge {
  level: TheoryLevel;
  /** short text for a badge, e.g. "theory (map): exact" */
  text: string;
  /** the full explanation, for a tooltip or a screen reader */
  title: string;
}

const LEVEL_TEXT: Record<TheoryLevel, string> = {
  exact: 'exact',
  approximate: '≈ approximate',
  none: 'not available',
};

/** Badge text for one rule's overlay. */
export function statusBadge(status: TheoryStatus, kind: TheoryKind): StatusBadge {
  const what = `theory (${KIND_LABEL[kind]})`;
  const title =
    status.level === 'exact'
      ? kind === 'map'
        ? 'exact: the finite-T mode map reproduces the engine’s expected-form run to float32 precision'
        : 'exact'
      : `${status.level === 'none' ? 'no prediction' : 'approximate'}: ${status.reasons.join('; ')}`;
  return { level: status.level, text: `${what}: ${LEVEL_TEXT[status.level]}`, title };
}

/** One line over all selected rules, e.g. "theory (ODE): BPTT ≈ approximate · e-prop not available". */
export function statusSummary(params: EngineParams, kind: TheoryKind): string {
  const parts = params.rules.map(
    (rule) => `${ruleLabel(rule, params)} ${LEVEL_TEXT[theoryStatus(params, rule, kind).level]}`,
  );
  return `theory (${KIND_LABEL[kind]}): ${parts.join(' · ')}`;
}

/**
 * One level for a whole chart's badge: 'none' when no selected rule has a curve, 'exact' when every curve drawn
 * is exact (rules without theory, e.g. e-prop, draw none and do not lower it), else 'approximate'.
 */
export function overallLevel(params: EngineParams, kind: TheoryKind): TheoryLevel {
  const drawn = params.rules
    .map((rule) => theoryStatus(params, rule, kind).level)
    .filter((l) => l !== 'none');
  if (drawn.length === 0) return 'none';
  return drawn.every((l) => l === 'exact') ? 'exact' : 'approximate';
}
