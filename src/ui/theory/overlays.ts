// Theory overlays for the loss and modes charts: thin dashed prediction curves to append to lossFigure/modesFigure.
// May import: ../charts/figures (cells), ../rule-style, engine types, ./applicability, ./predictions, ./plotly-extra.
import type { EngineParams, RuleId } from '../../engine/params';
import { saddleLoss, type TheoryTrace } from '../../theory';
import { lossCell, modeCells } from '../plot/figure-grids';
import type { Cell } from '../plot/figure-parts';
import { type Dash, RULE_STYLE, ruleLabel, withAlpha } from '../rule-style';
import { KIND_LABEL, type TheoryKind, type TheoryLevel } from './applicability';
import type { ExtTrace } from './plotly-extra';
import type { RulePrediction } from './predictions';

export interface OverlayOptions {
  /** projector mode: thicker theory lines */
  present?: boolean;
  /** draw the prediction only up to this step (e.g. the current step); default: all of it */
  upTo?: number;
}

export const THEORY_WIDTH = 1.2;

/** ODE dotted, map dashed; a different pattern where the rule's own line already uses that one. */
export function theoryDash(rule: RuleId, kind: TheoryKind): Dash {
  const wanted: Dash = kind === 'ode' ? 'dot' : 'dash';
  if (RULE_STYLE[rule].dash !== wanted) return wanted;
  return kind === 'ode' ? 'dashdot' : 'longdash';
}

/** "BPTT · theory (ODE)". */
export function theoryName(params: Pick<EngineParams, 'truncation'>, rule: RuleId, kind: TheoryKind): string {
  return `${ruleLabel(rule, params)} · theory (${KIND_LABEL[kind]})`;
}

const drawable = (p: RulePrediction): p is RulePrediction & { trace: TheoryTrace } =>
  p.trace !== null && p.status.level !== 'none';

const finite = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

interface CurveSpec {
  params: EngineParams;
  pred: RulePrediction & { trace: TheoryTrace };
  cell: Cell;
  y: (number | null)[];
  /** where the prediction itself has a value (y may still drop points, e.g. loss ≤ 0 on a log axis) */
  alive: boolean[];
  panel: string;
  legend: boolean;
  /** mode index of a per-mode curve */
  mode?: number;
  yLabel: string;
  opts: OverlayOptions;
}

/** The curve (clipped to upTo) and, where it ends before the last step, a marker whose hover names the reason. */
function curve(s: CurveSpec): ExtTrace[] {
  const { pred, cell, opts } = s;
  const { rule, kind, trace } = pred;
  const name = theoryName(s.params, rule, kind);
  const color = RULE_STYLE[rule].color;
  const upTo = opts.upTo ?? Number.POSITIVE_INFINITY;
  const lastFinite = s.alive.lastIndexOf(true);
  const endsEarly = lastFinite < s.alive.length - 1;
  const stop = trace.stopped;
  const reason =
    endsEarly && stop
      ? s.mode === undefined || s.mode === stop.mode
        ? `stops at step ${stop.step}: ${stop.reason}`
        : 'this mode’s prediction stops here (values left the theory’s range)'
      : undefined;
  const keep = trace.step.map((_x, k) => k).filter((k) => trace.step[k] <= upTo && k <= lastFinite);
  const meta = {
    role: 'theory',
    rule,
    kind,
    panel: s.panel,
    ...(s.mode !== undefined ? { mode: s.mode } : {}),
  };
  const out: ExtTrace[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name,
      x: keep.map((k) => trace.step[k]),
      y: keep.map((k) => s.y[k]),
      xaxis: cell.x,
      yaxis: cell.y,
      line: { color, dash: theoryDash(rule, kind), width: opts.present ? 2 * THEORY_WIDTH : THEORY_WIDTH },
      // one legend entry per rule: clicking it toggles the simulation and its prediction together
      legendgroup: rule,
      showlegend: false,
      hovertemplate: `${name}<br>step %{x}<br>${s.yLabel} = %{y:.4g}<extra></extra>`,
      meta: reason ? { ...meta, stopped: reason } : meta,
    },
  ];
  // the rest of the horizon, greyed: from step 0 the reader sees where the theory says the run is going
  const ahead = trace.step
    .map((_x, k) => k)
    .filter((k) => k <= lastFinite && (trace.step[k] > upTo || trace.step[k + 1] > upTo));
  if (ahead.length > 1 && Number.isFinite(upTo)) {
    out.push({
      type: 'scatter',
      mode: 'lines',
      name: `${name} (ahead)`,
      x: ahead.map((k) => trace.step[k]),
      y: ahead.map((k) => s.y[k]),
      xaxis: cell.x,
      yaxis: cell.y,
      line: {
        color: withAlpha(color, 0.3),
        dash: theoryDash(rule, kind),
        width: opts.present ? 2 * THEORY_WIDTH : THEORY_WIDTH,
      },
      legendgroup: rule,
      showlegend: false,
      hovertemplate: `${name}, ahead of the simulation<br>step %{x}<br>${s.yLabel} = %{y:.4g}<extra></extra>`,
      meta: { ...meta, role: 'theory-ahead' },
    });
  }
  if (reason && lastFinite >= 0 && s.y[lastFinite] !== null && trace.step[lastFinite] <= upTo) {
    out.push({
      type: 'scatter',
      mode: 'markers',
      name: `${name}: stop`,
      x: [trace.step[lastFinite]],
      y: [s.y[lastFinite]],
      xaxis: cell.x,
      yaxis: cell.y,
      marker: { color, symbol: 'x', size: opts.present ? 12 : 8 },
      legendgroup: rule,
      showlegend: false,
      hovertemplate: `${name} ${reason}<extra></extra>`,
      meta: { ...meta, role: 'theory-stop', stopped: reason },
    });
  }
  return out;
}

/** Relative rounding floor of the ODE's T→∞ loss: ½[a²b²/(1−w²) − 2abp/(1−wq) + p²/(1−q²)] cancels to ~1e-16. */
export const ODE_LOSS_FLOOR = 1e-12;

/**
 * The ODE's loss below which it is rounding noise: ODE_LOSS_FLOOR × Σ_modes p²/[2(1−q²)] (the loss at a = b = 0,
 * the size of the terms that cancel). The map's loss is a sum of squares and needs no floor.
 */
export function odeLossFloor(params: EngineParams): number {
  let scale = 0;
  params.aStar.forEach((aStar, m) => {
    const q = params.wStar[m];
    if (Math.abs(q) < 1) scale += saddleLoss(aStar * params.bStar[m], q);
  });
  return ODE_LOSS_FLOOR * scale;
}

/**
 * Summed loss predictions on lossFigure's axes (lossCell). Dropped (the curve goes on, with a gap): loss ≤ 0 (the
 * axis is logarithmic) and, for the ODE, values under odeLossFloor (rounding noise of its closed-form loss).
 */
export function lossOverlayTraces(
  params: EngineParams,
  predictions: RulePrediction[],
  opts: OverlayOptions = {},
): ExtTrace[] {
  const cell = lossCell();
  const floor = odeLossFloor(params);
  return predictions.filter(drawable).flatMap((pred) => {
    const min = pred.kind === 'ode' ? floor : 0;
    return curve({
      params,
      pred,
      cell,
      y: pred.trace.loss.map((v) => (v !== null && v > min ? finite(v) : null)),
      alive: pred.trace.loss.map((v) => finite(v) !== null),
      panel: 'loss',
      legend: true,
      yLabel: 'L',
      opts,
    });
  });
}

/** Per shown mode, a·b (row 0 of modeCells) and w (row 1) predictions on modesFigure's axes; aligned task only. */
export function modeOverlayTraces(
  params: EngineParams,
  predictions: RulePrediction[],
  opts: OverlayOptions = {},
): ExtTrace[] {
  if (params.task !== 'aligned') return [];
  const cells = modeCells(params.modes);
  const out: ExtTrace[] = [];
  for (let m = 0; m < cells[0].length; m++) {
    for (const pred of predictions.filter(drawable)) {
      const { a, b, w } = pred.trace;
      const ab = a.map((row, k) => {
        const x = finite(row[m]);
        const y = finite(b[k][m]);
        return x === null || y === null ? null : finite(x * y);
      });
      const common = { params, pred, mode: m, opts };
      const abAlive = ab.map((v) => v !== null);
      const wm = w.map((row) => finite(row[m]));
      out.push(
        ...curve({
          ...common,
          cell: cells[0][m],
          y: ab,
          alive: abAlive,
          panel: `ab${m}`,
          legend: m === 0,
          yLabel: 'a·b',
        }),
      );
      out.push(
        ...curve({
          ...common,
          cell: cells[1][m],
          y: wm,
          alive: wm.map((v) => v !== null),
          panel: `w${m}`,
          legend: false,
          yLabel: 'w',
        }),
      );
    }
  }
  return out;
}

export interface OverlayNote {
  rule: RuleId;
  kind: TheoryKind;
  level: TheoryLevel;
  /** e.g. "RFLO · theory (ODE) stops at step 1200: mode 1: |w| reached 1 …" or why nothing is drawn */
  text: string;
}

/** What the overlays cannot show: rules without a curve (and why) and curves that stop early (and why). */
export function overlayNotes(params: EngineParams, predictions: RulePrediction[]): OverlayNote[] {
  const notes: OverlayNote[] = [];
  for (const p of predictions) {
    const name = theoryName(params, p.rule, p.kind);
    const base = { rule: p.rule, kind: p.kind, level: p.status.level };
    if (!drawable(p)) notes.push({ ...base, text: `${name}: not drawn (${p.reason ?? 'no theory'})` });
    else if (p.trace.stopped)
      notes.push({
        ...base,
        text: `${name} stops at step ${p.trace.stopped.step}: ${p.trace.stopped.reason}`,
      });
  }
  return notes;
}
