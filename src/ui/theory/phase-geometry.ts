// Geometry of the (a, b) phase portrait: fixed bounds, the flow field as arrows, the manifold ab = p, clicks → (a₀, b₀).
// May import: src/theory, engine types, ../../state/params (the parameter table's ranges). No Plotly, no React.
import type { EngineParams } from '../../engine/params';
import { ROWS } from '../../state/params';
import { odeRates, type TheoryRule } from '../../theory';

/** Fixed axis ranges of the phase portrait: a on x, b on y. */
export interface PhaseBounds {
  a: [number, number];
  b: [number, number];
}

const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest "nice" number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) ≥ x. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const e = Math.pow(10, Math.floor(Math.log10(x)));
  const m = NICE.find((n) => n * e >= x * (1 - 1e-12)) ?? 10;
  return Number((m * e).toPrecision(12));
}

/** The initial values' range in the parameter table (a₀, b₀ ∈ [−10, 10]). */
export function initRange(key: 'a0' | 'b0'): [number, number] {
  const row = ROWS[key];
  return row.kind === 'list' ? [row.min, row.max] : [-10, 10];
}

/**
 * Default square bounds [−R, R]² of one mode's portrait, from the parameters only (stable while a run plays):
 * R covers 2.5√|p| (both manifold branches near their balanced points a = b = ±√|p|) and 1.25·(a₀, b₀), at
 * least 0.5, rounded up to a nice number and at most the table's limit 10.
 */
export function phaseBounds(params: EngineParams, mode: number): PhaseBounds {
  const p = params.aStar[mode] * params.bStar[mode];
  const want = Math.max(
    2.5 * Math.sqrt(Math.abs(p)),
    1.25 * Math.abs(params.a0[mode]),
    1.25 * Math.abs(params.b0[mode]),
    0.5,
  );
  const R = Math.min(niceCeil(want), initRange('a0')[1]);
  return { a: [-R, R], b: [-R, R] };
}

export interface FieldArrow {
  /** grid point (arrow centre) */
  a: number;
  b: number;
  /** the flow (ȧ, ḃ) = −(Δa, Δb) of THEORY 3.2 at (a, b, w*) */
  va: number;
  vb: number;
  speed: number;
  /** drawn arrow, normalised to a fixed length: tail → tip, and the two barb ends */
  tail: [number, number];
  tip: [number, number];
  barbs: [[number, number], [number, number]];
}

/**
 * The rule's T→∞ flow projected on (a, b) at w = w* (THEORY 3.2) on an n × n grid of cell centres. Arrows have
 * one length (0.8 of a cell; direction only), so speed must be shown another way (opacity). Empty if |w*| ≥ 1.
 */
export function phaseField(
  params: EngineParams,
  mode: number,
  rule: TheoryRule,
  bounds: PhaseBounds,
  n = 15,
): FieldArrow[] {
  const q = params.wStar[mode];
  if (!(Math.abs(q) < 1)) return [];
  const teacher = { aStar: params.aStar[mode], bStar: params.bStar[mode], wStar: q };
  const feedback = { aHat: params.aHat[mode], what: params.what };
  const da = (bounds.a[1] - bounds.a[0]) / n;
  const db = (bounds.b[1] - bounds.b[0]) / n;
  const half = 0.4 * Math.min(da, db);
  const barb = 0.35 * 2 * half;
  const [cos, sin] = [Math.cos(Math.PI / 7), Math.sin(Math.PI / 7)];
  const out: FieldArrow[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = bounds.a[0] + (i + 0.5) * da;
      const b = bounds.b[0] + (j + 0.5) * db;
      const r = odeRates(rule, { a, b, w: q }, teacher, feedback);
      const [va, vb] = [-r.da, -r.db];
      const speed = Math.hypot(va, vb);
      if (!(speed > 0) || !Number.isFinite(speed)) continue;
      const [ua, ub] = [va / speed, vb / speed];
      const tip: [number, number] = [a + half * ua, b + half * ub];
      // barbs: back from the tip along −u, turned by ±π/7
      const side = (sgn: number): [number, number] => [
        tip[0] - barb * (ua * cos - sgn * ub * sin),
        tip[1] - barb * (ub * cos + sgn * ua * sin),
      ];
      out.push({
        a,
        b,
        va,
        vb,
        speed,
        tail: [a - half * ua, b - half * ub],
        tip,
        barbs: [side(1), side(-1)],
      });
    }
  }
  return out;
}

/**
 * Points of the optimal manifold ab = p (THEORY 3.3) inside the bounds, per branch (a > 0 and a < 0), denser
 * near the axes (geometric in |a|). For p = 0 the set ab = 0 is the two axes, returned as two segments.
 */
export function manifoldBranches(
  p: number,
  bounds: PhaseBounds,
  points = 160,
): { a: number[]; b: number[] }[] {
  if (p === 0)
    return [
      { a: [bounds.a[0], bounds.a[1]], b: [0, 0] },
      { a: [0, 0], b: [bounds.b[0], bounds.b[1]] },
    ];
  const out: { a: number[]; b: number[] }[] = [];
  for (const sa of [1, -1]) {
    const aExtent = sa > 0 ? bounds.a[1] : -bounds.a[0];
    const sb = Math.sign(p) * sa;
    const bExtent = sb > 0 ? bounds.b[1] : -bounds.b[0];
    if (!(aExtent > 0) || !(bExtent > 0)) continue;
    const tMin = Math.abs(p) / bExtent;
    const tMax = aExtent;
    if (!(tMin < tMax)) continue;
    const a = Array.from({ length: points }, (_, k) => sa * tMin * Math.pow(tMax / tMin, k / (points - 1)));
    out.push({ a, b: a.map((x) => p / x) });
  }
  return out;
}

/** A Plotly axis as found in graphDiv._fullLayout.xaxis / .yaxis after drawing (only what the mapping needs). */
export interface PlotlyAxisLike {
  range: [number, number];
  /** pixels from the graph div's left (x) or top (y) edge to the start of the axis */
  _offset: number;
  /** the axis length in pixels */
  _length: number;
}

/**
 * Data coordinates (a, b) under a pointer at (px, py) pixels from the graph div's top-left corner, for linear
 * axes; null outside the plot area. Usage: px = event.clientX − div.getBoundingClientRect().left, likewise py;
 * axes = div._fullLayout.xaxis and div._fullLayout.yaxis.
 */
export function pixelToData(
  px: number,
  py: number,
  xaxis: PlotlyAxisLike,
  yaxis: PlotlyAxisLike,
): { a: number; b: number } | null {
  if (!(xaxis._length > 0) || !(yaxis._length > 0)) return null;
  const fx = (px - xaxis._offset) / xaxis._length;
  const fy = (py - yaxis._offset) / yaxis._length;
  if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return null;
  return {
    a: xaxis.range[0] + fx * (xaxis.range[1] - xaxis.range[0]),
    b: yaxis.range[1] - fy * (yaxis.range[1] - yaxis.range[0]),
  };
}

const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));
/** 3 decimals: a click's precision, and short URLs */
const round3 = (v: number) => Math.round(v * 1000) / 1000 + 0;

/**
 * New a₀ and b₀ lists (one entry per mode) with the chosen mode's values set to the clicked (a, b), rounded to
 * 3 decimals and clamped to the table's ranges ([−10, 10]); other modes unchanged. Non-finite a or b, or a mode
 * outside 0..modes−1, change nothing.
 */
export function pointToModeInit(
  params: Pick<EngineParams, 'modes' | 'a0' | 'b0'>,
  mode: number,
  a: number,
  b: number,
): { a0: number[]; b0: number[] } {
  const expand = (list: number[]) =>
    Array.from({ length: params.modes }, (_, k) => list[Math.min(k, list.length - 1)]);
  const a0 = expand(params.a0);
  const b0 = expand(params.b0);
  if (!Number.isInteger(mode) || mode < 0 || mode >= params.modes) return { a0, b0 };
  if (Number.isFinite(a)) a0[mode] = clamp(round3(a), initRange('a0'));
  if (Number.isFinite(b)) b0[mode] = clamp(round3(b), initRange('b0'));
  return { a0, b0 };
}
