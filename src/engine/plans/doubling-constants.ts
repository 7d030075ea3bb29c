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
  /** the same picks times each run's −η: they turn Δθ into the step */
  stepPicks: LagPicks;
  /**
   * Past 16 lags the shift and first-column picks are one 2-D matrix for all runs, so they cannot carry per-run
   * rates: when the runs' η differ (a sweep) those two picks stay unscaled and the selections are multiplied by
   * these per-run −η instead, in the selections' full shapes (Zw [C, n, o·L], Eb [C, o·L, i]). A selection has
   * one nonzero term per entry, so either order gives the same float32 number. Null otherwise.
   */
  stepRates: { shift: tf.Tensor; firstColumn: tf.Tensor } | null;
  /** [C, o·L, n] bool: entries whose credit is a constant (RFLO; tBPTT beyond its window), else null */
  constantMask: tf.Tensor | null;
  /** [C, o·L, n]: those constants */
  constantCredit: tf.Tensor;
  /** e-prop's diagonal-chain pieces, when an e-prop run exists */
  eprop: { eye: tf.Tensor; lagExponent: tf.Tensor; mask: tf.Tensor } | null;
  /** [1, o·L, i]: ½ ω_λ for λ < T (the loss of E_λ at rows (a, λ)) */
  lossWeight: tf.Tensor;
  /** [1, o·L, i] (one teacher for all runs) or [C, o·L, i] (a sweep's per-run teachers): E*_λ for λ < T */
  targetSequence: tf.Tensor;
  /** zero run r's ω: its updates become exactly 0 */
  stopRun(run: number): void;
  dispose(): void;
}

export function doublingConstants(inputs: PlanInputs, order: LagOrder): DoublingConstants {
  const { params: p, runs, feedback, teacherImpulse, omega: w, runParams } = inputs;
  const { n, i, o, T } = p;
  const C = runs.length;
  const L = order.size;
  const { lagAt, slotOf } = order;

  // ω and ω·E* on the Hankel, one block per run (a stopped run's block is zeroed; runs with one teacher share one
  // ω·E* block)
  const block = o * L * L * i;
  const omegaBlock = new Float32Array(block);
  for (let a = 0; a < o; a++)
    for (let l = 0; l < L; l++)
      for (let m = 0; m < L; m++) {
        const j = lagAt[l] + lagAt[m];
        if (j >= T) continue;
        for (let c = 0; c < i; c++) omegaBlock[((a * L + l) * L + m) * i + c] = w[j];
      }
  const targetBlocks = new Map<number[][][], Float32Array>();
  const targetBlockOf = (Estar: number[][][]) => {
    let out = targetBlocks.get(Estar);
    if (out) return out;
    out = new Float32Array(block);
    for (let a = 0; a < o; a++)
      for (let l = 0; l < L; l++)
        for (let m = 0; m < L; m++) {
          const j = lagAt[l] + lagAt[m];
          if (j >= T) continue;
          for (let c = 0; c < i; c++) out[((a * L + l) * L + m) * i + c] = w[j] * Estar[j][a][c];
        }
    targetBlocks.set(Estar, out);
    return out;
  };
  const runTargets = teacherImpulse.map(targetBlockOf);
  const active = runs.map(() => true);
  const tile = (blockOf: (run: number) => Float32Array) => {
    const out = new Float32Array(C * block);
    active.forEach((on, r) => on && out.set(blockOf(r), r * block));
    return tf.tensor3d(out, [C, o * L, L * i]);
  };
  const omegaTiles = () => tile(() => omegaBlock);
  const targetTiles = () => tile((r) => runTargets[r]);

  const batched = L <= BATCHED_PICKS_MAX_LAGS;
  const rates = runParams.map((q) => -q.lr);
  const oneRate = rates.every((x) => x === rates[0]);
  /** @param scales per run, the factor of its picks (1 for Δθ, its −η for the step) */
  const picksTimes = (scales: number[]): LagPicks => {
    const uniform = scales.every((x) => x === scales[0]);
    // one block per run, each filled with its own factor (tiled when every run has the same one)
    const perRun = (make: (scale: number) => Float32Array, rows: number, cols: number) => {
      if (uniform) return tf.tidy(() => tf.tile(tf.tensor3d(make(scales[0]), [1, rows, cols]), [C, 1, 1]));
      const out = new Float32Array(C * rows * cols);
      scales.forEach((x, r) => out.set(make(x), r * rows * cols));
      return tf.tensor3d(out, [C, rows, cols]);
    };
    const first = (scale: number) => {
      const data = new Float32Array(o * o * L);
      for (let a = 0; a < o; a++) data[a * o * L + a * L + slotOf[0]] = scale;
      return data;
    };
    const firstColumn = (scale: number) => {
      const data = new Float32Array(L * i * i);
      for (let c = 0; c < i; c++) data[(slotOf[0] * i + c) * i + c] = scale;
      return data;
    };
    if (!batched) {
      // one 2-D matrix for all runs: scaled only when the runs share their factor (else see stepRates)
      const shared = uniform ? scales[0] : 1;
      const shift = new Float32Array(L * L);
      for (let mu = 0; mu < L; mu++) if (lagAt[mu] + 1 < L) shift[slotOf[lagAt[mu] + 1] * L + mu] = shared;
      return {
        shift: tf.tensor2d(shift, [L, L]),
        first: perRun(first, o, o * L),
        firstColumn: tf.tensor2d(firstColumn(shared), [L * i, i]),
      };
    }
    const shift = (scale: number) => {
      const data = new Float32Array(o * L * o * L);
      for (let a = 0; a < o; a++)
        for (let mu = 0; mu < L; mu++) {
          const next = lagAt[mu] + 1;
          if (next < L) data[(a * L + slotOf[next]) * o * L + a * L + mu] = scale;
        }
      return data;
    };
    return {
      shift: perRun(shift, o * L, o * L),
      first: perRun(first, o, o * L),
      firstColumn: perRun(firstColumn, L * i, i),
    };
  };
  const fullRates = (rows: number, cols: number) => {
    const out = new Float32Array(C * rows * cols);
    rates.forEach((x, r) => out.fill(x, r * rows * cols, (r + 1) * rows * cols));
    return tf.tensor3d(out, [C, rows, cols]);
  };

  // credits that do not depend on the weights: RFLO's ŵ^s R, and zero outside tBPTT's window
  const constant = new Uint8Array(C * o * L * n);
  const constantValue = new Float32Array(C * o * L * n);
  const epropMask = new Uint8Array(C * o * L * n);
  let anyConstant = false;
  runs.forEach((run, r) => {
    const rule = RULES[run.rule];
    const window = rule.lags(runParams[r]); // the run's own truncation
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
            constantValue[at] = constantLagWeight(rule, runParams[r], s) * feedback[r][a][q]; // its own ŵ
        }
      }
  });
  const hasEprop = runs.some((run) => RULES[run.rule].credit.decay === 'diagW');

  // e-prop: the lag of each slot, as the exponent of W's diagonal
  const exponent = Float32Array.from(lagAt);

  const oneTeacher = teacherImpulse.every((E) => E === teacherImpulse[0]);
  const lossWeight = new Float32Array(o * L * i);
  const sequenceOf = (Estar: number[][][]) => {
    const out = new Float32Array(o * L * i);
    for (let a = 0; a < o; a++)
      for (let mu = 0; mu < L; mu++) {
        const s = lagAt[mu];
        if (s >= T) continue;
        for (let c = 0; c < i; c++) out[(a * L + mu) * i + c] = Estar[s][a][c];
      }
    return out;
  };
  for (let a = 0; a < o; a++)
    for (let mu = 0; mu < L; mu++) {
      const s = lagAt[mu];
      if (s >= T) continue;
      for (let c = 0; c < i; c++) lossWeight[(a * L + mu) * i + c] = 0.5 * w[s];
    }
  const targetSequence = () => {
    if (oneTeacher) return tf.tensor3d(sequenceOf(teacherImpulse[0]), [1, o * L, i]);
    const out = new Float32Array(C * o * L * i);
    teacherImpulse.forEach((E, r) => out.set(sequenceOf(E), r * o * L * i));
    return tf.tensor3d(out, [C, o * L, i]);
  };

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
    omega: omegaTiles(),
    omegaTarget: targetTiles(),
    picks: picksTimes(runs.map(() => 1)),
    stepPicks: picksTimes(rates),
    stepRates: batched || oneRate ? null : { shift: fullRates(n, o * L), firstColumn: fullRates(o * L, i) },
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
    targetSequence: targetSequence(),
    stopRun(run: number) {
      active[run] = false;
      tf.dispose([consts.omega, consts.omegaTarget]);
      consts.omega = omegaTiles();
      consts.omegaTarget = targetTiles();
    },
    dispose() {
      const { picks, stepPicks, eprop } = consts;
      tf.dispose([consts.withinHorizon, consts.zeroPowers]);
      tf.dispose([consts.identity, consts.omega, consts.omegaTarget, consts.constantCredit]);
      tf.dispose([picks.shift, picks.first, picks.firstColumn]);
      tf.dispose([stepPicks.shift, stepPicks.first, stepPicks.firstColumn]);
      if (consts.constantMask) consts.constantMask.dispose();
      if (eprop) tf.dispose([eprop.eye, eprop.lagExponent, eprop.mask]);
      if (consts.stepRates) tf.dispose([consts.stepRates.shift, consts.stepRates.firstColumn]);
      tf.dispose([consts.lossWeight, consts.targetSequence]);
    },
  };
  return consts;
}
