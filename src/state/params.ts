// THE parameter table: one row per parameter (type, default, range, label, help). Store defaults, controls,
// URL codec, CLI flags and tests all derive from it. Imports engine types and ./param-codecs only.
import { RULE_IDS, TASK_IDS, type EngineParams } from '../engine/params';
import type { ParamRow } from './param-codecs';

// One row per line, like a table (Prettier would spread each row over a dozen lines).
// prettier-ignore
export const PARAM_TABLE = [
  { key: 'task', kind: 'enum', options: TASK_IDS, default: 'aligned', group: 'task', label: 'Task',
    help: 'aligned: teacher and student share orthogonal bases U, V, P, so learning splits into modes (About › The model). random: a random stable teacher with its own hidden size, no modes (the rank chart’s setting).' },
  { key: 'rules', kind: 'set', options: RULE_IDS, default: ['bptt', 'tbptt', 'rflo'], group: 'rules', label: 'Rules to compare',
    help: 'Each rule trains its own copy of the student from the same initial weights, teacher, feedback and inputs.' },
  { key: 'seed', kind: 'int', default: 1, min: 0, max: 2147483647, group: 'training', label: 'Seed',
    help: 'Seeds the bases, teacher, initial weights, feedback R and input samples. Same seed ⇒ same run.' },
  { key: 'seeds', kind: 'int', default: 1, min: 1, max: 50, group: 'training', label: 'Seeds per rule',
    help: 'Runs per rule with seeds seed, seed+1, …: different initial weights, R and samples where they are random (a random init, the random task, the sampled gradient); same teacher. With the aligned task, aligned init and the expected gradient nothing is random, so the runs are identical.' },
  { key: 'gradient', kind: 'enum', options: ['expected', 'sampled'], default: 'expected', group: 'training', label: 'Gradient form',
    help: 'expected: exact average over white-noise inputs, what the mode theory describes (About › Theory overlays). sampled: a minibatch of sequences, noisy.' },
  { key: 'batch', kind: 'int', default: 32, min: 1, max: 1024, group: 'training', label: 'Minibatch', symbol: 'batch',
    help: 'Sequences per step for the sampled gradient.' },
  { key: 'loss', kind: 'enum', options: ['final', 'sequence'], default: 'final', group: 'training', label: 'Loss',
    help: 'final: ½E‖y_T − y*_T‖² (the paper’s analysis). sequence: the average of that over every step t = 1..T.' },
  { key: 'T', kind: 'int', default: 10, min: 1, max: 200, group: 'training', label: 'Sequence length', symbol: 'T',
    help: 'Time steps per trial.' },
  { key: 'lr', kind: 'float', default: 0.01, min: 0, minExclusive: true, max: 10, group: 'training', label: 'Learning rate', symbol: 'η',
    help: 'θ ← θ − η Δθ. Too large and a run diverges (it is stopped and marked).' },
  { key: 'steps', kind: 'int', default: 3000, min: 1, max: 1000000, group: 'training', label: 'Training steps',
    help: 'Training stops here.' },
  { key: 'truncation', kind: 'int', default: 1, min: 1, max: 200, group: 'rules', label: 'tBPTT truncation', symbol: 'k',
    help: 'tBPTT keeps the last k steps of BPTT’s sum; k = 1 is one-step tBPTT, k = T is BPTT.' },
  { key: 'what', kind: 'float', default: 0.5, min: 0, max: 0.999, group: 'rules', label: 'RFLO trace decay', symbol: 'ŵ',
    help: 'RFLO’s eligibility-trace decay in [0, 1), Murray’s 1 − 1/τ.' },
  { key: 'n', kind: 'int', default: 4, min: 1, max: 128, group: 'task', label: 'Hidden units', symbol: 'n',
    help: 'Hidden units of the student.' },
  { key: 'i', kind: 'int', default: 2, min: 1, max: 64, group: 'task', label: 'Inputs', symbol: 'i', help: 'Input dimension.' },
  { key: 'o', kind: 'int', default: 2, min: 1, max: 64, group: 'task', label: 'Outputs', symbol: 'o',
    help: 'Output dimension; RFLO’s changes have rank ≤ o.' },
  { key: 'modes', kind: 'int', default: 2, min: 1, max: 64, group: 'aligned', task: 'aligned', label: 'Modes', symbol: 'm',
    help: 'Number of modes m ≤ min(n, i, o); each is an independent (a, b, w) system.' },
  { key: 'aStar', kind: 'list', default: [1, 0.5], min: -10, max: 10, group: 'aligned', task: 'aligned', label: 'Teacher readout', symbol: 'a*',
    help: 'Per-mode teacher readout values (comma list; a shorter list repeats its last value).' },
  { key: 'bStar', kind: 'list', default: [1], min: -10, max: 10, group: 'aligned', task: 'aligned', label: 'Teacher input', symbol: 'b*',
    help: 'Per-mode teacher input values; p = a*b*.' },
  { key: 'wStar', kind: 'list', default: [0.5, 0.8], min: -0.999, max: 0.999, group: 'aligned', task: 'aligned', label: 'Teacher recurrence', symbol: 'w*',
    help: 'Per-mode teacher recurrent values q = w*, |w*| < 1.' },
  { key: 'a0', kind: 'list', default: [0.02], min: -10, max: 10, group: 'aligned', task: 'aligned', label: 'Initial readout', symbol: 'a₀',
    help: 'Per-mode initial student readout. Small a₀, b₀ start near BPTT’s saddle: a plateau.' },
  { key: 'b0', kind: 'list', default: [0.02], min: -10, max: 10, group: 'aligned', task: 'aligned', label: 'Initial input', symbol: 'b₀',
    help: 'Per-mode initial student input weight.' },
  { key: 'w0', kind: 'list', default: [0], min: -0.999, max: 0.999, group: 'aligned', task: 'aligned', label: 'Initial recurrence', symbol: 'w₀',
    help: 'Per-mode initial student recurrent value.' },
  { key: 'aHat', kind: 'list', default: [1], min: -10, max: 10, group: 'aligned', task: 'aligned', label: 'RFLO feedback', symbol: 'â',
    help: 'Per-mode feedback R = U diag(â) Pᵀ. RFLO almost always converges to the branch with â·a > 0 (the other branch is a saddle near the origin and unstable in all but rare cases).' },
  { key: 'basis', kind: 'enum', options: ['random', 'identity'], default: 'random', group: 'aligned', task: 'aligned', label: 'Bases U, V, P',
    help: 'random orthogonal from the seed, or identity (each mode is a single unit).' },
  { key: 'init', kind: 'enum', options: ['aligned', 'random'], default: 'aligned', group: 'aligned', task: 'aligned', label: 'Student init',
    help: 'aligned: from a₀, b₀, w₀ in the bases. random: Gaussian (init scale), with random R. The teacher-basis fractions then cannot fall (the hidden basis is not identifiable); the modes chart shows basis-free alignment instead (About › What the charts show).' },
  { key: 'teacherN', kind: 'int', default: 8, min: 1, max: 128, group: 'random', task: 'random', label: 'Teacher hidden units', symbol: 'n*',
    help: 'Hidden size of the random teacher.' },
  { key: 'radius', kind: 'float', default: 0.8, min: 0, max: 0.999, group: 'random', task: 'random', label: 'Teacher spectral radius', symbol: 'ρ(W*)',
    help: 'The random teacher’s W* is rescaled to this spectral radius (< 1: stable).' },
  { key: 'initScale', kind: 'float', default: 0.1, min: 0, max: 10, group: 'random', label: 'Init scale',
    help: 'Random student init: entries ~ N(0, (scale/√fan-in)²). Used by the random task and by init=random.' },
  { key: 'rankTol', kind: 'float', default: 1e-3, min: 1e-12, max: 0.5, group: 'analysis', label: 'Rank tolerance',
    help: 'Numerical rank counts σₖ > tol·σ₁.' },
  { key: 'every', kind: 'int', default: 10, min: 1, max: 100000, group: 'analysis', label: 'Report every',
    help: 'Metrics (loss, modes, ranks, cosines) are recorded every this many steps.' },
] as const satisfies readonly ParamRow[];

export type ParamKey = (typeof PARAM_TABLE)[number]['key'];

/** Compile-time check: the table's keys are exactly EngineParams' keys. */
type _SameKeys = [ParamKey] extends [keyof EngineParams]
  ? [keyof EngineParams] extends [ParamKey]
    ? true
    : never
  : never;
export const TABLE_MATCHES_ENGINE: _SameKeys = true;

/** Rows by key, on a null-prototype object: 'toString' or '__proto__' from a link is no key here. */
export const ROWS: Record<ParamKey, ParamRow> = Object.assign(
  Object.create(null) as Record<ParamKey, ParamRow>,
  Object.fromEntries(PARAM_TABLE.map((r) => [r.key, r])),
);

/** Whether a key from outside (URL, CLI, run file) names a parameter; never true for inherited names. */
export const isParamKey = (key: string): key is ParamKey => Object.hasOwn(ROWS, key);

/** A dictionary for keys from outside: no prototype, so no inherited 'constructor' and no '__proto__' setter. */
export const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Every parameter at its default, per-mode lists expanded to the default number of modes (ready for the engine). */
export function defaultParams(): EngineParams {
  const out: Record<string, unknown> = {};
  for (const row of PARAM_TABLE) out[row.key] = Array.isArray(row.default) ? [...row.default] : row.default;
  const p = out as unknown as EngineParams;
  for (const row of PARAM_TABLE) {
    if (row.kind !== 'list') continue;
    const list = out[row.key] as number[];
    // a shorter list repeats its last value (the same rule the URL codec applies)
    while (list.length < p.modes) list.push(list[list.length - 1]);
  }
  return p;
}
