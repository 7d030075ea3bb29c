// One colour AND one dash pattern per learning rule, used by every chart, legend and table (Okabe–Ito palette:
// colour-blind safe; the dash tells rules apart in greyscale too). May import: engine types only.
import type { EngineParams, RuleId } from '../engine/params';

export type Dash = 'solid' | 'dash' | 'dot' | 'dashdot' | 'longdash';

export interface RuleStyle {
  color: string;
  dash: Dash;
  /** a legend marker symbol, a third cue for dense plots */
  symbol: string;
}

export const RULE_STYLE: Record<RuleId, RuleStyle> = {
  bptt: { color: '#0072B2', dash: 'solid', symbol: 'circle' },
  tbptt: { color: '#D55E00', dash: 'dash', symbol: 'square' },
  rflo: { color: '#009E73', dash: 'dot', symbol: 'diamond' },
  eprop: { color: '#CC79A7', dash: 'dashdot', symbol: 'triangle-up' },
};

/** Reference lines (teacher values, rank bound): grey and long-dashed, unlike any rule. */
export const REFERENCE_STYLE = { color: '#555555', dash: 'longdash' as Dash };

/** The rule's display name; tBPTT names its truncation, e-prop is marked as our reading (THEORY 2). */
export function ruleLabel(rule: RuleId, params?: Pick<EngineParams, 'truncation'>): string {
  switch (rule) {
    case 'bptt':
      return 'BPTT';
    case 'tbptt':
      return params && params.truncation > 1 ? `tBPTT (k = ${params.truncation})` : 'tBPTT (one-step)';
    case 'rflo':
      return 'RFLO';
    case 'eprop':
      return 'e-prop (our reading)';
  }
}

/** rgba() of a #rrggbb colour, for the seed bands. */
export function withAlpha(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}
