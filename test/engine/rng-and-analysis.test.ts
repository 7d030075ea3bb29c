// The seeded generator and the plain-array analysis routines, on hand-computable cases.
import { describe, expect, it } from 'vitest';
import { alignment, offDiagonalFraction, readModes } from '../../src/engine/analysis/modes';
import {
  cosine,
  effectiveRank,
  feedbackRangeBasis,
  numericalRank,
  residualOutside,
  residualOutsideOfChange,
} from '../../src/engine/analysis/rank';
import { matMul, singularValues, spectralRadius, transpose } from '../../src/engine/linalg';
import { Rng } from '../../src/engine/rng';
import { alignedWeights, makeBases } from '../../src/engine/tasks/aligned';

describe('Rng', () => {
  it('is reproducible per (seed, label) and differs across seeds and labels', () => {
    const draw = (seed: number, label: string) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.uniform()
        )(new Rng(seed, label)),
      );
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });

  it('gives standard normals (mean 0, variance 1, kurtosis 3 within sampling error of 200 000 draws)', () => {
    const rng = new Rng(42);
    const xs = Array.from({ length: 200_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const varr = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    const kurt = xs.reduce((a, b) => a + (b - mean) ** 4, 0) / xs.length / varr ** 2;
    expect(Math.abs(mean)).toBeLessThan(0.01); // sd of the mean: 0.0022
    expect(Math.abs(varr - 1)).toBeLessThan(0.015); // sd: 0.0032
    expect(Math.abs(kurt - 3)).toBeLessThan(0.05); // sd: 0.011
  });

  it('draws orthogonal matrices (QᵀQ = I)', () => {
    const q = new Rng(3).orthogonal(6);
    const qtq = matMul(transpose(q), q);
    qtq.forEach((row, r) =>
      row.forEach((v, c) => expect(Math.abs(v - (r === c ? 1 : 0))).toBeLessThan(1e-12)),
    );
  });
});

describe('analysis', () => {
  it('reads modes and alignment back from aligned weights', () => {
    const bases = makeBases({ seed: 5, basis: 'random', n: 4, i: 3, o: 2 });
    const net = alignedWeights(bases, [0.5, -1], [2, 0.25], [0.3, -0.6]);
    const m = readModes(net, bases, 2);
    [0.5, -1].forEach((v, k) => expect(m.a[k]).toBeCloseTo(v, 12));
    [2, 0.25].forEach((v, k) => expect(m.b[k]).toBeCloseTo(v, 12));
    [0.3, -0.6].forEach((v, k) => expect(m.w[k]).toBeCloseTo(v, 12));
    const al = alignment(net, bases, null);
    expect(Math.max(al.A, al.W, al.B)).toBeLessThan(1e-12);
    // a matrix with off-diagonal energy 3² of total 4² + 3²: fraction 3/5
    expect(
      offDiagonalFraction([
        [4, 3],
        [0, 0],
      ]),
    ).toBeCloseTo(0.6, 12);
  });

  it('ranks: numerical, effective, residual outside range(Rᵀ), cosine', () => {
    expect(numericalRank([10, 1, 1e-5], 1e-3)).toBe(2);
    expect(numericalRank([0, 0], 1e-3)).toBe(0);
    expect(effectiveRank([1, 0, 0])).toBe(1);
    expect(effectiveRank([2, 2, 2, 2])).toBeCloseTo(4, 12);
    const R = [[1, 0, 0]]; // range(Rᵀ) = span(e1)
    const basis = feedbackRangeBasis(R);
    expect(
      residualOutside(
        [
          [1, 2],
          [0, 0],
          [0, 0],
        ],
        basis,
      ),
    ).toBeCloseTo(0, 12);
    expect(
      residualOutside(
        [
          [0, 0],
          [3, 0],
          [0, 4],
        ],
        basis,
      ),
    ).toBeCloseTo(1, 12);
    expect(
      residualOutside(
        [
          [3, 0],
          [4, 0],
          [0, 0],
        ],
        basis,
      ),
    ).toBeCloseTo(0.8, 12);
    // the change form measures x − x0: here x − x0 = [[3, 0], [4, 0], [0, 0]] again, with a 2-D basis span(e1, e2)
    const x0 = [
      [1, 5],
      [-2, 7],
      [0.5, 0],
    ];
    const x = x0.map((row, i) =>
      row.map(
        (v, j) =>
          v +
          [
            [3, 0],
            [4, 0],
            [0, 0],
          ][i][j],
      ),
    );
    const plane = feedbackRangeBasis([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(residualOutsideOfChange(x, x0, basis)).toBeCloseTo(0.8, 12);
    expect(residualOutsideOfChange(x, x0, plane)).toBeCloseTo(0.8, 12);
    expect(residualOutsideOfChange(x0, x0, basis)).toBe(0);
    expect(cosine([[1, 0]], [[1, 1]])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(
      singularValues([
        [3, 0],
        [0, -4],
      ]),
    ).toEqual([4, 3]);
    expect(
      spectralRadius([
        [0, -0.5],
        [0.5, 0],
      ]),
    ).toBeCloseTo(0.5, 12); // complex pair ±0.5i
  });
});
