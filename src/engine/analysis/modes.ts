// Reads per-mode values and alignment back from any weights in the task's bases (THEORY 3).
// Imports only ../linalg and task types; plain float64 arrays.
import { chain, frobenius, type Matrix, transpose } from '../linalg';
import type { Bases } from '../tasks';

export interface ModeValues {
  a: number[];
  b: number[];
  w: number[];
}

/** a = diag(Uᵀ A P), w = diag(Pᵀ W P), b = diag(Pᵀ B V), first `modes` entries. */
export function readModes(net: { A: Matrix; W: Matrix; B: Matrix }, bases: Bases, modes: number): ModeValues {
  const { UtAP, PtWP, PtBV } = rotate(net, bases);
  const diag = (m: Matrix) => Array.from({ length: modes }, (_, k) => m[k][k]);
  return { a: diag(UtAP), w: diag(PtWP), b: diag(PtBV) };
}

/** ‖offdiag(X)‖_F / ‖X‖_F (0 = perfectly aligned; 0 also for X = 0). */
export function offDiagonalFraction(x: Matrix): number {
  const total = frobenius(x);
  if (total === 0) return 0;
  let off = 0;
  x.forEach((row, r) => row.forEach((v, c) => (off += r === c ? 0 : v * v)));
  return Math.sqrt(off) / total;
}

export interface Alignment {
  A: number;
  W: number;
  B: number;
  /** RFLO's feedback Uᵀ R P; null when the run has no feedback */
  R: number | null;
}

/** Off-diagonal energy fractions of Uᵀ A P, Pᵀ W P, Pᵀ B V (and Uᵀ R P). */
export function alignment(
  net: { A: Matrix; W: Matrix; B: Matrix },
  bases: Bases,
  R: Matrix | null,
): Alignment {
  const { UtAP, PtWP, PtBV } = rotate(net, bases);
  return {
    A: offDiagonalFraction(UtAP),
    W: offDiagonalFraction(PtWP),
    B: offDiagonalFraction(PtBV),
    R: R ? offDiagonalFraction(chain(transpose(bases.U), R, bases.P)) : null,
  };
}

function rotate(net: { A: Matrix; W: Matrix; B: Matrix }, { U, V, P }: Bases) {
  const PT = transpose(P);
  return {
    UtAP: chain(transpose(U), net.A, P),
    PtWP: chain(PT, net.W, P),
    PtBV: chain(PT, net.B, V),
  };
}
