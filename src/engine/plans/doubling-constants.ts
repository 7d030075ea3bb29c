// The doubling plan's constant tensors: masks, lag shifts and the credits that do not depend on the weights.
// Imports TF.js, the rule registry, ./lag-order and engine types. Built once per Simulation (and when a run stops).
import * as tf from '@tensorflow/tfjs-core';
import { constantLagWeight, RULES } from '../rules';
import type { LagOrder } from './lag-order';
import type { PlanInputs } from './plan';

/** 2-D selections applied to the lag axis (last axis) by one small matrix product each. */
export interface LagPicks {
  /** [L, L]: column λ ← column of lag λ+1 (Ĉ_{s+1} for credit_s) */
  shift: tf.Tensor;
  /** [L, 1]: the column of lag 0 (ΔA = Ĉ_0) */
  first: tf.Tensor;
  /** [L·i, i]: the (lag 0, k) columns of the Hankel (Ẽ_s for ΔB) */
  firstColumn: tf.Tensor;
}

export interface DoublingConstants {
  /** [C, n, n] */
  identity: tf.Tensor;
  /** [C, n, L·n] bool: the columns of powers W^λ with λ < T; zeroPowers: zeros of that shape */
  withinHorizon: tf.Tensor;
  zeroPowers: tf.Tensor;
  /** [C, o·L, L·i]: ω_j on the Hankel's entries with j = λ + μ < T, 0 elsewhere and for stopped runs */
  omega: tf.Tensor;
  /** [C, o·L, L·i]: ω_j E*_j on the same entries */
  omegaTarget: tf.Tensor;
  picks: LagPicks;
  /** the same picks times −η: they turn Δθ into the step */
  stepPicks: LagPicks;
  /** [C, o·L, n] bool: entries whose credit is a constant (RFLO; tBPTT beyond its window), else null */
  constantMask: tf.Tensor | null;
  /** [C, o·L, n]: those constants */
  constantCredit: tf.Tensor;
  /** e-prop's diagonal-chain pieces, when an e-prop run exists */
  eprop: { eye: tf.Tensor; pattern: tf.Tensor; lagExponent: tf.Tensor; mask: tf.Tensor } | null;
  /** [1, o·L, i]: ½ ω_λ for λ < T (the loss of E_λ at rows (a, λ)) */
  lossWeight: tf.Tensor;
  /** [1, o·L, i]: E*_λ for λ < T */
  targetSequence: tf.Tensor;
  /** zero run r's ω: its updates become exactly 0 */
  stopRun(run: number): void;
  dispose(): void;
}

export function doublingConstants(inputs: PlanInputs, order: LagOrder): DoublingConstants {
  const { params: p, runs, feedback, teacherImpulse: Estar, omega: w } = inputs;
  const { n, i, o, T } = p;
  const C = runs.length;
  const L = order.size;
  const { lagAt, slotOf } = order;

  // ω and ω·E* on the Hankel, one block per run (a stopped run's block is zeroed)
  const block = o * L * L * i;
  const omegaBlock = new Float32Array(block);
  const targetBlock = new Float32Array(block);
  for (let a = 0; a < o; a++)
    for (let l = 0; l < L; l++)
      for (let m = 0; m < L; m++) {
        const j = lagAt[l] + lagAt[m];
        if (j >= T) continue;
        for (let c = 0; c < i; c++) {
          const at = ((a * L + l) * L + m) * i + c;
          omegaBlock[at] = w[j];
          targetBlock[at] = w[j] * Estar[j][a][c];
        }
      }
  const active = runs.map(() => true);
  const tile = (src: Float32Array) => {
    const out = new Float32Array(C * block);
    active.forEach((on, r) => on && out.set(src, r * block));
    return tf.tensor3d(out, [C, o * L, L * i]);
  };

  const picksTimes = (scale: number): LagPicks => {
    const shift = new Float32Array(L * L);
    for (let mu = 0; mu < L; mu++) if (lagAt[mu] + 1 < L) shift[slotOf[lagAt[mu] + 1] * L + mu] = scale;
    const first = new Float32Array(L);
    first[slotOf[0]] = scale;
    const firstColumn = new Float32Array(L * i * i);
    for (let c = 0; c < i; c++) firstColumn[(slotOf[0] * i + c) * i + c] = scale;
    return {
      shift: tf.tensor2d(shift, [L, L]),
      first: tf.tensor2d(first, [L, 1]),
      firstColumn: tf.tensor2d(firstColumn, [L * i, i]),
    };
  };

  // credits that do not depend on the weights: RFLO's ŵ^s R, and zero outside tBPTT's window
  const constant = new Uint8Array(C * o * L * n);
  const constantValue = new Float32Array(C * o * L * n);
  const epropMask = new Uint8Array(C * o * L * n);
  let anyConstant = false;
  runs.forEach((run, r) => {
    const rule = RULES[run.rule];
    const window = rule.lags(p);
    for (let a = 0; a < o; a++)
      for (let mu = 0; mu < L; mu++) {
        const s = lagAt[mu];
        const fixed = rule.credit.decay === 'what' || s >= window || s >= T;
        for (let q = 0; q < n; q++) {
          const at = ((r * o + a) * L + mu) * n + q;
          if (rule.credit.decay === 'diagW') epropMask[at] = 1;
          if (!fixed) continue;
          anyConstant = true;
          constant[at] = 1;
          if (rule.credit.decay === 'what')
            constantValue[at] = constantLagWeight(rule, p, s) * feedback[r][a][q];
        }
      }
  });
  const hasEprop = runs.some((run) => RULES[run.rule].credit.decay === 'diagW');

  // e-prop: pattern[q, (μ, q')] = δ_qq', exponent[(μ, q')] = lag(μ)
  const pattern = new Float32Array(n * L * n);
  const exponent = new Float32Array(L * n);
  for (let mu = 0; mu < L; mu++)
    for (let q = 0; q < n; q++) {
      pattern[q * L * n + mu * n + q] = 1;
      exponent[mu * n + q] = lagAt[mu];
    }

  const lossWeight = new Float32Array(o * L * i);
  const targetSequence = new Float32Array(o * L * i);
  for (let a = 0; a < o; a++)
    for (let mu = 0; mu < L; mu++) {
      const s = lagAt[mu];
      if (s >= T) continue;
      for (let c = 0; c < i; c++) {
        lossWeight[(a * L + mu) * i + c] = 0.5 * w[s];
        targetSequence[(a * L + mu) * i + c] = Estar[s][a][c];
      }
    }

  const horizon = new Uint8Array(C * n * L * n);
  for (let r = 0; r < C * n; r++)
    for (let mu = 0; mu < L; mu++) if (lagAt[mu] < T) horizon.fill(1, (r * L + mu) * n, (r * L + mu + 1) * n);

  const consts: DoublingConstants = {
    withinHorizon: tf.tensor3d(horizon, [C, n, L * n], 'bool'),
    zeroPowers: tf.zeros([C, n, L * n]),
    identity: tf.tidy(() => tf.tile(tf.reshape(tf.eye(n), [1, n, n]), [C, 1, 1])),
    omega: tile(omegaBlock),
    omegaTarget: tile(targetBlock),
    picks: picksTimes(1),
    stepPicks: picksTimes(-p.lr),
    constantMask: anyConstant ? tf.tensor3d(constant, [C, o * L, n], 'bool') : null,
    constantCredit: tf.tensor3d(constantValue, [C, o * L, n]),
    eprop: hasEprop
      ? {
          eye: tf.tidy(() => tf.reshape(tf.eye(n), [1, n, n])),
          pattern: tf.tensor3d(pattern, [1, n, L * n]),
          lagExponent: tf.tensor3d(exponent, [1, 1, L * n]),
          mask: tf.tensor3d(epropMask, [C, o * L, n], 'bool'),
        }
      : null,
    lossWeight: tf.tensor3d(lossWeight, [1, o * L, i]),
    targetSequence: tf.tensor3d(targetSequence, [1, o * L, i]),
    stopRun(run: number) {
      active[run] = false;
      tf.dispose([consts.omega, consts.omegaTarget]);
      consts.omega = tile(omegaBlock);
      consts.omegaTarget = tile(targetBlock);
    },
    dispose() {
      const { picks, stepPicks, eprop } = consts;
      tf.dispose([consts.withinHorizon, consts.zeroPowers]);
      tf.dispose([consts.identity, consts.omega, consts.omegaTarget, consts.constantCredit]);
      tf.dispose([picks.shift, picks.first, picks.firstColumn]);
      tf.dispose([stepPicks.shift, stepPicks.first, stepPicks.firstColumn]);
      if (consts.constantMask) consts.constantMask.dispose();
      if (eprop) tf.dispose([eprop.eye, eprop.pattern, eprop.lagExponent, eprop.mask]);
      tf.dispose([consts.lossWeight, consts.targetSequence]);
    },
  };
  return consts;
}
