// A last check of the parameters at the engine's door, before any tensor exists: the app and the CLI resolve
// parameters through the table (src/state), but a caller that skips it (a test, a script, a worker message)
// must get a clear error, not a half-built simulation holding tensors. Imports engine types only.
import { type EngineParams, RULE_IDS } from './params';

const INTEGERS_FROM_1 = [
  'n',
  'i',
  'o',
  'T',
  'modes',
  'seeds',
  'batch',
  'truncation',
  'teacherN',
  'every',
] as const;

/** The first thing wrong with `p` for the engine, or null. */
export function engineParamsProblem(p: EngineParams): string | null {
  for (const key of INTEGERS_FROM_1) {
    const v = p[key];
    if (!Number.isInteger(v) || v < 1) return `${key} must be a whole number ≥ 1 (got ${String(v)})`;
  }
  if (!Number.isInteger(p.steps) || p.steps < 0)
    return `steps must be a whole number ≥ 0 (got ${String(p.steps)})`;
  if (!Number.isInteger(p.seed) || p.seed < 0)
    return `seed must be a whole number ≥ 0 (got ${String(p.seed)})`;
  for (const key of ['lr', 'initScale', 'radius', 'rankTol'] as const)
    if (!(Number.isFinite(p[key]) && p[key] > 0))
      return `${key} must be a positive number (got ${String(p[key])})`;
  if (!Number.isFinite(p.what)) return `what must be finite (got ${String(p.what)})`;
  if (!Array.isArray(p.rules) || p.rules.length === 0 || !p.rules.every((r) => RULE_IDS.includes(r)))
    return `rules must be a non-empty list of ${RULE_IDS.join(', ')}`;
  if (p.modes > Math.min(p.n, p.i, p.o))
    return `modes (${p.modes}) must be ≤ min(n, i, o) = ${Math.min(p.n, p.i, p.o)}`;
  for (const key of ['aStar', 'bStar', 'wStar', 'a0', 'b0', 'w0', 'aHat'] as const) {
    const list = p[key];
    if (!Array.isArray(list) || list.length < p.modes || !list.every(Number.isFinite))
      return `${key} must hold ${p.modes} finite values (one per mode)`;
  }
  if (p.truncation > p.T) return `truncation (${p.truncation}) must be ≤ T (${p.T})`;
  return null;
}

export class EngineParamsError extends Error {}

export function assertEngineParams(p: EngineParams): void {
  const problem = engineParamsProblem(p);
  if (problem) throw new EngineParamsError(`invalid parameters: ${problem}`);
}
