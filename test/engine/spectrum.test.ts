// The metrics' fast singular values against ml-matrix's SVD, on shapes the engine produces and on hard cases.
import { describe, expect, it } from 'vitest';
import { singularValuesOf, symmetricEigenvalues } from '../../src/engine/analysis/spectrum';
import { type Matrix, matMul, singularValues } from '../../src/engine/linalg';
import { Rng } from '../../src/engine/rng';

const gaussian = (rng: Rng, rows: number, cols: number): Matrix =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal()));

function expectSameSpectrum(x: Matrix) {
  const fast = singularValuesOf(x);
  const svd = singularValues(x);
  expect(fast.length).toBe(svd.length);
  // float64 Gram matrix: absolute error ~ ε·σ₁² / σ, so compare at 1e-7·σ₁ (the float32 rounding floor)
  const scale = svd[0] || 1;
  fast.forEach((s, k) => expect(Math.abs(s - svd[k])).toBeLessThan(1e-7 * scale));
  return fast;
}

describe('singularValuesOf', () => {
  it('matches the SVD for square, tall and wide matrices', () => {
    const rng = new Rng(3, 'spectrum');
    for (const [r, c] of [
      [1, 1],
      [2, 2],
      [4, 4],
      [32, 32],
      [32, 2],
      [2, 32],
      [7, 5],
      [5, 7],
      [64, 16],
    ])
      expectSameSpectrum(gaussian(rng, r, c));
  });

  it('keeps the large values of a rank-deficient matrix to 1e-10·σ₁ and puts the rest at the rounding floor', () => {
    const rng = new Rng(4, 'spectrum');
    for (const rank of [1, 2, 3]) {
      const x = matMul(gaussian(rng, 32, rank), gaussian(rng, rank, 32));
      const s = expectSameSpectrum(x);
      const svd = singularValues(x);
      for (let k = 0; k < rank; k++) expect(Math.abs(s[k] - svd[k])).toBeLessThan(1e-10 * svd[0]);
      for (let k = rank; k < s.length; k++) expect(s[k]).toBeLessThan(1e-7 * s[0]);
      expect(s[rank - 1]).toBeGreaterThan(1e-3 * s[0]);
    }
  });

  it('handles zeros, empty matrices and repeated values', () => {
    expect(singularValuesOf([])).toEqual([]);
    expect(
      singularValuesOf([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual([0, 0]);
    const diag = [
      [3, 0, 0],
      [0, -3, 0],
      [0, 0, 1],
    ];
    const s = singularValuesOf(diag);
    [3, 3, 1].forEach((v, k) => expect(s[k]).toBeCloseTo(v, 12));
  });

  it('gives the eigenvalues of a symmetric matrix with a known spectrum', () => {
    // Q diag(λ) Qᵀ with a Householder reflection Q = I − 2uuᵀ
    const lambda = [5, -2, 0.5, 0, 1e-3];
    const n = lambda.length;
    const u = [1, 2, -1, 0.5, 3];
    const norm = Math.hypot(...u);
    const q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * u[i] * u[j]) / norm ** 2;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += q(i, k) * lambda[k] * q(j, k);
    const eig = Array.from(symmetricEigenvalues(a, n)).sort((x, y) => y - x);
    [...lambda].sort((x, y) => y - x).forEach((l, k) => expect(Math.abs(eig[k] - l)).toBeLessThan(1e-13));
  });
});
