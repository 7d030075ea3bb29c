// The doubling plan's constant tensors: masks, lag shifts and the credits that do not depend on the weights.
// Imports TF.js, the rule registry, ./lag-order and engine types. Built once per Simulation (and when a run stops).
import * as tf from '@tensorflow/tfjs-core';
import { constantLagWeight, RULES } from '../rules';
import type { LagOrder } from './lag-order';
import type { PlanInputs } from './plan';

/**
 * Selections along a lag axis, one product each with the same matrix for every run: batched ([C, ·, ·]) for up
 * to 16 lags, 2-D ([·, ·], applied to the runs stacked as rows) beyond.
 */
export interface LagPicks {
  /** column (a, s) ← column (a, s+1) (Ĉ_{s+1} pairs with credit_s): [C, o·L, o·L] or [L, L] */
  shift: tf.Tensor;
  /** [C, o, o·L]: row a ← column (a, 0) (ΔA = Ĉ_0) */
  first: tf.Tensor;
  /** the Hankel's (lag 0, k) columns (Ẽ_s for ΔB): [C, L·i, i] or [L·i, i] */
  firstColumn: tf.Tensor;
}

/** Lags up to which the batched selections are cheaper than the 2-D ones (see DoublingPlan.updatesFrom). */
export const BATCHED_PICKS_MAX_LAGS = 16;

export interface DoublingConstants {
  /** [C, n, n] */
  identity: tf.Tensor;
  /** bool, the powers' shape: W^λ with λ < T; zeroPowers: zeros of that shape */
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
  eprop: { eye: tf.Tensor; lagExponent: tf.Tensor; mask: tf.Tensor } | null;
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

  const batched = L <= BATCHED_PICKS_MAX_LAGS;
  const picksTimes = (scale: number): LagPicks => {
    const perRun = (data: Float32Array, rows: number, cols: number) =>
      tf.tidy(() => tf.tile(tf.tensor3d(data, [1, rows, cols]), [C, 1, 1]));
    const first = new Float32Array(o * o * L);
    for (let a = 0; a < o; a++) first[a * o * L + a * L + slotOf[0]] = scale;
    const firstColumn = new Float32Array(L * i * i);
    for (let c = 0; c < i; c++) firstColumn[(slotOf[0] * i + c) * i + c] = scale;
    if (!batched) {
      const shift = new Float32Array(L * L);
      for (let mu = 0; mu < L; mu++) if (lagAt[mu] + 1 < L) shift[slotOf[lagAt[mu] + 1] * L + mu] = scale;
      return {
        shift: tf.tensor2d(shift, [L, L]),
        first: perRun(first, o, o * L),
        firstColumn: tf.tensor2d(firstColumn, [L * i, i]),
      };
    }
    const shift = new Float32Array(o * L * o * L);
    for (let a = 0; a < o; a++)
      for (let mu = 0; mu < L; mu++) {
        const next = lagAt[mu] + 1;
        if (next < L) shift[(a * L + slotOf[next]) * o * L + a * L + mu] = scale;
      }
    return {
      shift: perRun(shift, o * L, o * L),
      first: perRun(first, o, o * L),
      firstColumn: perRun(firstColumn, L * i, i),
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

  // e-prop: the lag of each slot, as the exponent of W's diagonal
  const exponent = Float32Array.from(lagAt);

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

  // the doubling's last product comes out as [C, n·L/r, r·n] (r: the last radix); same memory as [C, n, L·n]
  const last = order.radices.at(-1) ?? 1;
  const powersShape: [number, number, number] = [C, (n * L) / last, last * n];
  const horizon = new Uint8Array(C * n * L * n);
  for (let r = 0; r < C * n; r++)
    for (let mu = 0; mu < L; mu++) if (lagAt[mu] < T) horizon.fill(1, (r * L + mu) * n, (r * L + mu + 1) * n);

  const consts: DoublingConstants = {
    withinHorizon: tf.tensor3d(horizon, powersShape, 'bool'),
    zeroPowers: tf.zeros(powersShape),
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
          lagExponent: tf.tensor4d(exponent, [1, 1, L, 1]),
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
      if (eprop) tf.dispose([eprop.eye, eprop.lagExponent, eprop.mask]);
      tf.dispose([consts.lossWeight, consts.targetSequence]);
    },
  };
  return consts;
}
