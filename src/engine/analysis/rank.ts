// Rank of learned weight changes (THEORY 4): singular values, numerical and effective rank, range(Rᵀ) residual.
// Imports only ../linalg; plain float64 arrays.
import { frobenius, leftSingular, type Matrix, matMul, sub, transpose } from '../linalg';

/** Count of σ_k > tol · σ_1 (0 for a zero matrix). */
export function numericalRank(sigma: readonly number[], tol: number): number {
  const top = sigma[0] ?? 0;
  if (!(top > 0)) return 0;
  return sigma.filter((s) => s > tol * top).length;
}

/** (Σσ)² / Σσ²: 1 for rank one, k for k equal singular values; 0 for a zero matrix. */
export function effectiveRank(sigma: readonly number[]): number {
  let s1 = 0;
  let s2 = 0;
  for (const s of sigma) {
    s1 += s;
    s2 += s * s;
  }
  return s2 > 0 ? (s1 * s1) / s2 : 0;
}

/** Orthonormal basis (n×r) of range(Rᵀ) for R o×n, keeping directions with σ > 1e-10 σ_1. */
export function feedbackRangeBasis(R: Matrix): Matrix {
  const { U, sigma } = leftSingular(transpose(R));
  const top = Math.max(0, ...sigma);
  const keep = sigma.map((s, k) => (s > 1e-10 * top ? k : -1)).filter((k) => k >= 0);
  return U.map((row) => keep.map((k) => row[k]));
}

/** ‖(I − Π) X‖_F / ‖X‖_F for Π the projector onto the columns of `basis` (0 for X = 0). */
export function residualOutside(x: Matrix, basis: Matrix): number {
  const total = frobenius(x);
  if (total === 0) return 0;
  if (basis.length === 0 || basis[0].length === 0) return 1;
  const proj = matMul(basis, matMul(transpose(basis), x));
  return frobenius(sub(x, proj)) / total;
}

/** cos between vec X and vec Y (0 when either is zero). */
export function cosine(x: Matrix, y: Matrix): number {
  let xy = 0;
  let xx = 0;
  let yy = 0;
  x.forEach((row, r) =>
    row.forEach((v, c) => {
      xy += v * y[r][c];
      xx += v * v;
      yy += y[r][c] * y[r][c];
    }),
  );
  return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
}
