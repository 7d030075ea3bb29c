// Multi-mode theory run for the app and the CLI's run file: T→∞ ODE (THEORY 3.2) and finite-T map (3.1).
// May import: ./types, ./steps, ./mode-maps, ./mode-odes (nothing outside src/theory).
import type { LossKind, ModeTrajectory, StopInfo, TheoryRule } from './types';
import { normalizeRecord } from './steps';
import { iterateModeMap } from './mode-maps';
import { integrateModeOde } from './mode-odes';

export type RunTheoryRule = TheoryRule | 'eprop';

export type RunTheoryInput = {
  rule: RunTheoryRule;
  /** One entry per mode in every list (THEORY 3: p = a*b*, q = w*, RFLO feedback â). */
  modes: {
    aStar: number[];
    bStar: number[];
    wStar: number[];
    a0: number[];
    b0: number[];
    w0: number[];
    aHat: number[];
  };
  /** RFLO's trace decay ŵ (one scalar for all modes). */
  what: number;
  T: number;
  lr: number;
  loss: LossKind;
  /** tBPTT truncation k (the ODE covers k = 1 only). */
  truncation: number;
  /** Training steps to record (0 = initial state). */
  steps: number[];
  /** compute only this prediction (the other is reported not computed): the ODE can cost far more than the map */
  only?: 'map' | 'ode';
};

export type NotApplicable = { notApplicable: string };

/** JSON-safe multi-mode trace: values are [recorded step][mode]; null where a mode had stopped. */
export type TheoryTrace = {
  step: number[];
  a: (number | null)[][];
  b: (number | null)[][];
  w: (number | null)[][];
  /** Summed over modes; null if any mode is missing or the value is not finite. */
  loss: (number | null)[];
  /** The earliest stop over modes, with the mode index. */
  stopped: null | (StopInfo & { mode: number });
};

export type RunTheoryOutput =
  { theory: TheoryTrace | NotApplicable; map: TheoryTrace | NotApplicable } | NotApplicable;

const finiteOrNull = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

function validate(input: RunTheoryInput): string | null {
  const lists = Object.entries(input.modes);
  const m = input.modes.aStar?.length ?? 0;
  if (m < 1) return 'invalid input: at least one mode is needed';
  for (const [name, list] of lists) {
    if (!Array.isArray(list) || list.length !== m)
      return `invalid input: modes.${name} must have ${m} entries`;
    if (!list.every(Number.isFinite)) return `invalid input: modes.${name} must be finite numbers`;
  }
  if (!Number.isInteger(input.T) || input.T < 1)
    return `invalid input: T must be an integer ≥ 1 (got ${input.T})`;
  if (!(Number.isFinite(input.lr) && input.lr > 0))
    return `invalid input: lr must be positive (got ${input.lr})`;
  if (!Number.isInteger(input.truncation) || input.truncation < 1) {
    return `invalid input: truncation must be an integer ≥ 1 (got ${input.truncation})`;
  }
  if (!Number.isFinite(input.what)) return 'invalid input: ŵ must be finite';
  if (input.loss !== 'final' && input.loss !== 'sequence')
    return `invalid input: unknown loss '${String(input.loss)}'`;
  if (!input.steps.every((s) => Number.isInteger(s) && s >= 0))
    return 'invalid input: steps must be integers ≥ 0';
  return null;
}

/** Combines per-mode trajectories onto the common recorded steps, summing the loss over modes. */
function combine(steps: number[], perMode: ModeTrajectory[]): TheoryTrace {
  const trace: TheoryTrace = { step: steps.slice(), a: [], b: [], w: [], loss: [], stopped: null };
  const idx = perMode.map((tr) => new Map(tr.step.map((s, i) => [s, i])));
  for (const s of steps) {
    const rowA: (number | null)[] = [];
    const rowB: (number | null)[] = [];
    const rowW: (number | null)[] = [];
    let sum: number | null = 0;
    perMode.forEach((tr, m) => {
      const i = idx[m].get(s);
      rowA.push(finiteOrNull(i === undefined ? undefined : tr.a[i]));
      rowB.push(finiteOrNull(i === undefined ? undefined : tr.b[i]));
      rowW.push(finiteOrNull(i === undefined ? undefined : tr.w[i]));
      const l = i === undefined ? undefined : tr.loss[i];
      sum = sum === null || l === undefined || !Number.isFinite(l) ? null : sum + l;
    });
    trace.a.push(rowA);
    trace.b.push(rowB);
    trace.w.push(rowW);
    trace.loss.push(finiteOrNull(sum ?? undefined));
  }
  perMode.forEach((tr, m) => {
    if (tr.stopped && (trace.stopped === null || tr.stopped.step < trace.stopped.step)) {
      trace.stopped = { ...tr.stopped, mode: m, reason: `mode ${m}: ${tr.stopped.reason}` };
    }
  });
  return trace;
}

/**
 * Runs the mode theory for every mode: `theory` = T→∞ ODE (THEORY 3.2, loss = Σ modeLossInfinite),
 * `map` = finite-T map (THEORY 3.1, loss = Σ modeLoss). e-prop is outside the mode theory (THEORY 3);
 * tBPTT with k ≠ 1 has a map but no ODE. Every number in the result is finite (null otherwise).
 */
export function runTheory(input: RunTheoryInput): RunTheoryOutput {
  if (input.rule === 'eprop') {
    return {
      notApplicable:
        'e-prop is outside the mode theory: its diag(W) decay is not diagonal in the mode bases (THEORY 3), ' +
        'so no per-mode ODE or map exists for it.',
    };
  }
  if (input.rule !== 'bptt' && input.rule !== 'tbptt' && input.rule !== 'rflo') {
    return { notApplicable: `unknown rule '${String(input.rule)}'` };
  }
  const bad = validate(input);
  if (bad) return { notApplicable: bad };
  const rule: TheoryRule = input.rule;
  const steps = normalizeRecord(input.steps);
  const maxStep = steps.length > 0 ? steps[steps.length - 1] : 0;
  const md = input.modes;
  const perMode = md.aStar.map((_, m) => ({
    init: { a: md.a0[m], b: md.b0[m], w: md.w0[m] },
    teacher: { aStar: md.aStar[m], bStar: md.bStar[m], wStar: md.wStar[m] },
    feedback: { aHat: md.aHat[m], what: input.what },
  }));
  const skipped = (kind: string): NotApplicable => ({
    notApplicable: `not computed (only the ${kind} was asked for)`,
  });
  if (input.only === 'ode') return { theory: odeTrace(rule, input, perMode, steps), map: skipped('ODE') };
  const mapRuns = perMode.map((x) =>
    iterateModeMap({
      rule,
      ...x,
      T: input.T,
      loss: input.loss,
      truncation: input.truncation,
      lr: input.lr,
      steps: maxStep,
      record: steps,
    }),
  );
  const map = combine(steps, mapRuns);
  if (input.only === 'map') return { theory: skipped('map'), map };
  return { theory: odeTrace(rule, input, perMode, steps), map };
}

type ModeSetup = {
  init: { a: number; b: number; w: number };
  teacher: { aStar: number; bStar: number; wStar: number };
  feedback: { aHat: number; what: number };
};

function odeTrace(
  rule: TheoryRule,
  input: RunTheoryInput,
  perMode: ModeSetup[],
  steps: number[],
): TheoryTrace | NotApplicable {
  if (rule === 'tbptt' && input.truncation !== 1) {
    return {
      notApplicable: `the T→∞ ODE (THEORY 3.2) covers one-step tBPTT only (truncation k = 1, got k = ${input.truncation}); the finite-T map covers any k`,
    };
  }
  const odeRuns = perMode.map((x) => integrateModeOde({ rule, ...x, lr: input.lr, record: steps }));
  return combine(steps, odeRuns);
}
