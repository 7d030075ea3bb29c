// Shared pieces of the pure figure builders: input type, layout defaults, subplot grids, per-run lines or the
// seed median with a min–max band, reference lines. May import: ../rule-style, ./plotly-types, ./panel-grid,
// ./rounding-band, engine types.
import type { RunHistory, Spectrum } from '../../engine/history';
import type { EngineParams, RuleId } from '../../engine/params';
import { REFERENCE_STYLE, RULE_STYLE, ruleLabel, withAlpha } from '../rule-style';
import type { Annotation, Axis, Layout, Trace } from './plotly-types';
import type { Ghost } from './ghost-traces';
import { drawnOnFloor, FLOOR_HOVER_TEMPLATE, floorHover } from './rounding-band';
import type { Cell } from './panel-grid';

export { type Cell, type Grid, type GridOptions, grid, panelGrid } from './panel-grid';

/** Everything a figure is a function of (a live snapshot or a loaded run file look the same). */
export interface FigureInput {
  runs: { rule: RuleId; seed: number }[];
  histories: RunHistory[];
  spectra: (Spectrum | null)[];
  params: EngineParams;
  /** projector mode: larger type, thicker lines */
  present?: boolean;
  /** phone-width container: at most two panels side by side */
  narrow?: boolean;
  /** the card's drawing height in px (the dashboard grid sets it): the panel rows share what is left of it */
  heightPx?: number;
  /** pinned runs, drawn faded after the run's own traces on the step-axis panels (./ghost-traces) */
  ghosts?: Ghost[];
}

export const lineWidth = (input: FigureInput) => (input.present ? 4 : 2);

/** Layout defaults; `plotHeight` is the panels' area in px (margins are added). */
export function baseLayout(input: FigureInput, plotHeight: number): Layout {
  const present = !!input.present;
  // room for the x-axis title and one legend row (fitLegend adds the rest)
  const margin = { l: present ? 96 : 72, r: 16, t: present ? 40 : 30, b: present ? 110 : 80 };
  return {
    font: { size: present ? 20 : 12, family: 'system-ui, sans-serif', color: '#1a1a1a' },
    margin,
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 0, xanchor: 'left', yanchor: 'bottom', yref: 'container' },
    hovermode: 'closest',
    annotations: [],
    uirevision: 'locality-lab',
    autosize: true,
    height: Math.round(plotHeight + margin.t + margin.b),
  };
}

/**
 * Grows the bottom margin to fit the legend's wrapped rows. Plotly would expand it itself, but only after a
 * first pass drawn with a too-small plot area (which logs NaN paths); the width is an estimate of a half-page chart.
 */
export function fitLegend(input: FigureInput, data: Trace[], layout: Layout): void {
  const charPx = input.present ? 10.5 : 7;
  const rowPx = input.present ? 30 : 21;
  const width = input.narrow ? 330 : 420;
  let rows = 1;
  let used = 0;
  // shapes with a legend entry (the rounding floor's band) take a legend item like a trace
  for (const t of [...data, ...(layout.shapes ?? [])]) {
    if (!t.showlegend || t.name === undefined) continue;
    const item = 46 + charPx * t.name.length;
    if (used > 0 && used + item > width) {
      rows++;
      used = 0;
    }
    used += item;
  }
  const extra = (rows - 1) * rowPx;
  layout.margin = { ...layout.margin, b: layout.margin.b + extra };
  if (layout.height !== undefined) layout.height += extra;
}

/** Puts a cell's axes into the layout, with a small title over the panel. */
export function placeCell(layout: Layout, cell: Cell, title: string, x: Axis, y: Axis): void {
  // no automargin: measuring tick labels to grow the margins is half of a redraw's cost; the margins are fixed
  const grid = { gridcolor: '#e6e6e6', linecolor: '#888888', zeroline: false, automargin: false };
  layout[cell.xKey] = { ...grid, ...x, domain: cell.xDomain, anchor: cell.y };
  // projector: log axes label the decades only (Plotly draws the 2 and 5 between them at ¾ size, unreadable there)
  const decades = layout.font.size >= 20 && y.type === 'log' ? { dtick: 1 } : {};
  layout[cell.yKey] = {
    exponentformat: 'power',
    ...grid,
    ...decades,
    ...y,
    domain: cell.yDomain,
    anchor: cell.x,
  };
  // panel titles a notch below the axis labels, so neighbours' titles do not run into each other
  // in projector mode panel titles are the room's headings: 24 px, above the 20 px ticks
  if (title)
    layout.annotations.push(
      panelNote(cell, title, 'title', layout.font.size >= 20 ? 24 : layout.font.size - 1),
    );
}

/** Text over a panel ('title', at its top) or in its middle ('empty', e.g. "RFLO not selected"). */
export function panelNote(cell: Cell, text: string, where: 'title' | 'empty', size?: number): Annotation {
  const x = (cell.xDomain[0] + cell.xDomain[1]) / 2;
  return where === 'title'
    ? {
        text,
        x,
        y: cell.yDomain[1],
        xref: 'paper',
        yref: 'paper',
        showarrow: false,
        xanchor: 'center',
        yanchor: 'bottom',
        ...(size ? { font: { size } } : {}),
      }
    : {
        text,
        x,
        y: (cell.yDomain[0] + cell.yDomain[1]) / 2,
        xref: 'paper',
        yref: 'paper',
        showarrow: false,
        xanchor: 'center',
        yanchor: 'middle',
        font: { color: '#555555' },
      };
}

export interface RunSeries {
  x: number[];
  y: (number | null)[];
}

const finiteOrNull = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median, min and max across runs at each step of the run recorded furthest. Runs are matched by step, not by
 * position: a run that diverged stops recording early (it drops out of the band after its last step, and must not
 * cut the others short), and a shorter history is thinned differently.
 */
export function medianBand(series: RunSeries[]): {
  x: number[];
  median: (number | null)[];
  lo: (number | null)[];
  hi: (number | null)[];
} {
  const reach = (s: RunSeries) => (s.x.length ? s.x[s.x.length - 1] : -Infinity);
  const furthest = series.reduce<RunSeries | null>(
    (best, s) =>
      !best || reach(s) > reach(best) || (reach(s) === reach(best) && s.x.length > best.x.length) ? s : best,
    null,
  );
  const x = furthest ? [...furthest.x] : [];
  const byStep = series.map((s) => new Map(s.x.map((step, k) => [step, s.y[k]])));
  const med: (number | null)[] = [];
  const lo: (number | null)[] = [];
  const hi: (number | null)[] = [];
  for (const step of x) {
    const values = byStep
      .map((m) => finiteOrNull(m.get(step)))
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    med.push(values.length ? median(values) : null);
    lo.push(values.length ? values[0] : null);
    hi.push(values.length ? values[values.length - 1] : null);
  }
  return { x, median: med, lo, hi };
}

export interface SeriesOptions {
  cell: Cell;
  /** legend entries only on the figure's first panel (legend groups toggle the rest together) */
  legend: boolean;
  panel: string;
  /** the float32 rounding floor of a log panel: values under it are drawn on it and hover as "zero to rounding" */
  floor?: number;
}

/** y as drawn, and with a floor, hover text that gives the true value or "zero to rounding". */
export function floored(
  y: (number | null)[],
  floor: number | undefined,
): Pick<Trace, 'y' | 'text' | 'hovertemplate'> {
  if (floor === undefined) return { y };
  return {
    y: y.map((v) => drawnOnFloor(v, floor)),
    text: y.map((v) => floorHover(v, floor)),
    hovertemplate: FLOOR_HOVER_TEMPLATE,
  };
}

/**
 * A rule's lines on one panel: one line per run with a single seed; with several seeds, the median line
 * over a min–max band. Colour and dash come from the rule; runs come first, in rule order.
 */
export function seriesTraces(input: FigureInput, perRun: (RunSeries | null)[], opts: SeriesOptions): Trace[] {
  const traces: Trace[] = [];
  const width = lineWidth(input);
  const rules = [...new Set(input.runs.map((r) => r.rule))];
  for (const rule of rules) {
    const style = RULE_STYLE[rule];
    const label = ruleLabel(rule, input.params);
    const members = input.runs.map((r, k) => (r.rule === rule ? k : -1)).filter((k) => k >= 0 && perRun[k]);
    const common = { type: 'scatter' as const, xaxis: opts.cell.x, yaxis: opts.cell.y, legendgroup: rule };
    if (members.length === 1) {
      const k = members[0];
      const s = perRun[k] as RunSeries;
      traces.push({
        ...common,
        // a lone point (step 0) would be invisible as a line
        mode: s.x.length === 1 ? 'markers' : 'lines',
        name: label,
        x: s.x,
        ...floored(s.y.map(finiteOrNull), opts.floor),
        line: { color: style.color, dash: style.dash, width },
        marker: { color: style.color, symbol: style.symbol, size: 3 * width },
        showlegend: opts.legend,
        meta: { role: 'run', rule, seed: input.runs[k].seed, panel: opts.panel },
      });
    } else if (members.length > 1) {
      const band = medianBand(members.map((k) => perRun[k] as RunSeries));
      const edge = {
        ...common,
        mode: 'lines' as const,
        x: band.x,
        showlegend: false,
        hoverinfo: 'skip' as const,
      };
      traces.push(
        {
          ...edge,
          name: `${label} min`,
          y: floored(band.lo, opts.floor).y,
          line: { color: style.color, width: 0 },
          meta: { role: 'band-lo', rule, panel: opts.panel },
        },
        {
          ...edge,
          name: `${label} max`,
          y: floored(band.hi, opts.floor).y,
          fill: 'tonexty',
          fillcolor: withAlpha(style.color, 0.18),
          line: { color: style.color, width: 0 },
          meta: { role: 'band-hi', rule, panel: opts.panel },
        },
        {
          ...common,
          mode: 'lines',
          name: `${label} (median)`,
          x: band.x,
          ...floored(band.median, opts.floor),
          line: { color: style.color, dash: style.dash, width },
          showlegend: opts.legend,
          meta: { role: 'median', rule, panel: opts.panel },
        },
      );
    }
  }
  return traces;
}

/** A horizontal reference line (teacher value, rank bound) across [x0, x1]: grey, long-dashed. */
export function referenceLine(
  cell: Cell,
  y: number,
  x0: number,
  x1: number,
  name: string,
  legend: boolean,
  width: number,
): Trace {
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    x: [x0, x1],
    y: [y, y],
    xaxis: cell.x,
    yaxis: cell.y,
    line: { color: REFERENCE_STYLE.color, dash: REFERENCE_STYLE.dash, width: Math.max(1, width - 0.5) },
    legendgroup: 'reference',
    showlegend: legend,
    meta: { role: 'reference', panel: name },
  };
}

/** Per-run series of one history column against step. */
export function historySeries(
  input: FigureInput,
  pick: (h: RunHistory) => (number | null | undefined)[],
): RunSeries[] {
  return input.histories.map((h) => ({ x: h.step, y: pick(h).slice(0, h.step.length).map(finiteOrNull) }));
}

/** The last step any run has recorded, or the target when nothing has been recorded yet. */
export function lastStep(input: FigureInput): number {
  const last = Math.max(0, ...input.histories.map((h) => h.step[h.step.length - 1] ?? 0));
  return Math.max(last, 1);
}
