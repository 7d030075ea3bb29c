// Pinned runs ("ghosts") on a step-axis panel: faded, thin, dotted lines in the rule's colour, one legend entry per
// pin naming the parameters it differs in. May import: ./figure-parts, ./plotly-types, ../rule-style, engine types.
import type { RunHistory } from '../../engine/history';
import type { EngineParams, RuleId } from '../../engine/params';
import { RULE_STYLE } from '../rule-style';
import {
  type FigureInput,
  floored,
  lineWidth,
  medianBand,
  type RunSeries,
  type SeriesOptions,
} from './figure-parts';
import type { Trace } from './plotly-types';

/** A pinned run ready to draw: its parameters, runs and finished histories, and its legend name. */
export interface Ghost {
  /** e.g. "pin 1: lr 0.02, wStar 0.5" (state/pins.ts pinLabel) */
  label: string;
  params: EngineParams;
  runs: { rule: RuleId; seed: number }[];
  histories: RunHistory[];
}

/** A pin's series on one panel, or why it has none there (e.g. "no mode 3"). */
export type GhostSeries = (RunSeries | null)[] | { cannot: string };

/** Faded enough to read the live run over it, dark enough to compare with. */
export const GHOST_OPACITY = 0.45;

/** Per-run series of one history column of a pin against step (historySeries for a ghost). */
export function ghostHistorySeries(
  ghost: Ghost,
  pick: (h: RunHistory) => (number | null | undefined)[],
): RunSeries[] {
  return ghost.histories.map((h) => ({
    x: h.step,
    y: pick(h)
      .slice(0, h.step.length)
      .map((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v)),
  }));
}

/**
 * Every pin's lines on one panel (after the run's own traces): per rule one line, the seed median when the pin has
 * several seeds. With `opts.legend`, each pin's first line carries its legend entry (one legend group per pin); a
 * pin that cannot be drawn on this chart gets an empty entry that says why.
 */
export function ghostTraces(
  input: FigureInput,
  pick: (ghost: Ghost, pin: number) => GhostSeries,
  opts: SeriesOptions & { note?: (ghost: Ghost) => string | null },
): Trace[] {
  const traces: Trace[] = [];
  const width = Math.max(1, lineWidth(input) / 2);
  (input.ghosts ?? []).forEach((ghost, pin) => {
    const series = pick(ghost, pin);
    const common = {
      type: 'scatter' as const,
      xaxis: opts.cell.x,
      yaxis: opts.cell.y,
      legendgroup: `pin-${pin}`,
      opacity: GHOST_OPACITY,
    };
    if (!Array.isArray(series)) {
      if (opts.legend)
        traces.push({
          ...common,
          mode: 'lines',
          name: `${ghost.label} (not drawn: ${series.cannot})`,
          x: [],
          y: [],
          line: { color: '#888888', dash: 'dot', width },
          showlegend: true,
          meta: { role: 'ghost', pin, panel: opts.panel },
        });
      return;
    }
    const note = opts.note?.(ghost);
    const name = note ? `${ghost.label} (${note})` : ghost.label;
    let named = false;
    for (const rule of [...new Set(ghost.runs.map((r) => r.rule))]) {
      const members = ghost.runs.flatMap((r, k) => {
        const s = series[k];
        return r.rule === rule && s ? [s] : [];
      });
      if (!members.length) continue;
      const line = members.length === 1 ? members[0] : medianOf(members);
      const color = RULE_STYLE[rule].color;
      traces.push({
        ...common,
        mode: line.x.length === 1 ? 'markers' : 'lines',
        name,
        x: line.x,
        // on a floored panel a pin's rounding is drawn on the floor, as the run's is
        ...floored(line.y, opts.floor),
        line: { color, dash: 'dot', width },
        marker: { color, size: 2 * width + 2 },
        showlegend: opts.legend && !named,
        meta: { role: 'ghost', pin, rule, panel: opts.panel },
      });
      named = true;
    }
  });
  return traces;
}

function medianOf(series: RunSeries[]): RunSeries {
  const band = medianBand(series);
  return { x: band.x, y: band.median };
}
