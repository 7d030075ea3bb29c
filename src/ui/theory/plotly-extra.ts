// Plain-data Plotly fields the theory figures need beyond ../plot/plotly-types (fixed axes, customdata).
// May import: ../charts/plotly-types types only. Every type here extends the app's, so a TheoryFigure is a Figure.
import type { Axis, Figure, Layout, Shape, Trace } from '../plot/plotly-types';

/** A scatter trace with per-point hover data; still assignable to the app's Trace. */
export interface ExtTrace extends Trace {
  /** one entry per point, shown with %{customdata} in hovertemplate */
  customdata?: (number | string | null)[];
  /** what the trace shows: 'theory', 'theory-stop', 'stability', 'field', 'manifold', 'saddle', 'trajectory', … */
  meta?: {
    role: string;
    rule?: string;
    seed?: number;
    panel?: string;
    kind?: string;
    mode?: number;
    /** why a theory curve ends early (THEORY 3.2: |w| → 1, blow-up), when it does */
    stopped?: string;
  };
}

export interface ExtAxis extends Axis {
  /** true: no zoom or pan on this axis (clicks then map to data through the fixed range) */
  fixedrange?: boolean;
  scaleanchor?: string;
  scaleratio?: number;
  constrain?: 'range' | 'domain';
}

/** Shapes are part of the app's layout type (the charts' rounding-floor band uses them too). */
export type { Shape } from '../plot/plotly-types';

export interface ExtLayout extends Layout {
  shapes: Shape[];
}

export interface TheoryFigure extends Figure {
  data: ExtTrace[];
  layout: ExtLayout;
}
