// Plain-JS float64 reference of THEORY 2.1 and 2.2, written straight from the equations (Horner sums, traces,
// backward δ), one run at a time. It is the test oracle and the benchmark's baseline. Imports ./linalg, ./network.
import { add, type Matrix, matMul, scale, sub, transpose, zeros } from './linalg';
import { impulseResponses, type Weights } from './network';
import type { LossKind, RuleId } from './params';

export interface RuleSettings {
  rule: RuleId;
  R: Matrix;
  what: number;
  truncation: number;
}

export interface Update {
  dA: Matrix;
  dW: Matrix;
  dB: Matrix;
}

const diagOf = (w: Matrix) => w.map((row, k) => row[k]);
const scaleRows = (m: Matrix, d: number[]) => m.map((row, k) => row.map((v) => v * d[k]));

/** S ← K S + V_t for t = first..τ, where K is the rule's back-propagation step (THEORY 2.2's Horner sums). */
function hornerSum(
  s: RuleSettings,
  net: Weights,
  tau: number,
  values: (t: number) => Matrix, // o×cols: C_{t−1} or X_{t−1}
): Matrix {
  const WT = transpose(net.W);
  const AT = transpose(net.A);
  const RT = transpose(s.R);
  const first = s.rule === 'tbptt' ? Math.max(1, tau - s.truncation + 1) : 1;
  let S: Matrix | null = null;
  for (let t = first; t <= tau; t++) {
    const v = values(t);
    if (s.rule === 'rflo')
      S = S ? add(scale(S, s.what), v) : v; // RFLO's sum stays o×cols until Rᵀ at the end
    else {
      const term = matMul(AT, v);
      if (!S) S = term;
      else if (s.rule === 'eprop') S = add(scaleRows(S, diagOf(net.W)), term);
      else S = add(matMul(WT, S), term);
    }
  }
  const cols = values(tau)[0].length;
  if (!S) return zeros(net.W.length, cols);
  return s.rule === 'rflo' ? matMul(RT, S) : S;
}

/** Exact expected update for the final-step loss with horizon τ (THEORY 2.2, verbatim). */
function expectedFinal(s: RuleSettings, net: Weights, teacher: Weights, tau: number): Update {
  const M: Matrix[] = [];
  let Mj = net.B;
  for (let j = 0; j < tau; j++) {
    M.push(Mj);
    Mj = matMul(net.W, Mj);
  }
  const Estar = impulseResponses(teacher, tau);
  const E = M.map((m, j) => sub(matMul(net.A, m), Estar[j]));
  const C = (t: number): Matrix => {
    let c = zeros(net.A.length, net.W.length);
    for (let m = 0; m < t; m++) c = add(c, matMul(E[tau - t + m], transpose(M[m])));
    return c;
  };
  const X = (k: number) => E[tau - 1 - k];
  return {
    dA: C(tau),
    dW: hornerSum(s, net, tau, (t) => C(t - 1)),
    dB: hornerSum(s, net, tau, (t) => X(t - 1)),
  };
}

function averageOverHorizons(T: number, loss: LossKind, update: (tau: number) => Update): Update {
  if (loss === 'final') return update(T);
  let acc: Update | null = null;
  for (let tau = 1; tau <= T; tau++) {
    const u = update(tau);
    acc = acc ? { dA: add(acc.dA, u.dA), dW: add(acc.dW, u.dW), dB: add(acc.dB, u.dB) } : u;
  }
  const a = acc as Update;
  return { dA: scale(a.dA, 1 / T), dW: scale(a.dW, 1 / T), dB: scale(a.dB, 1 / T) };
}

/** THEORY 2.2; the sequence loss averages the final-step update over horizons τ = 1..T (THEORY 1). */
export function referenceExpectedUpdate(
  s: RuleSettings,
  net: Weights,
  teacher: Weights,
  T: number,
  loss: LossKind,
): Update {
  return averageOverHorizons(T, loss, (tau) => expectedFinal(s, net, teacher, tau));
}

/**
 * THEORY 2.1 for a minibatch: xs[b][t] is sample b's input x_t (length i), t = 0..T−1. Forward pass, then per
 * horizon τ: RFLO by its eligibility traces, BPTT/tBPTT/e-prop by the backward δ recursion.
 */
export function referenceSampledUpdate(
  s: RuleSettings,
  net: Weights,
  teacher: Weights,
  xs: number[][][],
  loss: LossKind,
): Update {
  const T = xs[0].length;
  const n = net.W.length;
  const col = (v: number[]): Matrix => v.map((x) => [x]);
  const outer = (u: number[], v: number[]): Matrix => u.map((a) => v.map((b) => a * b));
  const mv = (m: Matrix, v: number[]) => m.map((row) => row.reduce((acc, x, k) => acc + x * v[k], 0));
  let total: Update = { dA: zeros(net.A.length, n), dW: zeros(n, n), dB: zeros(n, net.B[0].length) };
  for (const x of xs) {
    const h: number[][] = [new Array(n).fill(0)];
    const hs: number[][] = [new Array(teacher.W.length).fill(0)];
    for (let t = 1; t <= T; t++) {
      h.push(mv(net.W, h[t - 1]).map((v, k) => v + mv(net.B, x[t - 1])[k]));
      hs.push(mv(teacher.W, hs[t - 1]).map((v, k) => v + mv(teacher.B, x[t - 1])[k]));
    }
    const one = averageOverHorizons(T, loss, (tau) => {
      const eps = sub(col(mv(net.A, h[tau])), col(mv(teacher.A, hs[tau]))).map((r) => r[0]);
      let dW = zeros(n, n);
      let dB = zeros(n, net.B[0].length);
      if (s.rule === 'rflo') {
        let eW = new Array(n).fill(0);
        let eB = new Array(net.B[0].length).fill(0);
        for (let t = 1; t <= tau; t++) {
          eW = eW.map((v, k) => s.what * v + h[t - 1][k]);
          eB = eB.map((v, k) => s.what * v + x[t - 1][k]);
        }
        const RTe = mv(transpose(s.R), eps);
        dW = outer(RTe, eW);
        dB = outer(RTe, eB);
      } else {
        const first = s.rule === 'tbptt' ? Math.max(1, tau - s.truncation + 1) : 1;
        let delta = mv(transpose(net.A), eps);
        for (let t = tau; t >= first; t--) {
          dW = add(dW, outer(delta, h[t - 1]));
          dB = add(dB, outer(delta, x[t - 1]));
          delta = s.rule === 'eprop' ? delta.map((v, k) => v * net.W[k][k]) : mv(transpose(net.W), delta);
        }
      }
      return { dA: outer(eps, h[tau]), dW, dB };
    });
    total = { dA: add(total.dA, one.dA), dW: add(total.dW, one.dW), dB: add(total.dB, one.dB) };
  }
  const m = 1 / xs.length;
  return { dA: scale(total.dA, m), dW: scale(total.dW, m), dB: scale(total.dB, m) };
}

/** θ ← θ − η Δθ. */
export function applyUpdate(net: Weights, u: Update, lr: number): Weights {
  return { A: add(net.A, u.dA, -lr), W: add(net.W, u.dW, -lr), B: add(net.B, u.dB, -lr) };
}
