// Singular values for the metrics, fast: eigenvalues of the smaller Gram matrix on typed arrays.
// Imports only ../linalg's types. Why not ml-matrix's SVD: it also builds the singular vectors on nested arrays
// and takes ~1 ms for a 32×32 ΔW; a snapshot of the 80-run rank preset needs 160 of them. Householder
// tridiagonalisation plus implicit QL (the symmetric eigenvalue method of Numerical Recipes §11.2–11.3, without
// eigenvectors) does the same in ~0.15 ms. The test checks it against ml-matrix's SVD.
import type { Matrix } from '../linalg';

/** Eigenvalues of a symmetric n×n matrix (row-major; only the lower triangle is read, and overwritten), unsorted. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // Householder reduction to tridiagonal form (d the diagonal, e[i] the entry left of d[i]), on the lower triangle.
  // Every inner loop runs over contiguous memory: a strided column walk costs more than the arithmetic here.
  const u = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const ri = i * n;
    let scale = 0;
    for (let k = 0; k <= l; k++) scale += Math.abs(a[ri + k]);
    if (l === 0 || scale === 0) {
      e[i] = a[ri + l];
      continue;
    }
    let h = 0;
    for (let k = 0; k <= l; k++) {
      const x = a[ri + k] / scale;
      u[k] = x;
      h += x * x;
    }
    const f = u[l];
    const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[i] = scale * g;
    h -= f * g;
    u[l] = f - g;
    // p = A u / h over the leading block, from its lower triangle: each stored a[j,k] (k < j) serves p[j] and p[k]
    p.fill(0, 0, l + 1);
    for (let j = 0; j <= l; j++) {
      const rj = j * n;
      const uj = u[j];
      let sum = a[rj + j] * uj;
      for (let k = 0; k < j; k++) {
        const ajk = a[rj + k];
        sum += ajk * u[k];
        p[k] += ajk * uj;
      }
      p[j] += sum;
    }
    let pu = 0;
    for (let j = 0; j <= l; j++) {
      p[j] /= h;
      pu += p[j] * u[j];
    }
    const hh = pu / (h + h);
    for (let j = 0; j <= l; j++) p[j] -= hh * u[j];
    // A ← A − u pᵀ − p uᵀ (the reflection applied from both sides), lower triangle
    for (let j = 0; j <= l; j++) {
      const uj = u[j];
      const pj = p[j];
      const rj = j * n;
      for (let k = 0; k <= j; k++) a[rj + k] -= uj * p[k] + pj * u[k];
    }
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  // implicit QL with shifts on the tridiagonal matrix
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) throw new Error('symmetricEigenvalues: no convergence');
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      // plain square roots, not Math.hypot (several times slower): |g| < 1/ε here, so nothing overflows
      let r = Math.sqrt(g * g + 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let underflow = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.sqrt(f * f + g * g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (underflow) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d;
}

/**
 * Singular values of a rows×cols matrix, largest first: square roots of the eigenvalues of the smaller Gram
 * matrix (XᵀX or XXᵀ). Values below ~1e-8·σ₁ are at the Gram matrix's rounding level (float64); the engine's
 * float32 weights put the noise floor at ~1e-7 already.
 */
export function singularValuesOf(x: Matrix): number[] {
  return singularValuesOfChange(x, null);
}

/** Singular values of x − x0 (x0 null: of x), without forming the difference as nested arrays. */
export function singularValuesOfChange(x: Matrix, x0: Matrix | null): number[] {
  const rows = x.length;
  const cols = rows ? x[0].length : 0;
  if (!rows || !cols) return [];
  // lay the matrix out so the Gram matrix's dot products run over contiguous memory: vectors of length m, k of them
  const k = Math.min(rows, cols);
  const m = Math.max(rows, cols);
  const v = new Float64Array(k * m);
  for (let r = 0; r < rows; r++) {
    const row = x[r];
    const row0 = x0?.[r];
    for (let c = 0; c < cols; c++) v[cols <= rows ? c * m + r : r * m + c] = row0 ? row[c] - row0[c] : row[c];
  }
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      // four partial sums: independent chains let the CPU overlap the multiplies (~1.5× here)
      const oa = a * m;
      const ob = b * m;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t = 0;
      for (; t + 3 < m; t += 4) {
        s0 += v[oa + t] * v[ob + t];
        s1 += v[oa + t + 1] * v[ob + t + 1];
        s2 += v[oa + t + 2] * v[ob + t + 2];
        s3 += v[oa + t + 3] * v[ob + t + 3];
      }
      for (; t < m; t++) s0 += v[oa + t] * v[ob + t];
      gram[a * k + b] = s0 + s1 + s2 + s3;
    }
  const eig = symmetricEigenvalues(gram, k);
  const out = new Array<number>(k);
  for (let j = 0; j < k; j++) out[j] = Math.sqrt(Math.max(0, eig[j]));
  return out.sort((p, q) => q - p);
}
