// The theory's boundaries drawn over a phase diagram, where they exist (THEORY 3.3, via src/theory): RFLO's
// branch line â·s = 0 (the stable branch is â·s > 0) and the edge of its saddle region |s|³ < p²/|â| on the other
// branch, with s the start's readout a₀ of each mode (the optimal-manifold coordinate when a keeps its sign).
// Pure; may import state and theory.
import type { EngineParams, RuleId } from '../engine/params';
import { paramsAt, type SweepAxis, type SweepGrid } from './sweep-grid';
import { rfloSaddleLevel } from '../theory';

export interface Boundary {
  /**
   * RFLO's branch line and saddle-region edge (per mode), or a run-level threshold (threshold-boundaries.ts): the
   * learning-rate limit, or the saddle escape taking exactly the run's steps
   */
  kind: 'branch' | 'saddle' | 'lr-limit' | 'escape';
  /** the rule whose phase diagram it is drawn on */
  rule: RuleId;
  /** 0-based mode, or null for a run-level threshold (the worst mode's) */
  mode: number | null;
  /** line segments [x₀, y₀, x₁, y₁] in axis values (a one-axis sweep: y from 0 to 1 spans its one row) */
  segments: [number, number, number, number][];
  /** the same segments joined into polylines of [x, y] points (so a dash pattern runs along a whole line) */
  lines: [number, number][][];
}

/**
 * Joins segments that share end points into polylines. Neighbouring squares compute a shared crossing from the
 * two ends of their common edge, which can differ in the last bits: points match to 1e-9 of the extent.
 */
export function stitch(segments: [number, number, number, number][]): [number, number][][] {
  const extent = Math.max(1e-300, ...segments.flat().map(Math.abs));
  const key = (x: number, y: number) =>
    `${Math.round(x / (1e-9 * extent))},${Math.round(y / (1e-9 * extent))}`;
  const at = new Map<string, number[]>();
  segments.forEach(([x0, y0, x1, y1], k) => {
    for (const p of [key(x0, y0), key(x1, y1)]) at.set(p, [...(at.get(p) ?? []), k]);
  });
  const used = new Array<boolean>(segments.length).fill(false);
  const lines: [number, number][][] = [];
  /** extends a line from its last point with unused segments, in place */
  const grow = (line: [number, number][]) => {
    for (;;) {
      const [x, y] = line[line.length - 1];
      const next = (at.get(key(x, y)) ?? []).find((k) => !used[k]);
      if (next === undefined) return;
      used[next] = true;
      const [x0, y0, x1, y1] = segments[next];
      line.push(key(x0, y0) === key(x, y) ? [x1, y1] : [x0, y0]);
    }
  };
  segments.forEach(([x0, y0, x1, y1], k) => {
    if (used[k]) return;
    used[k] = true;
    const forward: [number, number][] = [
      [x0, y0],
      [x1, y1],
    ];
    grow(forward);
    const backward: [number, number][] = [[x0, y0]];
    grow(backward);
    lines.push([...backward.slice(1).reverse(), ...forward]);
  });
  return lines;
}

/** Why the diagram shows no boundary for these parameters, or null when it can. */
export function boundaryGap(p: EngineParams): string | null {
  if (!p.rules.includes('rflo')) return 'the boundaries are RFLO’s (THEORY 3.3): add rflo';
  if (p.task !== 'aligned' || p.init !== 'aligned') return 'the boundaries need the aligned task and init';
  return null;
}

/** n sample values across the whole drawn axis: half a cell past the first and last values (to the frame). */
export const samples = (axis: SweepAxis, n: number): number[] =>
  Array.from({ length: n }, (_, k) => {
    const pad = axis.count > 1 ? 0.5 / (axis.count - 1) : 0;
    const t = -pad + (n === 1 ? 0 : k / (n - 1)) * (1 + 2 * pad);
    return axis.scale === 'log'
      ? axis.from * Math.pow(axis.to / axis.from, t)
      : axis.from + (axis.to - axis.from) * t;
  });

/** Regula falsi (Illinois) steps that place a crossing on its edge from the level itself. */
const REFINE_STEPS = 12;

/**
 * The zero level of f on a sample grid (marching squares): segments between the points where f changes sign
 * along a square's edges, linearly interpolated, or found on the edge by regula falsi on `level` (the function f
 * samples) when given. A square with a NaN corner (no theory there) has none.
 */
export function zeroLevel(
  xs: number[],
  ys: number[],
  f: number[][], // f[a][b] at (xs[a], ys[b])
  level?: (x: number, y: number) => number,
): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  const cross = (
    x0: number,
    y0: number,
    f0: number,
    x1: number,
    y1: number,
    f1: number,
  ): [number, number] => {
    const at = (t: number): [number, number] => [x0 + t * (x1 - x0), y0 + t * (y1 - y0)];
    let [ta, fa, tb, fb] = [0, f0, 1, f1];
    let t = fa / (fa - fb);
    for (let k = 0; level && k < REFINE_STEPS; k++) {
      const ft = level(...at(t));
      if (!Number.isFinite(ft) || ft === 0) break;
      // keep the bracket; halve the stale end's value (Illinois) so it never creeps from one side
      if (ft < 0 === fa < 0) [ta, fa, fb] = [t, ft, fb / 2];
      else [tb, fb, fa] = [t, ft, fa / 2];
      t = ta + (fa / (fa - fb)) * (tb - ta);
    }
    return at(t);
  };
  for (let a = 0; a + 1 < xs.length; a++)
    for (let b = 0; b + 1 < ys.length; b++) {
      const corners: [number, number, number][] = [
        [xs[a], ys[b], f[a][b]],
        [xs[a + 1], ys[b], f[a + 1][b]],
        [xs[a + 1], ys[b + 1], f[a + 1][b + 1]],
        [xs[a], ys[b + 1], f[a][b + 1]],
      ];
      if (corners.some((c) => Number.isNaN(c[2]))) continue;
      const points: [number, number][] = [];
      for (let e = 0; e < 4; e++) {
        const [x0, y0, f0] = corners[e];
        const [x1, y1, f1] = corners[(e + 1) % 4];
        if (f0 < 0 !== f1 < 0) points.push(cross(x0, y0, f0, x1, y1, f1));
      }
      // two crossings: one segment; four (a saddle of f): two, paired along the square's edges
      for (let k = 0; k + 1 < points.length; k += 2)
        out.push([points[k][0], points[k][1], points[k + 1][0], points[k + 1][1]]);
    }
  return out;
}

/**
 * RFLO's boundaries over the grid's axes, per mode: the branch line â·a₀ = 0 and the saddle region's edge. Empty
 * where the axes move neither (the level is constant) or boundaryGap applies.
 */
export function rfloBoundaries(base: EngineParams, grid: SweepGrid, resolution = 97): Boundary[] {
  if (boundaryGap(base)) return [];
  const [ax, ay] = grid.axes;
  const xs = samples(ax, resolution);
  const ys = ay ? samples(ay, resolution) : [0, 1];
  const at = xs.map((x) => ys.map((y) => paramsAt(base, grid, ay ? [x, y] : [x]).params));
  const out: Boundary[] = [];
  for (let m = 0; m < base.modes; m++) {
    const branch = at.map((col) => col.map((p) => p.aHat[m] * p.a0[m]));
    const saddle = at.map((col) =>
      col.map((p) => rfloSaddleLevel(p.a0[m], p.aStar[m] * p.bStar[m], p.aHat[m])),
    );
    const b = zeroLevel(xs, ys, branch);
    const s = zeroLevel(xs, ys, saddle);
    if (b.length) out.push({ kind: 'branch', rule: 'rflo', mode: m, segments: b, lines: stitch(b) });
    if (s.length) out.push({ kind: 'saddle', rule: 'rflo', mode: m, segments: s, lines: stitch(s) });
  }
  return out;
}
