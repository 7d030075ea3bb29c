// The phase diagram's boundaries are the theory module's: every point of the saddle edge has |a₀|³ = p²/|â| on
// the branch â·a₀ < 0 (src/theory rfloSaddleEdge), every point of the branch line has â·a₀ = 0.
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/state/params';
import { parseGrid, type SweepGrid } from '../../src/state/sweep-grid';
import { rfloSaddleEdge } from '../../src/theory';
import { boundaryGap, rfloBoundaries, stitch, zeroLevel } from '../../src/state/sweep-boundaries';

const grid = (text: string): SweepGrid => {
  const g = parseGrid(text);
  if (!g.ok) throw new Error(g.problem);
  return g.grid;
};
const base = defaultParams(); // aStar [1, 0.5], bStar [1]: p = 1 and 0.5

describe('rfloBoundaries', () => {
  it('a₀ × â: the saddle edge is |a₀| = (p²/|â|)^⅓ on the other branch, the branch line â·a₀ = 0, per mode', () => {
    const bounds = rfloBoundaries(base, grid('a0=-2:2:16,aHat=-1:1:16'));
    expect(bounds.map((b) => `${b.kind}${b.mode}`).sort()).toEqual([
      'branch0',
      'branch1',
      'saddle0',
      'saddle1',
    ]);
    for (const b of bounds) {
      const m = b.mode ?? -1;
      const p = base.aStar[m] * base.bStar[m];
      expect(b.segments.length).toBeGreaterThan(20);
      for (const [x0, y0, x1, y1] of b.segments)
        for (const [a0, aHat] of [
          [x0, y0],
          [x1, y1],
        ]) {
          const onBranchLine = Math.abs(a0) < 0.05 || Math.abs(aHat) < 0.03; // within one sample of 0
          if (b.kind === 'branch') expect(onBranchLine, `${a0}, ${aHat}`).toBe(true);
          else if (!onBranchLine) {
            expect(aHat * a0).toBeLessThan(0);
            expect(Math.abs(Math.abs(a0) - rfloSaddleEdge(p, aHat)), `${a0}, ${aHat}`).toBeLessThan(0.01);
          }
        }
    }
    // mode 1 (p = 0.5) has the smaller saddle: its edge at â = −1 is (0.25)^⅓ ≈ 0.63, mode 0's at 1
    const edgeAt = (mode: number) =>
      Math.max(
        ...bounds
          .find((b) => b.kind === 'saddle' && b.mode === mode)!
          .segments.flatMap(([x0, y0, x1, y1]) => [
            [x0, y0],
            [x1, y1],
          ])
          .filter(([a0, aHat]) => aHat < -0.99 && a0 > 0.1)
          .map(([a0]) => a0),
      );
    expect(edgeAt(0)).toBeCloseTo(1, 2);
    expect(edgeAt(1)).toBeCloseTo(Math.cbrt(0.25), 2);
  });

  it('a one-axis sweep over a₀ at â = 1: the branch line a₀ = 0 and the edge at a₀ = −1, spanning the row', () => {
    const bounds = rfloBoundaries(
      { ...base, modes: 1, aStar: [1], bStar: [1], a0: [0.02], aHat: [1] },
      grid('a0=-2:2:9'),
    );
    const saddle = bounds.find((b) => b.kind === 'saddle')!;
    const xs = saddle.segments.flatMap(([x0, , x1]) => [x0, x1]);
    expect(Math.min(...xs)).toBeCloseTo(-1, 2); // |a₀|³ = p²/|â| = 1
    for (const [, y0, , y1] of saddle.segments) expect([y0, y1].sort()).toEqual([0, 1]);
  });

  it('no boundary where the axes move neither s nor â nor p, and none without RFLO', () => {
    expect(rfloBoundaries(base, grid('lr=0.005:0.1:8,wStar=-0.5:0.5:8'))).toEqual([]);
    expect(rfloBoundaries({ ...base, rules: ['bptt'] }, grid('a0=-1:1:4'))).toEqual([]);
    expect(boundaryGap({ ...base, rules: ['bptt'] })).toMatch(/RFLO/);
    expect(boundaryGap({ ...base, init: 'random' })).toMatch(/aligned/);
  });
});

describe('zeroLevel', () => {
  it('traces f(x, y) = x + y − 1 as the segment from (0, 1) to (1, 0) of the unit square', () => {
    const xs = [0, 0.5, 1];
    const f = xs.map((x) => xs.map((y) => x + y - 0.999999));
    const points = zeroLevel(xs, xs, f).flatMap(([x0, y0, x1, y1]) => [
      [x0, y0],
      [x1, y1],
    ]);
    expect(points.length).toBeGreaterThan(0);
    for (const [x, y] of points) expect(x + y).toBeCloseTo(1, 5);
  });
});

describe('stitch', () => {
  it('joins segments into polylines whichever way round they come, and keeps separate lines apart', () => {
    const lines = stitch([
      [1, 0, 2, 0],
      [0, 0, 1, 0 + 1e-15], // shares (1, 0) up to rounding
      [2, 0, 3, 1],
      [5, 5, 6, 6],
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
    expect(lines[1]).toEqual([
      [5, 5],
      [6, 6],
    ]);
  });

  it('the boundaries of a grid are a few long lines, not hundreds of pieces', () => {
    const bounds = rfloBoundaries(base, grid('a0=-2:2:16,aHat=-1:1:16'));
    for (const b of bounds) {
      expect(b.lines.reduce((n, l) => n + l.length - 1, 0)).toBe(b.segments.length);
      expect(b.lines.length).toBeLessThanOrEqual(6);
    }
  });
});
