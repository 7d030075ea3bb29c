// Rank of learned weight changes (THEORY 4): singular values, numerical and effective rank, range(Rᵀ) residual.
// Imports only ../linalg; plain float64 arrays.
import { leftSingular, type Matrix, transpose } from '../linalg';

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

/**
 * ‖(I − Π) X‖_F / ‖X‖_F for Π the projector onto the columns of `basis` (0 for X = 0). Formed as X − Q(QᵀX)
 * column by column rather than as ‖X‖² − ‖QᵀX‖²: RFLO's residual is ~1e-7 of ‖X‖, which a difference of squares
 * would lose. Plain loops: nested-array products cost ~100 µs per 32×32 call, a fifth of a rank-preset snapshot.
 */
export function residualOutside(x: Matrix, basis: Matrix): number {
  return residualOutsideOfChange(x, null, basis);
}

/** residualOutside of x − x0 (x0 null: of x), without forming the difference as nested arrays. */
export function residualOutsideOfChange(x: Matrix, x0: Matrix | null, basis: Matrix): number {
  const at = (i: number, j: number) => (x0 ? x[i][j] - x0[i][j] : x[i][j]);
  let sq = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x[i].length; j++) sq += at(i, j) ** 2;
  const total = Math.sqrt(sq);
  if (total === 0) return 0;
  const r = basis[0]?.length ?? 0;
  if (basis.length === 0 || r === 0) return 1;
  const rows = x.length;
  const cols = x[0].length;
  const c = new Float64Array(r);
  let out = 0;
  for (let j = 0; j < cols; j++) {
    c.fill(0);
    for (let i = 0; i < rows; i++) {
      const xij = at(i, j);
      const q = basis[i];
      for (let k = 0; k < r; k++) c[k] += q[k] * xij;
    }
    for (let i = 0; i < rows; i++) {
      const q = basis[i];
      let proj = 0;
      for (let k = 0; k < r; k++) proj += q[k] * c[k];
      const d = at(i, j) - proj;
      out += d * d;
    }
  }
  return Math.sqrt(out) / total;
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
