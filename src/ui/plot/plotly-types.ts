// The subset of Plotly's figure schema the figure builders produce (plain data; no Plotly import).
// May import: ../rule-style types only.
import type { Dash } from '../rule-style';

export interface Trace {
  type: 'scatter';
  mode: 'lines' | 'markers' | 'lines+markers';
  name: string;
  x: number[];
  y: (number | null)[];
  xaxis?: string;
  yaxis?: string;
  line?: { color?: string; dash?: Dash; width?: number; shape?: 'linear' | 'hv' };
  marker?: { color?: string; symbol?: string; size?: number };
  fill?: 'none' | 'tonexty';
  fillcolor?: string;
  legendgroup?: string;
  showlegend?: boolean;
  hoverinfo?: 'skip' | 'x+y+name' | 'all';
  hovertemplate?: string;
  /** per-point hover text (%{text} in hovertemplate) */
  text?: string[];
  connectgaps?: boolean;
  /** 0..1, the whole trace (pinned runs are drawn faded) */
  opacity?: number;
  /**
   * what the trace shows, for tests and later overlays: 'run', 'median', 'band-lo', 'band-hi', 'reference', 'ghost'
   * (a pinned run's line; `pin` is its index in view.pins)
   */
  meta?: { role: string; rule?: string; seed?: number; panel?: string; pin?: number };
}

export interface Axis {
  title?: { text: string; standoff?: number };
  type?: 'linear' | 'log';
  domain?: [number, number];
  anchor?: string;
  range?: [number, number];
  autorange?: boolean;
  zeroline?: boolean;
  gridcolor?: string;
  linecolor?: string;
  tickfont?: { size?: number };
  exponentformat?: 'power' | 'e' | 'none';
  rangemode?: 'tozero' | 'normal';
  dtick?: number;
  automargin?: boolean;
}

export interface Annotation {
  text: string;
  x: number;
  y: number;
  xref: string;
  yref: string;
  showarrow: false;
  xanchor?: 'left' | 'center' | 'right';
  yanchor?: 'top' | 'middle' | 'bottom';
  font?: { size?: number; color?: string };
}

/**
 * A layout shape: rectangles for shaded regions (the rounding floor's band, the theory's stable regions), lines for
 * markers of special values. Coordinates are data values, on a log axis too (unlike its range, in log10 units).
 */
export interface Shape {
  type: 'rect' | 'line' | 'circle';
  xref: string;
  yref: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  layer?: 'below' | 'above';
  fillcolor?: string;
  line?: { color?: string; width?: number; dash?: string };
  /** what the shape marks ('stable', 'zero', 'cursor', the floor's label); with showlegend, its legend entry (Plotly ≥ 2.30) */
  name?: string;
  showlegend?: boolean;
  legendgroup?: string;
}

export interface Layout {
  [axis: `xaxis${string}` | `yaxis${string}`]: Axis | undefined;
  title?: { text: string };
  font: { size: number; family: string; color: string };
  margin: { l: number; r: number; t: number; b: number };
  paper_bgcolor: string;
  plot_bgcolor: string;
  showlegend: boolean;
  legend?: {
    orientation: 'h' | 'v';
    x?: number;
    y?: number;
    xanchor?: 'left' | 'center' | 'right';
    yanchor?: 'top' | 'middle' | 'bottom';
    /** 'container': y is measured in the whole figure, so the legend sits in the bottom margin */
    yref?: 'paper' | 'container';
    font?: { size?: number };
  };
  hovermode: 'closest' | 'x' | 'x unified';
  annotations: Annotation[];
  shapes?: Shape[];
  /** constant, so zoom and legend toggles survive live updates */
  uirevision: string;
  autosize: boolean;
  height?: number;
}

export interface Figure {
  data: Trace[];
  layout: Layout;
}
