// Small float64 linear algebra on plain row-major arrays (number[][]), for tasks, analysis and tests.
// Imports only ml-matrix (a maintained library) for QR, SVD and eigenvalues; no TF.js.
import {
  EigenvalueDecomposition,
  Matrix as MlMatrix,
  QrDecomposition,
  SingularValueDecomposition,
} from 'ml-matrix';

export type Matrix = number[][];

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function identity(size: number): Matrix {
  const m = zeros(size, size);
  for (let k = 0; k < size; k++) m[k][k] = 1;
  return m;
}

/** rows×cols matrix with `values` on the main diagonal (a rectangular diag), zeros elsewhere. */
export function diagRect(values: readonly number[], rows: number, cols: number): Matrix {
  const m = zeros(rows, cols);
  for (let k = 0; k < Math.min(values.length, rows, cols); k++) m[k][k] = values[k];
  return m;
}

export function transpose(m: Matrix): Matrix {
  const rows = m.length;
  const cols = rows ? m[0].length : 0;
  const t = zeros(cols, rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c][r] = m[r][c];
  return t;
}

export function matMul(x: Matrix, y: Matrix): Matrix {
  const rows = x.length;
  const inner = y.length;
  const cols = inner ? y[0].length : 0;
  const out = zeros(rows, cols);
  for (let r = 0; r < rows; r++) {
    const xr = x[r];
    const or = out[r];
    for (let k = 0; k < inner; k++) {
      const v = xr[k];
      if (v === 0) continue;
      const yk = y[k];
      for (let c = 0; c < cols; c++) or[c] += v * yk[c];
    }
  }
  return out;
}

/** Product of several matrices, left to right. */
export function chain(...ms: Matrix[]): Matrix {
  return ms.reduce((acc, m) => matMul(acc, m));
}

export function add(x: Matrix, y: Matrix, scaleY = 1): Matrix {
  return x.map((row, r) => row.map((v, c) => v + scaleY * y[r][c]));
}

export function sub(x: Matrix, y: Matrix): Matrix {
  return add(x, y, -1);
}

export function scale(x: Matrix, s: number): Matrix {
  return x.map((row) => row.map((v) => v * s));
}

export function frobenius(x: Matrix): number {
  let s = 0;
  for (const row of x) for (const v of row) s += v * v;
  return Math.sqrt(s);
}

export function flatten(x: Matrix): number[] {
  return x.flat();
}

/** The n×n matrix power W^k (k ≥ 0). */
export function matPow(w: Matrix, k: number): Matrix {
  let out = identity(w.length);
  for (let j = 0; j < k; j++) out = matMul(out, w);
  return out;
}

/** Orthogonal factor Q of a square matrix's QR, with columns' signs fixed so Q is Haar-distributed. */
export function qrOrthogonal(m: Matrix): Matrix {
  const qr = new QrDecomposition(new MlMatrix(m));
  const q = qr.orthogonalMatrix.to2DArray();
  const r = qr.upperTriangularMatrix.to2DArray();
  return q.map((row) => row.map((v, c) => (r[c][c] < 0 ? -v : v)));
}

/** Singular values, largest first (empty for an empty matrix). */
export function singularValues(m: Matrix): number[] {
  if (m.length === 0 || m[0].length === 0) return [];
  const svd = new SingularValueDecomposition(new MlMatrix(m), {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  return [...svd.diagonal].map((s) => Math.max(0, s)).sort((x, y) => y - x);
}

/** Left singular vectors (columns) and singular values, for projections onto a column space. */
export function leftSingular(m: Matrix): { U: Matrix; sigma: number[] } {
  const svd = new SingularValueDecomposition(new MlMatrix(m), {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  return { U: svd.leftSingularVectors.to2DArray(), sigma: [...svd.diagonal] };
}

/** Largest |eigenvalue| of a square (non-symmetric) matrix. */
export function spectralRadius(m: Matrix): number {
  if (m.length === 0) return 0;
  const evd = new EigenvalueDecomposition(new MlMatrix(m));
  const re = evd.realEigenvalues;
  const im = evd.imaginaryEigenvalues;
  return Math.max(...re.map((r, k) => Math.hypot(r, im[k])));
}
