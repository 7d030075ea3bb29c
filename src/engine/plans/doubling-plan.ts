// The doubling plan: THEORY 2.2's expected updates in a number of kernels that grows with log₂ T, not with T.
// Imports TF.js, ../kernels, ./lag-order, ./plan-constants and engine types.
//
// Per run (all runs batched), with the powers P_λ = W^λ (λ < L = 2^ℓ ≥ T) built by doubling:
//   Q_λ = A W^λ,  M_μ = W^μ B,  Y_{λ+μ} = Q_λ M_μ                (the Hankel of impulse responses, one product)
//   Ẽ_{λ+μ} = ω_{λ+μ} (Y_{λ+μ} − E*_{λ+μ}) for λ+μ < T, else 0     (THEORY 2.2's weighted errors E_j)
//   Ĉ_λ = Σ_μ Ẽ_{λ+μ} M_μᵀ                                          (= C_{T−λ}: THEORY's C_t, all t at once)
//   ΔW = Σ_s credit_sᵀ Ĉ_{s+1},  ΔB = Σ_s credit_sᵀ Ẽ_s,  ΔA = Ĉ_0
// credit_s is Q_s (BPTT, tBPTT inside its window), A diag(W)^s (e-prop) or the constant ŵ^s R (RFLO).
// Per step that is about 3 kernels per doubling of the lags plus 20 (+6 with e-prop), whatever T is.
import * as tf from '@tensorflow/tfjs-core';
import { stackMatrices, unstackMatrices } from '../batch-layout';
import * as k from '../kernels';
import type { Weights } from '../network';
import { packEvaluation, unpackEvaluation } from './evaluation';
import { type LagOrder, lagOrder } from './lag-order';
import { doublingConstants, type DoublingConstants } from './doubling-constants';
import type { PlanCheckpoint, PlanEvaluation, PlanInputs, TrainingPlan, Updates } from './plan';

interface State {
  W: tf.Tensor; // [C, n, n]
  B: tf.Tensor; // [C, n, i]
  A: tf.Tensor; // [C, o, n]
}

interface Core {
  Q: tf.Tensor; // [C, o·L, n]: Q_λ at rows (a, λ)
  M: tf.Tensor; // [C, n, L·i]: M_μ at columns (μ, k)
  H: tf.Tensor; // [C, o·L, L·i]: Ẽ_{λ+μ}
  G: tf.Tensor; // [C, n, o·L]: Ĉ_λ[a, r] at row r, column (a, λ)
}

export class DoublingPlan implements TrainingPlan {
  readonly name = 'doubling';
  private state: State;
  /** the weights after one step from `state`, when an evaluation computed them */
  private pendingNext: State | null = null;
  private readonly c: DoublingConstants;
  private readonly order: LagOrder;
  private readonly C: number;
  private readonly stepsPerScope: number;

  constructor(private readonly inputs: PlanInputs) {
    const p = inputs.params;
    this.C = inputs.runs.length;
    this.order = lagOrder(p.T);
    this.c = doublingConstants(inputs, this.order);
    this.state = {
      W: stackMatrices(inputs.initial.map((x) => x.W)),
      B: stackMatrices(inputs.initial.map((x) => x.B)),
      A: stackMatrices(inputs.initial.map((x) => x.A)),
    };
    // intermediates of several steps live until their scope ends: keep that under ~2 MB
    const L = this.order.size;
    const floatsPerStep = this.C * (p.o * L * L * p.i * 2 + (p.n + p.o) * L * p.n * 3);
    this.stepsPerScope = Math.max(1, Math.min(50, Math.floor(5e5 / floatsPerStep)));
  }

  /**
   * The powers W^λ, λ < L, as X [C, n, L·n] (W^λ at columns (μ, c), λ = lagAt[μ], see ./lag-order). A level of
   * radix r multiplies by [I | Z | … | Z^(r−1)] with Z = W^(lags so far); the first level is that block itself.
   */
  private powers(W: tf.Tensor): tf.Tensor {
    const { C } = this;
    const n = this.inputs.params.n;
    const I = this.c.identity;
    const { radices } = this.order;
    if (!radices.length) return I; // T = 1: only W^0
    let X: tf.Tensor | null = null;
    let Z = W;
    let lags = 1;
    radices.forEach((r, level) => {
      const blocks = [I, Z];
      for (let d = 2; d < r; d++) blocks.push(k.matMul(blocks[d - 1], Z));
      const step = k.concat(blocks, 2);
      X = X ? k.matMul(k.reshape(X, [C, n * lags, n]), step) : step;
      lags *= r;
      if (level + 1 < radices.length) Z = r === 4 ? k.matMul(blocks[2], blocks[2]) : k.matMul(Z, Z);
    });
    // powers beyond T − 1 feed only masked terms; zero them (a select, so an overflow there cannot turn into
    // Inf × 0 = NaN in a healthy run's sums)
    return k.select(this.c.withinHorizon, X as unknown as tf.Tensor, this.c.zeroPowers);
  }

  private core(s: State): Core {
    const { C } = this;
    const { n, i, o } = this.inputs.params;
    const L = this.order.size;
    const P = this.powers(s.W);
    const Q = k.reshape(k.matMul(s.A, k.reshape(P, [C, n, L * n])), [C, o * L, n]);
    const M = k.reshape(k.matMul(k.reshape(P, [C, n * L, n]), s.B), [C, n, L * i]);
    const H = k.sub(k.mul(k.matMul(Q, M), this.c.omega), this.c.omegaTarget);
    const G = k.matMul(M, H, false, true);
    return { Q, M, H, G };
  }

  /** credit_s for every run, stacked like Q. */
  private credit(s: State, Q: tf.Tensor): tf.Tensor {
    const c = this.c;
    let chain = Q;
    if (c.eprop) {
      // A diag(W)^s: A (broadcast over lags) times the lag-th powers of W's diagonal (broadcast over outputs)
      const { C } = this;
      const { n, o } = this.inputs.params;
      const d = k.sum(k.mul(s.W, c.eprop.eye), [1], true); // [C, 1, n]: W_qq
      const powers = k.pow(k.reshape(d, [C, 1, 1, n]), c.eprop.lagExponent); // [C, 1, L, n]
      const diagChain = k.reshape(k.mul(k.reshape(s.A, [C, o, 1, n]), powers), [C, o * this.order.size, n]);
      chain = k.select(c.eprop.mask, diagChain, Q);
    }
    return c.constantMask ? k.select(c.constantMask, c.constantCredit, chain) : chain;
  }

  /** The three updates from the core; `scaled`: already multiplied by −η (the step), else THEORY's Δθ. */
  private updatesFrom(core: Core, K: tf.Tensor, scaled: boolean) {
    const { C } = this;
    const { n, i, o } = this.inputs.params;
    const L = this.order.size;
    const picks = scaled ? this.c.stepPicks : this.c.picks;
    // a lag selection is one product with a constant; batched it saves two reshapes, but past L = 16 the batched
    // product's scalar loop costs more than the 2-D (XNNPACK) one with them (measured at T = 50 and 200)
    const wide = picks.shift.shape.length === 2;
    // per-run step rates on the wide selections when the shared 2-D picks cannot carry them (a sweep over η)
    const rates = scaled ? this.c.stepRates : null;
    const wideZw = () => {
      const z = k.reshape(k.matMul(k.reshape(core.G, [C * n * o, L]), picks.shift), [C, n, o * L]);
      return rates ? k.mul(z, rates.shift) : z;
    };
    const wideEb = () => {
      const e = k.reshape(k.matMul(k.reshape(core.H, [C * o * L, L * i]), picks.firstColumn), [C, o * L, i]);
      return rates ? k.mul(e, rates.firstColumn) : e;
    };
    const Zw = wide ? wideZw() : k.matMul(core.G, picks.shift); // Ĉ_{s+1} at column (a, s)
    const dW = k.matMul(K, Zw, true, true);
    const dA = k.matMul(picks.first, core.G, false, true); // Ĉ_0
    const Eb = wide ? wideEb() : k.matMul(core.H, picks.firstColumn); // Ẽ_s at row (a, s)
    const dB = k.matMul(K, Eb, true, false);
    return { dW, dB, dA };
  }

  private step(s: State): State {
    const core = this.core(s);
    const u = this.updatesFrom(core, this.credit(s, core.Q), true);
    return { W: k.add(s.W, u.dW), B: k.add(s.B, u.dB), A: k.add(s.A, u.dA) };
  }

  advance(count: number): void {
    let done = 0;
    if (count > 0 && this.pendingNext) {
      // the evaluation at these weights already took this step
      const next = this.pendingNext;
      this.pendingNext = null;
      this.replaceState(next);
      done = 1;
    }
    for (; done < count;) {
      const chunk = Math.min(this.stepsPerScope, count - done);
      const next = tf.tidy(() => {
        let s = this.state;
        for (let j = 0; j < chunk; j++) s = this.step(s);
        return [s.W, s.B, s.A];
      });
      this.replaceState({ W: next[0], B: next[1], A: next[2] });
      done += chunk;
    }
  }

  private replaceState(next: State): void {
    tf.dispose([this.state.W, this.state.B, this.state.A]);
    this.state = next;
  }

  private dropPending(): void {
    if (this.pendingNext) tf.dispose([this.pendingNext.W, this.pendingNext.B, this.pendingNext.A]);
    this.pendingNext = null;
  }

  /**
   * Evaluates with the training step's own (−η-scaled) update, and keeps the weights it leads to for the next
   * advance: a check then costs one extra contraction and a read-back, not a second step. The cosine flips sign
   * with the negative factor; stopped runs (factor 0) are never evaluated again.
   */
  evaluate(): PlanEvaluation {
    this.dropPending();
    const [packed, W, B, A] = tf.tidy(() => {
      const s = this.state;
      const core = this.core(s);
      const step = this.updatesFrom(core, this.credit(s, core.Q), true);
      const truth = this.updatesFrom(core, core.Q, false).dW;
      const E = k.sub(k.matMul(core.Q, s.B), this.c.targetSequence); // E_λ at rows (a, λ)
      const loss = k.sum(k.mul(k.square(E), this.c.lossWeight), [1, 2]);
      const total = tf.addN([k.sum(step.dW, [1, 2]), k.sum(step.dB, [1, 2]), k.sum(step.dA, [1, 2])]);
      return [
        packEvaluation(loss, step.dW, truth, total, -1),
        k.add(s.W, step.dW),
        k.add(s.B, step.dB),
        k.add(s.A, step.dA),
      ];
    });
    this.pendingNext = { W, B, A };
    return unpackEvaluation(packed, this.C);
  }

  updates(): Updates[] {
    const { C } = this;
    const { n, i, o } = this.inputs.params;
    const [dW, dB, dA] = tf.tidy(() => {
      const core = this.core(this.state);
      const u = this.updatesFrom(core, this.credit(this.state, core.Q), false);
      return [u.dW, u.dB, u.dA];
    });
    const W = unstackMatrices(dW.dataSync(), C, n, n);
    const B = unstackMatrices(dB.dataSync(), C, n, i);
    const A = unstackMatrices(dA.dataSync(), C, o, n);
    tf.dispose([dW, dB, dA]);
    return W.map((_, r) => ({ dW: W[r], dB: B[r], dA: A[r] }));
  }

  weights(): Weights[] {
    const { C } = this;
    const { n, i, o } = this.inputs.params;
    const W = unstackMatrices(this.state.W.dataSync(), C, n, n);
    const B = unstackMatrices(this.state.B.dataSync(), C, n, i);
    const A = unstackMatrices(this.state.A.dataSync(), C, o, n);
    return W.map((_, r) => ({ W: W[r], B: B[r], A: A[r] }));
  }

  checkpoint(): PlanCheckpoint {
    const s = this.state;
    return { tensors: [s.W.clone(), s.B.clone(), s.A.clone()], rng: null };
  }

  restore(cp: PlanCheckpoint): void {
    const [W, B, A] = cp.tensors;
    this.dropPending();
    this.replaceState({ W: W.clone(), B: B.clone(), A: A.clone() });
  }

  release(cp: PlanCheckpoint): void {
    tf.dispose(cp.tensors);
  }

  freeze(run: number): void {
    this.dropPending();
    const keep = tf.tidy(() => {
      const mask = tf.tensor3d(
        Array.from({ length: this.C }, (_, r) => (r === run ? 0 : 1)),
        [this.C, 1, 1],
      );
      return [tf.mul(this.state.W, mask), tf.mul(this.state.B, mask), tf.mul(this.state.A, mask)];
    });
    this.replaceState({ W: keep[0], B: keep[1], A: keep[2] });
    this.c.stopRun(run);
  }

  dispose(): void {
    this.dropPending();
    tf.dispose([this.state.W, this.state.B, this.state.A]);
    this.c.dispose();
  }
}
