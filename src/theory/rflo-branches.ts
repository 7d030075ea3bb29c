// RFLO's two branches of the optimal manifold (THEORY 3.3): which one a point s is on, and where the other one is
// a saddle. The sweep's phase diagrams draw these as boundaries. May import nothing (plain functions).

/** The branch with â·s > 0 is stable (THEORY 3.3); the other is a saddle near s = 0 and almost always unstable. */
export const rfloOnStableBranch = (s: number, aHat: number): boolean => aHat * s > 0;

/**
 * |s| below which the branch â·s < 0 is a saddle: |s|³ < p²/|â|, i.e. |s| < (p²/|â|)^(1/3) (THEORY 3.3);
 * Infinity when â = 0 (RFLO does not move then).
 */
export const rfloSaddleEdge = (p: number, aHat: number): number =>
  aHat === 0 ? Infinity : Math.cbrt((p * p) / Math.abs(aHat));

/**
 * A signed level of the saddle region {â·s < 0, |s|³ < p²/|â|}: < 0 inside, > 0 outside, zero exactly on its
 * boundary (the branch line â·s = 0 and the cubic's edge). On the other branch it is |â||s|³ − p² (the edge's
 * condition times |â| > 0: smooth in â, so a contour of it interpolates well), on the stable branch |â·s|.
 */
export function rfloSaddleLevel(s: number, p: number, aHat: number): number {
  if (aHat * s >= 0) return Math.abs(aHat * s);
  return Math.abs(aHat) * Math.abs(s) ** 3 - p * p;
}
