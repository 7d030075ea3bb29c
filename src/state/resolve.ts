// Turns raw key→string inputs (URL, CLI, controls) into complete EngineParams: per-value parsing, then the
// constraints between parameters. Never throws; everything replaced is reported. Imports ./params, ./param-codecs.
import type { EngineParams } from '../engine/params';
import { describeAllowed, formatValue, type ParamValue, parseValue } from './param-codecs';
import { defaultParams, isParamKey, PARAM_TABLE, type ParamKey, ROWS } from './params';

export interface Notice {
  key: string;
  /** the whole sentence shown to the user: what was wrong and what was used instead */
  message: string;
  /** just what was wrong (the CLI refuses instead of replacing, so it prints only this) */
  problem: string;
}

function notice(key: string, problem: string, fallback?: string): Notice {
  return { key, problem, message: fallback === undefined ? problem : `${problem}; using ${fallback}` };
}

/** Runs × T × n × (n + i + batch) above this would exhaust a laptop's memory or take minutes per step. */
export const WORK_BUDGET = 4e8;

/** One run's share of the work budget: T × n × (n + i + batch). */
const runWork = (p: EngineParams): number =>
  p.T * p.n * (p.n + p.i + (p.gradient === 'sampled' ? p.batch : 0));

/** The most runs one batched simulation of these parameters may hold (a sweep cuts its cells into such batches). */
export const maxBatchRuns = (p: EngineParams): number => Math.max(1, Math.floor(WORK_BUDGET / runWork(p)));

const LIST_KEYS = ['aStar', 'bStar', 'wStar', 'a0', 'b0', 'w0', 'aHat'] as const;

/**
 * @param raw  key → raw string (unknown keys are reported, not fatal)
 * @param base values to use for keys absent from `raw` (defaults if omitted)
 */
export function resolveParams(
  raw: Record<string, string>,
  base: EngineParams = defaultParams(),
): { params: EngineParams; notices: Notice[] } {
  const notices: Notice[] = [];
  const out = structuredClone(base) as unknown as Record<string, ParamValue>;
  for (const [key, value] of Object.entries(raw)) {
    const row = isParamKey(key) ? ROWS[key] : undefined;
    if (!row) {
      notices.push(notice(key, `unknown parameter '${key}' ignored`));
      continue;
    }
    const parsed = parseValue(row, value);
    if (parsed.ok) out[key] = parsed.value;
    else {
      notices.push(notice(key, `${key}: ${parsed.reason}`, formatValue(row, out[key])));
    }
  }
  const given = new Set(Object.keys(raw).filter(isParamKey));
  return { params: applyConstraints(out as unknown as EngineParams, notices, given), notices };
}

/** Whether a per-mode list says the same as the table's default (a shorter list repeats its last value). */
function isDefaultList(key: ParamKey, list: readonly number[]): boolean {
  const fallback = ROWS[key].default as readonly number[];
  const at = (xs: readonly number[], k: number) => xs[Math.min(k, xs.length - 1)];
  return Array.from({ length: Math.max(list.length, fallback.length) }, (_, k) => k).every(
    (k) => at(list, k) === at(fallback, k),
  );
}

/**
 * Constraints between parameters; each fix is reported. Mutates and returns p.
 * @param given the keys the user actually set; a per-mode list that was neither given nor changed from its default
 *   is fitted to `modes` silently. Omitted: every key counts as given.
 */
export function applyConstraints(p: EngineParams, notices: Notice[], given?: Set<string>): EngineParams {
  const fix = (key: string, problem: string, fallback: string) =>
    notices.push(notice(key, problem, fallback));
  // the per-mode parameters only matter for the aligned task: elsewhere they are fitted silently
  const modeFix = p.task === 'aligned' ? fix : () => {};
  const maxModes = Math.min(p.n, p.i, p.o);
  if (p.modes > maxModes) {
    modeFix('modes', `modes: ${p.modes} > min(n, i, o) = ${maxModes}`, String(maxModes));
    p.modes = maxModes;
  }
  for (const key of LIST_KEYS) {
    const list = p[key];
    if (list.length > p.modes) {
      // reported when it loses the user's values (a list given now, or not the default) and not just repeats
      const losesValues = list.slice(p.modes).some((v) => v !== list[p.modes - 1]);
      if (losesValues && (!given || given.has(key) || !isDefaultList(key, list)))
        modeFix(key, `${key}: ${list.length} values for ${p.modes} modes`, `the first ${p.modes}`);
      p[key] = list.slice(0, p.modes);
    } else if (list.length < p.modes) {
      // documented shorthand, not an error: a shorter list repeats its last value
      p[key] = [...list, ...new Array<number>(p.modes - list.length).fill(list[list.length - 1])];
    }
  }
  if (p.truncation > p.T) {
    fix('truncation', `truncation: ${p.truncation} > T = ${p.T}`, `${p.T} (tBPTT with k = T is BPTT)`);
    p.truncation = p.T;
  }
  const work = () => p.seeds * p.rules.length * runWork(p);
  if (work() > WORK_BUDGET) {
    const before = p.seeds;
    while (p.seeds > 1 && work() > WORK_BUDGET) p.seeds--;
    if (p.seeds !== before)
      fix('seeds', `seeds: ${before} runs per rule is too much work at this size`, String(p.seeds));
    const beforeT = p.T;
    while (p.T > 1 && work() > WORK_BUDGET) p.T--;
    if (p.T !== beforeT) {
      fix('T', `T: ${beforeT} is too much work at this size`, String(p.T));
      p.truncation = Math.min(p.truncation, p.T);
    }
  }
  return p;
}

/** Checks a value for one key without applying it (controls refuse bad input with this message). */
export function checkValue(
  key: ParamKey,
  raw: string,
): { ok: true; value: ParamValue } | { ok: false; message: string } {
  const row = ROWS[key];
  const parsed = parseValue(row, raw);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.reason };
}

export { describeAllowed, PARAM_TABLE };
