// Phase portrait of one mode in the (a, b) plane at w = w* (THEORY 3.2, 3.3): flow arrows, manifolds, live runs.
// May import: ../rule-style, ../charts/figure-parts, ./phase-geometry, ./phase-traces, ./plotly-extra.
import { baseLayout, grid, placeCell } from '../plot/figure-parts';
import { ruleLabel } from '../rule-style';
import { phaseBounds } from './phase-geometry';
import { fieldTraces, manifoldTraces, type PhaseInput, trajectoryTraces } from './phase-traces';
import type { ExtAxis, ExtTrace, TheoryFigure } from './plotly-extra';

export type { PhaseInput } from './phase-traces';

export const SADDLE_COLOR = '#D62728';

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(3).replace(/\.?0+$/, ''));

/**
 * One mode's (a, b) plane at w = w*: the rule's T→∞ flow (ȧ, ḃ) = −(Δa, Δb) as arrows of one length (opacity =
 * speed), the optimal manifold ab = p in cyan (dotted where unstable for the rule), BPTT/tBPTT's saddle a = b = 0
 * in red (RFLO has none), the initial (a₀, b₀), and each run's path with its current point. Axis ranges are fixed
 * (fixedrange, equal scale) so a click maps to (a, b) through pixelToData.
 */
export function phasePortraitFigure(input: PhaseInput): TheoryFigure {
  const { params, rule } = input;
  const m = Math.min(Math.max(0, Math.floor(input.mode)), params.aStar.length - 1);
  const bounds = input.bounds ?? phaseBounds(params, m);
  const label = ruleLabel(rule, params);
  const layout = {
    ...baseLayout({ runs: [], histories: [], spectra: [], params, present: input.present }, 520),
    shapes: [],
  };
  const compact = !!input.compact;
  layout.margin = compact
    ? { ...layout.margin, t: layout.margin.t + 8, b: input.present ? 70 : 45 }
    : { ...layout.margin, t: layout.margin.t + 50 };
  if (compact) layout.showlegend = false;
  const cell = grid([1])[0][0];
  const fixed = { fixedrange: true, zeroline: true, constrain: 'domain' as const };
  const xAxis: ExtAxis = { ...fixed, title: { text: 'a  (readout)' }, range: [bounds.a[0], bounds.a[1]] };
  const yAxis: ExtAxis = {
    ...fixed,
    title: { text: 'b  (input weight)' },
    range: [bounds.b[0], bounds.b[1]],
    scaleanchor: cell.x,
    scaleratio: 1,
  };
  placeCell(layout, cell, '', xAxis, yAxis);
  const k = params.truncation;
  const notes = [
    rule === 'tbptt' && k > 1 ? 'the field is one-step tBPTT’s (k = 1)' : '',
    rule === 'rflo' ? 'RFLO: no saddle at a = b = 0 (it leaves a small init at a constant rate)' : '',
  ].filter(Boolean);
  const sub = notes.length ? `<br><span style="font-size:0.8em">${notes.join(' · ')}</span>` : '';
  layout.title = {
    text: compact
      ? `Mode ${m + 1}, ${label}: (a, b) at w = w* = ${fmt(params.wStar[m])}`
      : `Mode ${m + 1}, ${label}: flow of (a, b) at w = w* = ${fmt(params.wStar[m])} · click to set (a₀, b₀)${sub}`,
  };

  const data: ExtTrace[] = [
    ...fieldTraces(input, bounds, m, `${label} flow (ȧ, ḃ) at w = w* (opacity: speed)`),
    ...manifoldTraces(input, bounds, m),
  ];
  if (rule === 'bptt' || rule === 'tbptt') {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'saddle a = b = 0',
      x: [0],
      y: [0],
      marker: { color: SADDLE_COLOR, symbol: 'circle', size: input.present ? 14 : 10 },
      hovertemplate: `saddle a = b = 0 (${label}): loss p²/[2(1−w*²)], plateau near it<extra></extra>`,
      meta: { role: 'saddle', rule, mode: m },
    });
  }
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'initial (a₀, b₀)',
    x: [params.a0[m]],
    y: [params.b0[m]],
    marker: { color: '#1a1a1a', symbol: 'circle-open', size: input.present ? 14 : 10 },
    hovertemplate: 'initial a₀ = %{x:.3f}, b₀ = %{y:.3f}<extra></extra>',
    meta: { role: 'init', mode: m },
  });
  data.push(...trajectoryTraces(input, m));
  if (!(Math.abs(params.wStar[m]) < 1)) {
    layout.annotations.push({
      text: 'no flow field: the T→∞ ODE needs |w*| < 1',
      x: 0.5,
      y: 0.5,
      xref: 'paper',
      yref: 'paper',
      showarrow: false,
      xanchor: 'center',
      yanchor: 'middle',
      font: { color: '#555555' },
    });
  }
  return { data, layout };
}
