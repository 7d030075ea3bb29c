// The run file's shape as a valibot schema: every field's type, with messages that name the field and say what
// it holds instead ("runs[1].spectrum must be null or {step, W: numbers, B: numbers}, got the string "abc"").
// What a schema cannot say (columns as long as `step`) is checked after it, in ./run-file.ts.
// Imports valibot and engine constants only.
import * as v from 'valibot';
import { SCALAR_KEYS } from './history';
import { RULE_IDS } from './params';

/** Steps are whole numbers from 0 to a billion (a run file of 1e308 steps is not one this app wrote). */
export const MAX_STEP = 1e9;

/** A short description of a bad value for a message: its type, and the value when it is short. */
export function describe(value: unknown): string {
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + '…' : value)}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

// A message is appended to the field's path: " must be …, got …" or ": … is not …".
const must =
  (what: string) =>
  (issue: { input: unknown }): string =>
    ` must be ${what}, got ${describe(issue.input)}`;
const notAStep = (issue: { input: unknown }) =>
  `: ${describe(issue.input)} is not a step (a whole number from 0 to ${MAX_STEP})`;

const Step = v.pipe(
  v.number(notAStep),
  v.integer(notAStep),
  v.minValue(0, notAStep),
  v.maxValue(MAX_STEP, notAStep),
);
const NumberOrNull = v.nullable(v.number(must('a number or null')));
const Numbers = v.array(NumberOrNull, must('an array of numbers'));
const ScalarColumn = v.array(NumberOrNull, must('an array of numbers or null'));
const Matrix = v.array(v.array(NumberOrNull, must('a row of numbers')), must('a matrix (rows of numbers)'));
const Weights = v.looseObject({ A: Matrix, W: Matrix, B: Matrix }, must('{A, W, B} matrices'));
const ModeColumn = v.optional(v.array(Numbers, must('an array')));

const History = v.looseObject(
  {
    ...Object.fromEntries(SCALAR_KEYS.map((key) => [key, v.optional(ScalarColumn)])),
    step: v.array(Step, must('an array of steps')),
    loss: ScalarColumn,
    a: ModeColumn,
    b: ModeColumn,
    w: ModeColumn,
  },
  must('an object of columns'),
);

const Divergence = v.union(
  [v.null(), v.looseObject({ step: Step, reason: v.string() })],
  must('null or {step, reason}'),
);
const Spectrum = v.union(
  [v.null(), v.looseObject({ step: Step, W: Numbers, B: Numbers })],
  must('null or {step, W: numbers, B: numbers}'),
);

const Run = v.looseObject(
  {
    rule: v.picklist(
      RULE_IDS,
      (issue) => `: ${describe(issue.input)} is not a rule (${RULE_IDS.join(', ')})`,
    ),
    seed: v.number(must('a number')),
    initial: Weights,
    final: Weights,
    R: v.optional(Matrix),
    diverged: v.optional(Divergence),
    history: History,
    spectrum: v.optional(Spectrum),
  },
  must('an object'),
);

/** Everything but `format` and `version`, which are read first (a file of another format or version says so). */
export const RunFileSchema = v.looseObject(
  {
    backend: v.optional(v.string(must('a string'))),
    checksum: v.optional(v.string(must('a string'))),
    params: v.looseObject({}, must('an object of parameters')),
    teacher: Weights,
    runs: v.pipe(v.array(Run, must('an array of runs')), v.minLength(1, ' must hold at least one run')),
  },
  must('an object'),
);

/** The first problem the schema finds in `data`, as one line naming the field ("runs[0].history.a[2] must be …"). */
export function schemaProblem(data: unknown): string | null {
  const result = v.safeParse(RunFileSchema, data, { abortEarly: true });
  if (result.success) return null;
  const issue = result.issues[0];
  const where = (issue.path ?? [])
    .map((item, k) => (typeof item.key === 'number' ? `[${item.key}]` : `${k ? '.' : ''}${String(item.key)}`))
    .join('');
  return `${where || 'the run file'}${issue.message}`;
}
