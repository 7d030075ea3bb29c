// The run-level thresholds of THEORY 3.3 drawn over each rule's phase diagram: the learning-rate limit (cells past
// it cannot settle where they would converge) and, for BPTT and tBPTT, where the saddle escape takes exactly the
// run's steps (cells past it are still on the plateau at the end). Pure; may import state and theory.
import type { EngineParams, RuleId } from '../engine/params';
import { paramsAt, type SweepGrid } from './sweep-grid';
import { modeLrLimit, runLrLimit, runSaddleEscape } from '../theory';
import { type Boundary, rfloBoundaries, samples, stitch, zeroLevel } from './sweep-boundaries';

/** Past this the log-ratio is clamped (a limit of 0, an escape that never comes): the line still closes. */
const CLAMP = 50;
const logRatio = (x: number, y: number): number =>
  Math.max(-CLAMP, Math.min(CLAMP, Math.log(x) - Math.log(y)));

/**
 * The lr-limit lines (every rule the mode theory covers) and the escape lines (BPTT, tBPTT) over the grid's axes,
 * sampled at `resolution` points per axis: the zero levels of ln(η / limit) and ln(escape / steps). A rule's line
 * is absent where the level keeps one sign over the whole map (the threshold is not crossed).
 */
export function thresholdBoundaries(base: EngineParams, grid: SweepGrid, resolution = 33): Boundary[] {
  const [ax, ay] = grid.axes;
  const xs = samples(ax, resolution);
  const ys = ay ? samples(ay, resolution) : [0, 1];
  const paramsOf = (x: number, y: number) => {
    const p = paramsAt(base, grid, ay ? [x, y] : [x]).params;
    return { ...p, T: Math.max(1, Math.round(p.T)) }; // a T axis is sampled between its whole values
  };
  const at = xs.map((x) => ys.map((y) => paramsOf(x, y)));
  // a mode's limit does not depend on η: an η axis evaluates each flow once
  const memo = new Map<string, number | null>();
  const out: Boundary[] = [];
  for (const rule of base.rules as RuleId[]) {
    const lrAt = (p: EngineParams) => {
      const limit = runLrLimit(p, rule, (m) => {
        const key = JSON.stringify([rule, p.T, p.loss, p.truncation, m]);
        if (!memo.has(key)) memo.set(key, modeLrLimit(p, rule, m));
        return memo.get(key)!;
      });
      return limit === null ? NaN : logRatio(p.lr, limit);
    };
    const lr = zeroLevel(
      xs,
      ys,
      at.map((col) => col.map(lrAt)),
      (x, y) => lrAt(paramsOf(x, y)),
    );
    if (lr.length) out.push({ kind: 'lr-limit', rule, mode: null, segments: lr, lines: stitch(lr) });
    if (rule !== 'bptt' && rule !== 'tbptt') continue;
    const escapeAt = (p: EngineParams) => {
      const steps = runSaddleEscape(p, rule);
      return steps === null ? NaN : logRatio(steps, p.steps);
    };
    const esc = zeroLevel(
      xs,
      ys,
      at.map((col) => col.map(escapeAt)),
      (x, y) => escapeAt(paramsOf(x, y)),
    );
    if (esc.length) out.push({ kind: 'escape', rule, mode: null, segments: esc, lines: stitch(esc) });
  }
  return out;
}

/** Every boundary a sweep's phase diagrams draw: RFLO's branch and saddle lines, then the run-level thresholds. */
export function sweepBoundaries(base: EngineParams, grid: SweepGrid): Boundary[] {
  return [...rfloBoundaries(base, grid), ...thresholdBoundaries(base, grid)];
}
