// Pure glue between the theory builders (../theory) and the chart panels: the badge, overlays on the loss and mode
// figures, the stability chart's run marks, titles that fit. May import: ../theory, ../rule-style, ./figure-parts,
// ./plotly-types, types.
import type { RunHistory } from '../../engine/history';
import type { EngineParams, RuleId } from '../../engine/params';
import type { Divergence } from '../../engine/simulation';
import { ruleLabel } from '../rule-style';
import type { TheoryView } from '../../state/url';
import {
  KIND_LABEL,
  lossOverlayTraces,
  modeOverlayTraces,
  odeLossFloor,
  overallLevel,
  type RulePrediction,
  statusSummary,
  type TheoryLevel,
  theoryStatus,
} from '../theory';
import type { ExtTrace } from '../theory/plotly-extra';
import { type FigureInput, fitLegend } from '../plot/figure-parts';
import type { Annotation, Figure, Layout } from '../plot/plotly-types';

/** The choices of the "Theory" control, in order, with their labels. */
export const THEORY_CHOICES: readonly { value: TheoryView; label: string; help: string }[] = [
  { value: 'off', label: 'off', help: 'no prediction drawn' },
  {
    value: 'map',
    label: 'map (finite T)',
    help: 'the scalar mode map of THEORY 3.1 iterated with the same η and T: exact for the expected gradient',
  },
  {
    value: 'ode',
    label: 'ODE (T→∞)',
    help: 'the mode ODEs of THEORY 3.2 (gradient flow, time = η × step): a T→∞ limit, so approximate',
  },
];

export interface TheoryBadgeView {
  level: TheoryLevel | 'off';
  /** short text, e.g. "Theory (map): exact", "Theory (ODE): approximate", "Theory: does not apply" */
  text: string;
  /** per rule, e.g. "theory (map): BPTT exact · RFLO exact" ('' when off) */
  summary: string;
  /** why the prediction is approximate or absent, each reason once (empty when exact or off) */
  reasons: string[];
}

/** The runs shown and where each stopped (null: still training), so a diverged rule is never called exact. */
export interface BadgeRuns {
  runs: { rule: RuleId }[];
  divergences: (Divergence | null)[];
}

/**
 * What the badge over the loss and mode charts says for these parameters and this choice. A rule with a diverged
 * run is at best approximate: its run stopped at the blow-up, so the prediction is compared with it only up to there.
 */
export function theoryBadgeView(
  params: EngineParams,
  choice: TheoryView,
  shown: BadgeRuns = { runs: [], divergences: [] },
): TheoryBadgeView {
  if (choice === 'off') return { level: 'off', text: 'Theory: off', summary: '', reasons: [] };
  const stoppedAt = (rule: RuleId) => {
    const steps = shown.runs.flatMap((r, k) => (r.rule === rule ? (shown.divergences[k]?.step ?? []) : []));
    return steps.length ? Math.min(...steps) : null;
  };
  const diverged = params.rules.flatMap((rule) => {
    const step = stoppedAt(rule);
    return step !== null && theoryStatus(params, rule, choice).level === 'exact' ? [{ rule, step }] : [];
  });
  const kind = KIND_LABEL[choice];
  const level = diverged.length ? 'approximate' : overallLevel(params, choice);
  const text =
    level === 'none'
      ? 'Theory: does not apply'
      : `Theory (${kind}): ${level === 'exact' ? 'exact' : 'approximate'}`;
  const reasons = [
    ...new Set([
      ...params.rules.flatMap((rule) => theoryStatus(params, rule, choice).reasons),
      ...diverged.map(
        ({ rule, step }) =>
          `${ruleLabel(rule, params)} diverged at step ${step}: its run stopped there, so the prediction is compared with it only up to that step`,
      ),
    ]),
  ];
  // statusSummary names each rule as '<label> <level>'
  let summary = statusSummary(params, choice);
  for (const { rule, step } of diverged)
    summary = summary.replace(
      `${ruleLabel(rule, params)} exact`,
      `${ruleLabel(rule, params)} diverged at step ${step}`,
    );
  return { level, text, summary, reasons };
}

/**
 * `figure` with `traces` appended (after its own traces, on the same axes) and its bottom margin grown by the
 * legend rows the added entries need. The figure itself is not changed.
 */
export function withOverlay(input: FigureInput, figure: Figure, traces: ExtTrace[]): Figure {
  if (!traces.length) return figure;
  const data = [...figure.data, ...traces];
  // fitLegend adds (rows − 1) rows to what it is given: the difference of the two counts is what the overlay adds
  const probe = (d: Figure['data']): number => {
    const scratch: Layout = { ...figure.layout, margin: { ...figure.layout.margin, b: 0 } };
    fitLegend(input, d, scratch);
    return scratch.margin.b;
  };
  const extra = probe(data) - probe(figure.data);
  const layout: Layout = {
    ...figure.layout,
    margin: { ...figure.layout.margin, b: figure.layout.margin.b + extra },
    ...(figure.layout.height !== undefined ? { height: figure.layout.height + extra } : {}),
  };
  return { data, layout };
}

/**
 * The loss below which a predicted loss is not drawn: 10⁻¹² of the loss at a = b = 0 (odeLossFloor). The engine
 * computes in float32 and its loss flattens out about there; the map would go on falling to 10⁻³⁰ and squash the
 * simulated curves into the top of the log axis.
 */
export const lossDisplayFloor = (params: EngineParams): number => odeLossFloor(params);

export interface OverlaySet {
  loss: ExtTrace[];
  modes: ExtTrace[];
}

/** The loss and mode overlays for the predictions, drawn up to step `upTo`, the loss clipped at its display floor. */
export function overlayTraces(
  params: EngineParams,
  predictions: RulePrediction[],
  opts: { present?: boolean; upTo: number },
): OverlaySet {
  const floor = lossDisplayFloor(params);
  const loss = lossOverlayTraces(params, predictions, opts).map((t) =>
    t.meta?.role === 'theory' ? { ...t, y: t.y.map((v) => (v !== null && v < floor ? null : v)) } : t,
  );
  return { loss, modes: modeOverlayTraces(params, predictions, opts) };
}

/** A run is "near" the optimal manifold of a mode when |ab − p| ≤ tol·max(|p|, 0.1) and |w − w*| ≤ tol. */
export const NEAR_MANIFOLD_TOL = 0.1;

/**
 * The runs (and their histories) whose latest point of `mode` is near the optimal manifold ab = p, w = w*: only
 * there does the run's a mark the manifold point s it converges to (and λ₊(s) its asymptotic rate).
 */
export function runsNearManifold(
  params: EngineParams,
  mode: number,
  runs: { rule: RuleId; seed: number }[],
  histories: RunHistory[],
  tol = NEAR_MANIFOLD_TOL,
): { runs: { rule: RuleId; seed: number }[]; histories: RunHistory[] } {
  const p = params.aStar[mode] * params.bStar[mode];
  const q = params.wStar[mode];
  const keep = runs
    .map((_, k) => k)
    .filter((k) => {
      const h = histories[k];
      const last = h ? h.a.length - 1 : -1;
      if (!h || last < 0 || h.b.length <= last || h.w.length <= last) return false;
      const [a, b, w] = [h.a[last][mode], h.b[last][mode], h.w[last][mode]];
      return (
        Math.abs(a * b - p) <= tol * Math.max(Math.abs(p), 0.1) &&
        Math.abs(w - q) <= tol &&
        Number.isFinite(a)
      );
    });
  return { runs: keep.map((k) => runs[k]), histories: keep.map((k) => histories[k]) };
}

/**
 * `text` with line breaks (<br>) put at spaces so no line has more than `maxChars` visible characters (a longer
 * word stays whole). Plotly's tags (<br>, <span …>, …) count as zero width and are never split; an existing <br>
 * starts a new line.
 */
export function wrapTitle(text: string, maxChars: number): string {
  let out = '';
  let used = 0;
  for (const part of text.split(/(<[^>]*>)/)) {
    if (part.startsWith('<')) {
      out += part;
      if (/^<br\s*\/?>$/i.test(part)) used = 0;
      continue;
    }
    for (const [k, word] of part.split(' ').entries()) {
      const space = k > 0 ? 1 : 0;
      if (space && used > 0 && used + 1 + word.length > maxChars) {
        out += '<br>';
        used = 0;
      } else if (space) {
        out += ' ';
        used += 1;
      }
      out += word;
      used += word.length;
    }
  }
  return out;
}

/** Title characters per line on a half-width chart panel (phone: a full-width one). */
export const titleChars = (narrow?: boolean): number => (narrow ? 34 : 46);

/**
 * The figure with its title wrapped to `maxChars` a line and drawn as a top-anchored annotation in the top margin
 * (Plotly's own title grows downwards over the plot when it wraps), the margin and height grown by the added lines.
 */
export function fitTitle<F extends Figure>(figure: F, maxChars: number): F {
  const { layout } = figure;
  const text = layout.title?.text;
  if (!text) return figure;
  const wrapped = wrapTitle(text, maxChars);
  const lines = (s: string) => s.split(/<br\s*\/?>/i).length;
  const size = Math.round(1.25 * layout.font.size);
  const extra = Math.ceil((lines(wrapped) - lines(text)) * 1.3 * size);
  const margin = { ...layout.margin, t: layout.margin.t + extra };
  const height = (layout.height ?? 450) + extra;
  const plotHeight = Math.max(1, height - margin.t - margin.b);
  const title: Annotation = {
    text: wrapped,
    x: 0.5,
    y: 1 + (margin.t - 4) / plotHeight,
    xref: 'paper',
    yref: 'paper',
    showarrow: false,
    xanchor: 'center',
    yanchor: 'top',
    font: { size },
  };
  const { title: _dropped, ...rest } = layout;
  return {
    ...figure,
    layout: { ...rest, margin, height, annotations: [title, ...layout.annotations] },
  } as F;
}
