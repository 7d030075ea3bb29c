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
 * A signed "distance" to the saddle region's boundary, < 0 inside {â·s < 0, |s|³ < p²/|â|} and > 0 outside: on
 * the other branch |s|³ − p²/|â|, on the stable branch its distance to s = 0, so the zero level of this function
 * is exactly the region's boundary (the branch line s = 0 and the cubic's edge).
 */
export function rfloSaddleLevel(s: number, p: number, aHat: number): number {
  if (aHat === 0) return 1;
  if (aHat * s >= 0) return Math.abs(s);
  return Math.abs(s) ** 3 - (p * p) / Math.abs(aHat);
}
