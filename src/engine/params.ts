// The engine's resolved parameters (names are the contract shared by CLI flags, URL keys and run files).
// Types only; the table with defaults, ranges and help text is src/state/params.ts.

export const RULE_IDS = ['bptt', 'tbptt', 'rflo', 'eprop'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const TASK_IDS = ['aligned', 'random'] as const;
export type TaskId = (typeof TASK_IDS)[number];

export type GradientForm = 'expected' | 'sampled';
export type LossKind = 'final' | 'sequence';
export type BasisKind = 'random' | 'identity';
export type InitKind = 'aligned' | 'random';

/** Every parameter a simulation needs, already validated (see src/state/params.ts). */
export interface EngineParams {
  task: TaskId;
  rules: RuleId[];
  seed: number;
  seeds: number;
  gradient: GradientForm;
  batch: number;
  loss: LossKind;
  T: number;
  lr: number;
  steps: number;
  truncation: number;
  what: number;
  n: number;
  i: number;
  o: number;
  // aligned task: one value per mode
  modes: number;
  aStar: number[];
  bStar: number[];
  wStar: number[];
  a0: number[];
  b0: number[];
  w0: number[];
  aHat: number[];
  basis: BasisKind;
  /** aligned task: student starts aligned (from a0, b0, w0) or random (non-aligned, THEORY 5.5) */
  init: InitKind;
  // random task (and random init)
  teacherN: number;
  radius: number;
  initScale: number;
  // reporting
  rankTol: number;
  every: number;
}
