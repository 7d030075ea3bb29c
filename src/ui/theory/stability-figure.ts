// Convergence rate on the optimal manifold (THEORY 3.3, scenario 2): Re λ± against s per rule, runs marked.
// May import: src/theory, engine types, ../rule-style, ../charts/figure-parts, ./manifold-rates, ./plotly-extra.
import type { RunHistory } from '../../engine/history';
import type { EngineParams, RuleId } from '../../engine/params';
import { bpttSlowestS, type TheoryRule } from '../../theory';
import { baseLayout, grid, placeCell } from '../plot/figure-parts';
import { RULE_STYLE, ruleLabel, withAlpha } from '../rule-style';
import { branchS, manifoldRates, modeConstants, stabilityRules } from './manifold-rates';
import type { ExtTrace, Shape, TheoryFigure } from './plotly-extra';

export interface StabilityInput {
  params: EngineParams;
  /** mode index (0-based) whose p = a*b*, q = w*, â are used */
  mode: number;
  histories?: RunHistory[];
  runs?: { rule: RuleId; seed: number }[];
  present?: boolean;
  /** samples per branch (default 240) */
  points?: number;
}

export const STABLE_FILL = 'rgba(0, 158, 115, 0.08)';
export const UNSTABLE_FILL = 'rgba(213, 94, 0, 0.08)';

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(3).replace(/\.?0+$/, ''));

/**
 * Re λ₊ (thick) and Re λ₋ (thin) of the flow's Jacobian on the optimal manifold (s, p/s, w*) against s, for each
 * selected rule of BPTT, tBPTT1, RFLO (â, ŵ of the mode); both branches, s from about −3√|p| to 3√|p| (wider if a
 * run sits further out), s = 0 excluded. Stable (Re λ₊ < 0) and unstable regions shaded, BPTT's slowest points
 * s = ±√|p| marked, and each run's current s = a with its λ₊ when histories are given.
 */
export function stabilityFigure(input: StabilityInput): TheoryFigure {
  const { params } = input;
  const c = modeConstants(params, input.mode);
  const rules = stabilityRules(params);
  const root = bpttSlowestS(c.p);
  const layout = {
    ...baseLayout({ runs: [], histories: [], spectra: [], params, present: input.present }, 440),
    shapes: [] as Shape[],
  };
  layout.margin = { ...layout.margin, t: layout.margin.t + 34 };
  const cell = grid([1])[0][0];

  // where each run is now: s = its latest a of this mode (on the manifold a = s)
  const marks: { rule: TheoryRule; seed: number; s: number; y: number }[] = [];
  (input.runs ?? []).forEach((run, k) => {
    const h = input.histories?.[k];
    const rule = run.rule as TheoryRule;
    const s = h?.a[h.a.length - 1]?.[c.m];
    if (!rules.includes(rule) || s === undefined || !Number.isFinite(s)) return;
    const st = manifoldRates(rule, s, c);
    if (st) marks.push({ rule, seed: run.seed, s, y: st.lambdaPlus.re });
  });
  const base = c.p !== 0 ? 3 * root : 3;
  const sMax = Math.max(base, ...marks.map((mk) => 1.15 * Math.abs(mk.s)));
  const pos = branchS(sMax, input.points);
  const xs = [...pos.map((s) => -s).reverse(), 0, ...pos];

  const data: ExtTrace[] = [];
  const thin: ExtTrace[] = [];
  const inRange: number[] = [];
  for (const rule of rules) {
    const style = RULE_STYLE[rule];
    const label = ruleLabel(rule, params);
    const st = xs.map((s) => manifoldRates(rule, s, c));
    const near0 = 0.25 * (c.p !== 0 ? root : 1);
    st.forEach((v, k) => {
      if (v && Math.abs(xs[k]) >= near0) inRange.push(v.lambdaPlus.re);
    });
    const common = {
      type: 'scatter' as const,
      mode: 'lines' as const,
      x: xs,
      xaxis: cell.x,
      yaxis: cell.y,
      legendgroup: rule,
    };
    data.push({
      ...common,
      name: `${label}: Re λ₊`,
      y: st.map((v) => (v ? v.lambdaPlus.re : null)),
      customdata: st.map((v) => (v ? v.lambdaPlus.im : null)),
      line: { color: style.color, dash: 'solid', width: input.present ? 4 : 2.2 },
      hovertemplate: `${label}<br>s = %{x:.3f}<br>Re λ₊ = %{y:.4f}<br>Im λ₊ = %{customdata:.3f}<extra></extra>`,
      meta: { role: 'stability', rule, panel: 'lambdaPlus', mode: c.m },
    });
    thin.push({
      ...common,
      name: `${label}: Re λ₋`,
      y: st.map((v) => (v ? v.lambdaMinus.re : null)),
      line: { color: withAlpha(style.color, 0.7), dash: 'dot', width: 1 },
      showlegend: false,
      hovertemplate: `${label}<br>s = %{x:.3f}<br>Re λ₋ = %{y:.4f}<extra></extra>`,
      meta: { role: 'stability', rule, panel: 'lambdaMinus', mode: c.m },
    });
  }
  data.push(...thin);
  for (const mk of marks) {
    const label = ruleLabel(mk.rule, params);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${label}: run now (s = a)`,
      x: [mk.s],
      y: [mk.y],
      xaxis: cell.x,
      yaxis: cell.y,
      marker: {
        color: RULE_STYLE[mk.rule].color,
        symbol: RULE_STYLE[mk.rule].symbol,
        size: input.present ? 16 : 11,
      },
      legendgroup: mk.rule,
      showlegend: false,
      hovertemplate: `${label}, seed ${mk.seed}: run now<br>s = a = %{x:.3f}<br>Re λ₊ = %{y:.4f}<extra></extra>`,
      meta: { role: 'run-point', rule: mk.rule, seed: mk.seed, mode: c.m },
    });
  }

  // y range from λ₊ away from s = 0 (where the rates blow up) and the run points; both regions always visible
  const ys = [...inRange, ...marks.map((mk) => mk.y), 0];
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (hi - lo === 0) [lo, hi] = [-1, 1];
  if (hi <= 0) hi = 0.15 * Math.abs(lo);
  if (lo >= 0) lo = -0.15 * hi;
  const pad = 0.08 * (hi - lo);
  [lo, hi] = [lo - pad, hi + pad];

  placeCell(
    layout,
    cell,
    '',
    {
      title: { text: 's  (the manifold point (a, b, w) = (s, p/s, w*))' },
      range: [-1.02 * sMax, 1.02 * sMax],
    },
    {
      title: { text: 'Re λ  (λ₊ thick, λ₋ thin; < 0: stable)' },
      range: [lo, hi],
    },
  );
  const rfloPart = rules.includes('rflo') ? `, â = ${fmt(c.aHat)}, ŵ = ${fmt(c.what)}` : '';
  layout.title = {
    text: `Mode ${c.m + 1}: convergence rate λ₊ on the optimal manifold ab = p, w = w*  (p = ${fmt(c.p)}, w* = ${fmt(c.q)}${rfloPart})`,
  };
  const region = (name: string, y0: number, y1: number, fill: string): Shape => ({
    type: 'rect',
    name,
    xref: 'paper',
    yref: 'y',
    x0: 0,
    x1: 1,
    y0,
    y1,
    fillcolor: fill,
    layer: 'below',
    line: { width: 0 },
  });
  layout.shapes.push(region('stable', lo, 0, STABLE_FILL), region('unstable', 0, hi, UNSTABLE_FILL));
  layout.shapes.push({
    type: 'line',
    name: 'zero',
    xref: 'paper',
    yref: 'y',
    x0: 0,
    x1: 1,
    y0: 0,
    y1: 0,
    line: { color: '#333333', width: 1 },
  });
  const note = (
    text: string,
    x: number,
    y: number,
    xref: string,
    yref: string,
    anchor: ['left' | 'center' | 'right', 'top' | 'bottom' | 'middle'],
  ) =>
    layout.annotations.push({
      text,
      x,
      y,
      xref,
      yref,
      showarrow: false,
      xanchor: anchor[0],
      yanchor: anchor[1],
      font: { color: '#555555' },
    });
  note('stable: Re λ₊ < 0', 0.01, lo, 'paper', 'y', ['left', 'bottom']);
  note('unstable: Re λ₊ > 0', 0.01, hi, 'paper', 'y', ['left', 'top']);
  if (c.p !== 0) {
    for (const s of [-root, root]) {
      layout.shapes.push({
        type: 'line',
        name: 'slowest',
        xref: 'x',
        yref: 'paper',
        x0: s,
        x1: s,
        y0: 0,
        y1: 1,
        line: { color: '#777777', width: 1, dash: 'dot' },
      });
      // −√|p| extends leftwards from its line, +√|p| is centred on its line: they never meet, and both stay
      // inside the plot on a half-width or phone panel
      note(
        `${s < 0 ? '−' : '+'}√|p| = ${s < 0 ? '−' : ''}${fmt(root)}${s > 0 ? ' (BPTT slowest)' : ''}`,
        s,
        1,
        'x',
        'paper',
        [s < 0 ? 'right' : 'center', 'bottom'],
      );
    }
  }
  const problems = [
    rules.length === 0 ? 'select BPTT, tBPTT or RFLO: e-prop has no mode theory' : '',
    Math.abs(c.q) >= 1 ? 'needs |w*| < 1' : '',
    c.p === 0 ? 'p = a*b* = 0: the manifold ab = 0 is degenerate' : '',
    params.task !== 'aligned' || params.init !== 'aligned'
      ? 'theory of an aligned mode; these runs are not aligned'
      : '',
  ].filter(Boolean);
  if (problems.length) note(problems.join(' · '), 0.5, 0.98, 'paper', 'paper', ['center', 'top']);
  return { data, layout };
}
