// Traces of the phase portrait: flow arrows binned by speed, the manifold ab = p split by stability, runs' paths.
// May import: src/theory, engine types, ../rule-style, ./phase-geometry, ./plotly-extra.
import type { RunHistory } from '../../engine/history';
import type { EngineParams, RuleId } from '../../engine/params';
import { stabilityOnManifold, type TheoryRule } from '../../theory';
import { RULE_STYLE, ruleLabel, withAlpha } from '../rule-style';
import { manifoldBranches, type PhaseBounds, phaseField } from './phase-geometry';
import type { ExtTrace } from './plotly-extra';

export interface PhaseInput {
  params: EngineParams;
  /** mode index, 0-based */
  mode: number;
  /** whose flow field (and manifold stability) is drawn */
  rule: TheoryRule;
  histories?: RunHistory[];
  runs?: { rule: RuleId; seed: number }[];
  /** fixed axis ranges; default phaseBounds(params, mode) */
  bounds?: PhaseBounds;
  present?: boolean;
  /** arrows per axis (default 15) */
  gridSize?: number;
  /**
   * a short card (a grid row of a laptop screen): no legend (the card's ⓘ explains the colours) and a one-line
   * title, so the square plane keeps most of the height
   */
  compact?: boolean;
}

export const MANIFOLD_COLOR = '#17BECF';
const FIELD_COLOR = '#444444';
/** opacity of the arrows by speed quartile of log |(ȧ, ḃ)| on the grid, slowest first */
export const FIELD_ALPHA = [0.25, 0.45, 0.7, 0.95];

/** The arrows as polylines tail → tip → barb → tip → barb, one trace per speed bin (opacity encodes speed). */
export function fieldTraces(input: PhaseInput, bounds: PhaseBounds, m: number, name: string): ExtTrace[] {
  const arrows = phaseField(input.params, m, input.rule, bounds, input.gridSize);
  if (!arrows.length) return [];
  const logs = arrows.map((x) => Math.log10(x.speed));
  const [lo, hi] = [Math.min(...logs), Math.max(...logs)];
  const bin = (l: number) => (hi > lo ? Math.min(3, Math.floor((4 * (l - lo)) / (hi - lo))) : 3);
  const traces: ExtTrace[] = FIELD_ALPHA.map((alpha, k) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: [],
    y: [],
    line: { color: withAlpha(FIELD_COLOR, alpha), width: 1.2 },
    legendgroup: 'field',
    showlegend: k === FIELD_ALPHA.length - 1,
    hoverinfo: 'skip',
    meta: { role: 'field', rule: input.rule, mode: m, panel: `speed-bin-${k}` },
  }));
  arrows.forEach((arrow, k) => {
    const t = traces[bin(logs[k])];
    const pts = [arrow.tail, arrow.tip, arrow.barbs[0], arrow.tip, arrow.barbs[1]];
    for (const [x, y] of pts) {
      t.x.push(x);
      t.y.push(y);
    }
    t.x.push(arrow.tip[0]);
    t.y.push(null); // gap before the next arrow
  });
  const hover: ExtTrace = {
    type: 'scatter',
    mode: 'markers',
    name: 'flow',
    x: arrows.map((x) => x.a),
    y: arrows.map((x) => x.b),
    marker: { color: 'rgba(0, 0, 0, 0)', size: 8 },
    showlegend: false,
    customdata: arrows.map((x) => `ȧ = ${x.va.toPrecision(3)}, ḃ = ${x.vb.toPrecision(3)}`),
    hovertemplate: 'a = %{x:.3f}, b = %{y:.3f}<br>%{customdata}<extra></extra>',
    meta: { role: 'field-hover', rule: input.rule, mode: m },
  };
  return [...traces.filter((t) => t.x.length > 0), hover];
}

/** ab = p in cyan, split where the rule's Re λ₊ (THEORY 3.3) is < 0 (solid) or ≥ 0 (dotted). */
export function manifoldTraces(input: PhaseInput, bounds: PhaseBounds, m: number): ExtTrace[] {
  const { params, rule } = input;
  const p = params.aStar[m] * params.bStar[m];
  const q = params.wStar[m];
  const parts = {
    stable: { x: [] as number[], y: [] as (number | null)[] },
    unstable: { x: [] as number[], y: [] as (number | null)[] },
  };
  for (const br of manifoldBranches(p, bounds)) {
    const stable = br.a.map((s) => {
      if (p === 0 || s === 0 || !(Math.abs(q) < 1)) return true;
      return stabilityOnManifold(rule, s, p, q, params.aHat[m], params.what).lambdaPlus.re < 0;
    });
    br.a.forEach((a, k) => {
      // a point belongs to a part if it or a neighbour does, so the two parts join without a gap
      const near = (flag: boolean) => stable[k] === flag || stable[k - 1] === flag || stable[k + 1] === flag;
      parts.stable.x.push(a);
      parts.stable.y.push(near(true) ? br.b[k] : null);
      parts.unstable.x.push(a);
      parts.unstable.y.push(near(false) ? br.b[k] : null);
    });
    for (const part of [parts.stable, parts.unstable]) {
      part.x.push(br.a[br.a.length - 1]);
      part.y.push(null); // branches are disconnected
    }
  }
  const label = ruleLabel(rule, params);
  const out: ExtTrace[] = [];
  for (const [key, dash, text] of [
    ['stable', 'solid', 'optimal manifold ab = p'],
    ['unstable', 'dot', `ab = p, unstable for ${label}`],
  ] as const) {
    const part = parts[key];
    if (!part.y.some((v) => v !== null)) continue;
    out.push({
      type: 'scatter',
      mode: 'lines',
      name: text,
      x: part.x,
      y: part.y,
      line: { color: MANIFOLD_COLOR, width: 2.5, dash },
      hovertemplate: `${text}<br>a = %{x:.3f}, b = %{y:.3f}<extra></extra>`,
      meta: { role: 'manifold', rule, mode: m, panel: key },
    });
  }
  return out;
}

/** Each run's path (a, b) of the mode with its current point; the chosen rule's runs drawn stronger. */
export function trajectoryTraces(input: PhaseInput, m: number): ExtTrace[] {
  const out: ExtTrace[] = [];
  const seen = new Set<RuleId>();
  (input.runs ?? []).forEach((run, k) => {
    const h = input.histories?.[k];
    if (!h || h.a.length === 0 || h.a.length !== h.b.length) return;
    const style = RULE_STYLE[run.rule];
    const label = ruleLabel(run.rule, input.params);
    const main = run.rule === input.rule;
    // the other rules' runs lighter, but still easy to follow (e.g. RFLO's detour under BPTT's field)
    const color = main ? style.color : withAlpha(style.color, 0.7);
    const x = h.a.map((row) => row[m]);
    const y = h.b.map((row) => row[m]);
    const common = {
      type: 'scatter' as const,
      legendgroup: run.rule,
      meta: { role: 'trajectory', rule: run.rule, seed: run.seed, mode: m },
    };
    out.push({
      ...common,
      mode: 'lines',
      name: label,
      x,
      y,
      line: { color, dash: style.dash, width: (main ? 2.2 : 1.6) * (input.present ? 1.6 : 1) },
      showlegend: !seen.has(run.rule),
      hovertemplate: `${label}, seed ${run.seed}<br>a = %{x:.3f}, b = %{y:.3f}<extra></extra>`,
    });
    out.push({
      ...common,
      mode: 'markers',
      name: `${label} now`,
      x: [x[x.length - 1]],
      y: [y[y.length - 1]],
      marker: { color, symbol: style.symbol, size: input.present ? 14 : 10 },
      showlegend: false,
      hovertemplate: `${label}, seed ${run.seed}, step ${h.step[h.step.length - 1]}<br>a = %{x:.3f}, b = %{y:.3f}<extra></extra>`,
      meta: { ...common.meta, role: 'trajectory-now' },
    });
    seen.add(run.rule);
  });
  return out;
}
