// Pure builders of the credit-assignment microscope: a diverging colour scale, heat-map cells, signed bar
// geometry and the panel's texts. No React, no DOM: unit-tested. May import: engine types only.
import type { Matrix } from '../../engine/linalg';
import type { RuleTrial, TrialTrace } from '../../engine/trial-trace';

/** Blue for negative, white at 0, red for positive (ColorBrewer RdBu ends: distinguishable by most colour-blind eyes). */
const NEG = [33, 102, 172];
const POS = [178, 24, 43];

/** The fill of `v` on a scale symmetric about 0 reaching full colour at ±max (white when max is 0). */
export function divergingColor(v: number, max: number): string {
  const f = max > 0 && Number.isFinite(v) ? Math.max(-1, Math.min(1, v / max)) : 0;
  const end = f < 0 ? NEG : POS;
  const a = Math.abs(f);
  const mix = end.map((c) => Math.round(255 + (c - 255) * a));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}

export const maxAbsOf = (values: Iterable<number>): number => {
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
};

export interface HeatCell {
  row: number;
  col: number;
  value: number;
  fill: string;
}

/** One cell per entry, coloured on the matrix's own symmetric scale (or a shared `max`). */
export function heatCells(m: Matrix, max = maxAbsOf(m.flat())): HeatCell[] {
  return m.flatMap((row, r) =>
    row.map((value, c) => ({ row: r, col: c, value, fill: divergingColor(value, max) })),
  );
}

export interface Bar {
  index: number;
  value: number;
  /** left edge and width in the chart's x units; top and height in its y units (0 at the top) */
  x: number;
  width: number;
  y: number;
  height: number;
}

/**
 * Vertical bars for signed values in a width × height box with the zero line in the middle (so every bar of a
 * panel shares one scale `max`; the default is the values' own largest magnitude).
 */
export function signedBars(
  values: readonly number[],
  width: number,
  height: number,
  max = maxAbsOf(values),
): Bar[] {
  const slot = values.length ? width / values.length : 0;
  const half = height / 2;
  return values.map((value, index) => {
    const f = max > 0 && Number.isFinite(value) ? Math.max(-1, Math.min(1, value / max)) : 0;
    const h = Math.abs(f) * half;
    return {
      index,
      value,
      x: index * slot + slot * 0.12,
      width: slot * 0.76,
      y: f >= 0 ? half - h : half,
      height: h,
    };
  });
}

/** Four significant digits, exponent form for very small or large magnitudes. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? v.toPrecision(4) : v.toExponential(3);
}

/** "ΔW_12" style subscript label of a synapse, 1-based as in the text of THEORY (W_ij: row i, column j). */
export const synapseLabel = ([i, j]: readonly [number, number]): string =>
  `W${subscript(i + 1)},${subscript(j + 1)}`;

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const subscript = (k: number) => [...String(k)].map((d) => SUB[Number(d)]).join('');

/** The sum of a rule's per-step contributions against its ΔW_ij (they agree; the panel shows both). */
export function contributionSummary(
  r: RuleTrial,
  synapse: readonly [number, number],
): { sum: number; dW: number } {
  return { sum: r.contributions.reduce((a, b) => a + b, 0), dW: r.dW[synapse[0]][synapse[1]] };
}

/** What the panel says about time step t (1..T) of the trial. */
export function stepCaption(trace: TrialTrace, t: number): string {
  const { T } = trace;
  if (t === T)
    return `t = ${T} = T: the output y_T = A h_T is compared with the teacher's; the error ε arrives and each rule sends its learning signal back.`;
  return `t = ${t}: h_${t} = W h_${t - 1} + B x_${t - 1}. The error arrives only at T = ${T}; the signals shown are what each rule delivers to step ${t} from there (BPTT through ${T - t} Jacobian steps, RFLO by its trace).`;
}

/** The current time step after a key press (←/→, Home, End), or null for other keys. */
export function stepAfterKey(key: string, t: number, T: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return Math.max(1, t - 1);
    case 'ArrowRight':
      return Math.min(T, t + 1);
    case 'Home':
      return 1;
    case 'End':
      return T;
    default:
      return null;
  }
}
