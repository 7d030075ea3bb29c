// How much memory a set of parameters needs: the tensors of the plan the engine will choose at their peak (set-up,
// a step, a check, a snapshot) and the recorded history. Imports engine modules without TF.js (the main thread
// checks links with it). Tested against tf.memory() in test/engine/memory-estimate.test.ts.
//
// Counted in TF.js's own unit (tf.memory().numBytes): every live tensor's size, a reshape or clone counted again
// although it shares its buffer, so the real wasm heap needs somewhat less. Each count below follows the code of
// its plan: transient terms are what one tf.tidy scope holds at once, persistent terms what the plan keeps.
import { HISTORY_RECORD_CAP } from './history';
import type { EngineParams } from './params';
import { choosePlan } from './plans/choose-plan';
import { lagOrder } from './plans/lag-order';
import type { PlanName } from './plans/plan';
import { RULES } from './rules';

/**
 * The memory a configuration may use: 1 GB. TF.js's wasm heap is 32-bit (it can never exceed 4 GB), grows by
 * copying itself (old and new heap at once) and never shrinks, and browsers often refuse a grow well before 4 GB
 * (phones and 32-bit builds at a few hundred MB); each worker has its own heap.
 */
export const MEMORY_BUDGET_BYTES = 1e9;

const FLOAT = 4;
/** A JS number stored in a history column: a boxed double in an array that also holds nulls. */
const JS_NUMBER = 16;
/** A per-record JS array (the per-mode columns a, b, w): header and backing store. */
const JS_ARRAY = 32;
/** Allowance for what the counts below leave out (small tensors, evaluation packing, order of disposal). */
const MARGIN = 1.2;

export interface MemoryEstimate {
  plan: PlanName;
  /** peak bytes of live tensors (the wasm heap) */
  tensorBytes: number;
  /** bytes of the recorded history (JS heap) */
  historyBytes: number;
  totalBytes: number;
}

interface Sizes {
  /** runs = rules × seeds (all in one worker: the worst case of the app's split, and the CLI's one thread) */
  C: number;
  n: number;
  i: number;
  o: number;
  T: number;
  /** T·o: the rows of every lag-stacked statistic */
  K: number;
  /** n + i: the chain plan's row width [W | B] */
  w: number;
  /** 1 when an e-prop run needs the diagonal chain's extra tensors */
  E: number;
}

/** The expected-gradient chain program (chain plan; the sampled plan's exact checks), in floats. */
function chainProgram(s: Sizes): { persistent: number; evaluation: number } {
  const { C, n, i, o, K, w, E } = s;
  return {
    // credit mix (chain, constant, e-prop's diagonal), the teacher's targets, e-prop's eye
    persistent: K * C * (2 * w + E * w + i) + E * n * C * w + o * n * C + 2 * K,
    // forward and backward chains with their channel transposes, stacked lags and errors, the credit, two
    // contractions (the rule's and BPTT's), e-prop's repeated products; then the n×(n+i) updates, the agreement
    // with BPTT and the step
    evaluation: K * C * (16 * w + 7 * n + 8 * i) + E * 4 * K * C * w + 16 * C * n * w,
  };
}

function chainPlan(s: Sizes): number {
  const { C, n, o, w } = s;
  const program = chainProgram(s);
  // weights, rates, the pending update and a checkpoint: four copies of [W | B] and A
  const weights = 4 * C * (n * w + o * n);
  return program.persistent + weights + program.evaluation;
}

function doublingPlan(s: Sizes, T: number): number {
  const { C, n, i, o, E } = s;
  const L = lagOrder(T).size;
  const wide = L > 16;
  const state = C * (n * n + n * i + o * n);
  // one step: the powers W^λ (levels, reshapes, the horizon select), Q, M, the Hankel H (product, ω, target), G,
  // the credit, the lag selections and the updates
  const step =
    C *
      (7 * n * n * L +
        4 * o * L * L * i +
        7 * o * L * n +
        2 * n * L * i +
        2 * o * L * i +
        E * (3 * o * L * n + L * n)) +
    2 * state;
  // a check: the step's core once, two sets of updates, the loss of every lag
  const evaluation = step + C * (o * L * L * i + 3 * n * o * L + 5 * o * L * i) + state;
  // advance keeps the intermediates of several steps in one scope (see DoublingPlan.stepsPerScope)
  const floatsPerStep = C * (o * L * L * i * 2 + (n + o) * L * n * 3);
  const stepsPerScope = Math.max(1, Math.min(50, Math.floor(5e5 / floatsPerStep)));
  const picks = wide
    ? 2 * (L * L + C * o * o * L + L * i * i)
    : 2 * C * (o * o * L * L + o * o * L + L * i * i);
  const persistent =
    2 * C * o * L * L * i + // ω and ω·E* on the Hankel
    picks +
    1.25 * C * n * n * L + // zero powers and the horizon mask (bool: a byte each)
    C * n * n +
    (1.25 + E * 0.25) * C * o * L * n + // constant credit and its mask, e-prop's mask
    E * (n * n + L) +
    2 * o * L * i +
    3 * state; // weights, the step an evaluation took, a checkpoint
  return persistent + Math.max(stepsPerScope * step, evaluation);
}

function sampledPlan(s: Sizes, p: EngineParams): number {
  const { C, n, i, o, T, K, w, E } = s;
  const b = p.batch;
  const state = C * (n * n + n * i + o * n);
  const program = chainProgram(s);
  const sequence = p.loss === 'sequence';
  const horizons = sequence ? T : 1;
  // the minibatch (inputs, targets), the forward pass with its channel copies, the errors of every horizon
  const forward = T * b * C * (5 * i + 8 * n) + horizons * b * C * (3 * n + 6 * o) + 2 * state;
  // the lag statistics: for the sequence loss every lag pairs all T·b errors with shifted states (T² · b)
  const statistics = sequence
    ? T * T * b * C * (2 * w + 4 * o) + T * b * C * (2 * n + 3 * o) + 12 * K * C * w
    : 2 * b * C * T * w + 8 * o * C * T * w;
  // Q_s = A W^s, the credit (e-prop's products), the two contractions, the step
  const credit = 5 * K * C * n + 2 * K * C * n + E * 4 * K * C * n + 6 * K * C * n + K * C * i + 3 * state;
  const step = forward + statistics + credit;
  const check = program.evaluation + 3 * C * n * w;
  // weights, rate, a checkpoint; the rules' credit mix; the exact program's constants
  const persistent = 2 * state + K * C * n * (2 + E) + program.persistent;
  return persistent + Math.max(step, check);
}

/** Bytes of the history the app's worker keeps (the CLI keeps every record; the cap applies there too later). */
function historyBytes(p: EngineParams, runs: number): number {
  const records = Math.min(HISTORY_RECORD_CAP, Math.floor(p.steps / p.every) + 2);
  const perMode = p.task === 'aligned' ? 3 * (p.modes * JS_NUMBER + JS_ARRAY) : 0;
  return runs * records * (12 * JS_NUMBER + perMode);
}

export function estimateMemory(p: EngineParams): MemoryEstimate {
  const runs = p.rules.length * p.seeds;
  const eprop = p.rules.some((r) => RULES[r].credit.decay === 'diagW');
  const s: Sizes = {
    C: runs,
    n: p.n,
    i: p.i,
    o: p.o,
    T: p.T,
    K: p.T * p.o,
    w: p.n + p.i,
    E: eprop ? 1 : 0,
  };
  const plan = choosePlan(p);
  const floats =
    plan === 'sampled' ? sampledPlan(s, p) : plan === 'chain' ? chainPlan(s) : doublingPlan(s, p.T);
  const tensorBytes = Math.ceil(floats * FLOAT * MARGIN);
  const history = historyBytes(p, runs);
  return { plan, tensorBytes, historyBytes: history, totalBytes: tensorBytes + history };
}

/** "3.9 GB", "250 MB", "12 kB" (decimal units, two significant digits). */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units)
    if (bytes >= size) return `${Number((bytes / size).toPrecision(2))} ${unit}`;
  return `${Math.round(bytes)} B`;
}
