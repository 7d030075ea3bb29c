// RFLO's branches (THEORY 3.3): the stable branch â·s > 0, the saddle edge (p²/|â|)^⅓, and a level whose sign is
// exactly membership of the saddle region {â·s < 0, |s|³ < p²/|â|}.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng';
import { rfloOnStableBranch, rfloSaddleEdge, rfloSaddleLevel, stabilityOnManifold } from '../../src/theory';

describe('RFLO branches', () => {
  it('the stable branch is â·s > 0; the saddle edge is (p²/|â|)^⅓', () => {
    expect(rfloOnStableBranch(0.5, 1)).toBe(true);
    expect(rfloOnStableBranch(-0.5, 1)).toBe(false);
    expect(rfloOnStableBranch(-0.5, -0.3)).toBe(true);
    expect(rfloSaddleEdge(1, 1)).toBe(1);
    expect(rfloSaddleEdge(2, -0.5)).toBeCloseTo(2, 12); // (4 / 0.5)^⅓ = 2
    expect(rfloSaddleEdge(1, 0)).toBe(Infinity);
  });

  it('the level is negative exactly inside the saddle region (5000 random points)', () => {
    const rng = new Rng(3, 'rflo-branches');
    for (let k = 0; k < 5000; k++) {
      const [s, p, aHat] = [rng.normal() * 2, rng.normal(), rng.normal()];
      const inside = aHat * s < 0 && Math.abs(s) ** 3 < (p * p) / Math.abs(aHat);
      expect(rfloSaddleLevel(s, p, aHat) < 0, `${s} ${p} ${aHat}`).toBe(inside);
    }
  });

  it('inside the region the manifold point has δ < 0 (a saddle: real roots of both signs), elsewhere δ > 0', () => {
    // THEORY 3.3: δ = â p² (â s³ + p²) / (s³ (1−q²)² (1−ŵq)²) < 0 exactly when â·s < 0 and |s|³ < p²/|â|
    const [p, q, what] = [1, 0.5, 0.5];
    for (const [s, aHat, saddle] of [
      [-0.5, 1, true],
      [-0.9, 1, true],
      [-1.2, 1, false],
      [0.5, 1, false],
      [0.7, -1, true],
      [1.3, -1, false],
    ] as const) {
      const { delta } = stabilityOnManifold('rflo', s, p, q, aHat, what);
      expect(delta < 0, `s ${s} â ${aHat}`).toBe(saddle);
      expect(rfloSaddleLevel(s, p, aHat) < 0).toBe(saddle);
    }
  });
});
