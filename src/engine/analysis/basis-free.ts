// Basis-free measures of emergent alignment (THEORY 3): each is 0 when an orthogonal P̂ exists that makes
// Uᵀ A P̂, P̂ᵀ W P̂ and P̂ᵀ B V diagonal, whatever the student's hidden basis. The teacher-basis fractions of
// ./modes cannot fall from a random start (the hidden basis is not identifiable); these can.
// Imports only ../linalg and ./modes; plain float64 arrays.
import { chain, type Matrix, transpose } from '../linalg';
import type { Bases } from '../tasks';
import { offDiagonalFraction } from './modes';

export interface BasisFree {
  /** ‖W − Wᵀ‖_F / ‖W + Wᵀ‖_F */
  asymW: number;
  /** ‖W G_B − G_B W‖_F / (2 ‖W‖_F ‖G_B‖_F), G_B = B Bᵀ: W against the inputs */
  commB: number;
  /** ‖W G_A − G_A W‖_F / (2 ‖W‖_F ‖G_A‖_F), G_A = Aᵀ A: W against the readout */
  commA: number;
  /** off-diagonal fraction of Uᵀ (A B) V, the input–output map in the task's (identifiable) bases; null without bases */
  io: number | null;
}

export function basisFree(net: { A: Matrix; W: Matrix; B: Matrix }, bases: Bases | null): BasisFree {
  const { A, W, B } = net;
  return {
    asymW: asymmetry(W),
    commB: lowRankCommutator(W, B),
    commA: lowRankCommutator(W, transpose(A)),
    io: bases ? offDiagonalFraction(chain(transpose(bases.U), A, B, bases.V)) : null,
  };
}

/** ‖W − Wᵀ‖_F / ‖W + Wᵀ‖_F (0 for a zero W; Infinity for an antisymmetric one, which the run file writes as null). */
export function asymmetry(W: Matrix): number {
  let minus = 0;
  let plus = 0;
  for (let r = 0; r < W.length; r++)
    for (let c = 0; c < W.length; c++) {
      minus += (W[r][c] - W[c][r]) ** 2;
      plus += (W[r][c] + W[c][r]) ** 2;
    }
  if (plus === 0) return minus === 0 ? 0 : Infinity;
  return Math.sqrt(minus / plus);
}

/**
 * ‖W G − G W‖_F / (2 ‖W‖_F ‖G‖_F) for G = F Fᵀ (F n×k: B, or Aᵀ), in [0, 1]; 0 when W or G is 0.
 * Never forms the n×n products (4n³ operations, ~8 ms per snapshot of the 80-run rank preset): with X = W F,
 * Y = Fᵀ W, K = Fᵀ F and M = Fᵀ W F (all k wide),
 *   ‖W G − G W‖² = tr(XᵀX K) + tr(K Y Yᵀ) − 2 ‖M‖²,   ‖G‖² = ‖K‖²,
 * which costs O(n² k). Its floor is √ε ≈ 1.5e-8 of the scale (the square root of a float64 difference), below the
 * ~1e-7 that the float32 weights' own rounding leaves.
 */
export function lowRankCommutator(W: Matrix, F: Matrix): number {
  const n = W.length;
  const k = n ? F[0].length : 0;
  if (!n || !k) return 0;
  const X = new Float64Array(n * k); // W F
  const Y = new Float64Array(n * k); // (Fᵀ W)ᵀ = Wᵀ F, stored n×k
  let w2 = 0;
  for (let r = 0; r < n; r++) {
    const Wr = W[r];
    for (let c = 0; c < n; c++) {
      const v = Wr[c];
      w2 += v * v;
      const Fc = F[c];
      const Fr = F[r];
      for (let j = 0; j < k; j++) {
        X[r * k + j] += v * Fc[j];
        Y[c * k + j] += v * Fr[j];
      }
    }
  }
  // k×k Gram matrices over the n rows: K = FᵀF, XᵀX, YYᵀ(as (WᵀF)ᵀ(WᵀF)), M = Fᵀ X = Fᵀ W F
  const K = new Float64Array(k * k);
  const XX = new Float64Array(k * k);
  const YY = new Float64Array(k * k);
  const M = new Float64Array(k * k);
  for (let r = 0; r < n; r++) {
    const Fr = F[r];
    for (let a = 0; a < k; a++) {
      const fa = Fr[a];
      const xa = X[r * k + a];
      const ya = Y[r * k + a];
      for (let b = 0; b < k; b++) {
        K[a * k + b] += fa * Fr[b];
        XX[a * k + b] += xa * X[r * k + b];
        YY[a * k + b] += ya * Y[r * k + b];
        M[a * k + b] += fa * X[r * k + b];
      }
    }
  }
  let comm2 = 0;
  let g2 = 0;
  for (let a = 0; a < k * k; a++) {
    // tr(P K) = Σ P_ab K_ba, and every matrix here but M is symmetric
    comm2 += XX[a] * K[a] + K[a] * YY[a] - 2 * M[a] * M[a];
    g2 += K[a] * K[a];
  }
  const scale = 2 * Math.sqrt(w2 * g2);
  return scale > 0 ? Math.sqrt(Math.max(0, comm2)) / scale : 0;
}
