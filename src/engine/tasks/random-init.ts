// Gaussian (non-aligned) student initialisation and feedback, shared by the random task and aligned+init=random.
// Imports only ../rng and engine types.
import type { Matrix } from '../linalg';
import type { Weights } from '../network';
import { Rng } from '../rng';

/** Student entries ~ N(0, (initScale/√fan-in)²): fan-in n for A and W, i for B. */
export function gaussianStudent(
  runSeed: number,
  n: number,
  i: number,
  o: number,
  initScale: number,
): Weights {
  const rng = new Rng(runSeed, 'student');
  return {
    A: rng.gaussian(o, n, initScale / Math.sqrt(n)),
    W: rng.gaussian(n, n, initScale / Math.sqrt(n)),
    B: rng.gaussian(n, i, initScale / Math.sqrt(i)),
  };
}

/** RFLO feedback R (o×n) with entries of variance 1/n. */
export function gaussianFeedback(runSeed: number, n: number, o: number): Matrix {
  return new Rng(runSeed, 'feedback').gaussian(o, n, 1 / Math.sqrt(n));
}
