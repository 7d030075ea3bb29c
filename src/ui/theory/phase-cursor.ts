// The phase portrait without a pointer: a cursor in the (a, b) plane that arrow keys move and Enter turns into the
// mode's (a₀, b₀), drawn as a crosshair of layout shapes (shapes leave the figure's traces as they are, so nothing
// else in the chart is redrawn differently). Pure; may import ./phase-geometry, ./plotly-extra types.
import type { PhaseBounds } from './phase-geometry';
import type { Shape } from './plotly-extra';

export interface PhaseCursor {
  a: number;
  b: number;
}

/** Arrow steps as fractions of the axis span: 40 steps cross the plane, 200 with Shift (fine). */
const STEP = 1 / 40;
const FINE_STEP = 1 / 200;

const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));

/**
 * The cursor after an arrow key (a on ←/→, b on ↑/↓), kept inside the drawn bounds; null for any other key. Values
 * are rounded to 3 decimals, as a click's are.
 */
export function moveCursor(
  c: PhaseCursor,
  key: string,
  bounds: PhaseBounds,
  fine: boolean,
): PhaseCursor | null {
  const frac = fine ? FINE_STEP : STEP;
  const da = frac * (bounds.a[1] - bounds.a[0]);
  const db = frac * (bounds.b[1] - bounds.b[0]);
  const round3 = (v: number) => Math.round(v * 1000) / 1000 + 0;
  const move = (a: number, b: number) => ({
    a: round3(clamp(a, bounds.a)),
    b: round3(clamp(b, bounds.b)),
  });
  switch (key) {
    case 'ArrowLeft':
      return move(c.a - da, c.b);
    case 'ArrowRight':
      return move(c.a + da, c.b);
    case 'ArrowUp':
      return move(c.a, c.b + db);
    case 'ArrowDown':
      return move(c.a, c.b - db);
    default:
      return null;
  }
}

/** A crosshair through the cursor across the whole plane, and a ring at it. */
export function cursorShapes(c: PhaseCursor, bounds: PhaseBounds, xref: string, yref: string): Shape[] {
  const line = { color: '#b00020', width: 1.5, dash: 'dot' };
  const r = 0.02 * (bounds.a[1] - bounds.a[0]);
  return [
    {
      type: 'line',
      xref,
      yref,
      x0: bounds.a[0],
      x1: bounds.a[1],
      y0: c.b,
      y1: c.b,
      layer: 'above',
      line,
      name: 'cursor',
    },
    {
      type: 'line',
      xref,
      yref,
      x0: c.a,
      x1: c.a,
      y0: bounds.b[0],
      y1: bounds.b[1],
      layer: 'above',
      line,
      name: 'cursor',
    },
    {
      type: 'circle',
      xref,
      yref,
      x0: c.a - r,
      x1: c.a + r,
      y0: c.b - r,
      y1: c.b + r,
      layer: 'above',
      line: { color: '#b00020', width: 2.5 },
      name: 'cursor',
    },
  ];
}
