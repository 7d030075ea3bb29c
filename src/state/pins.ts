// Pinned runs, the pure part: how a pinned run's parameters differ from the current run's, and the legend name that
// says so. May import: ./params, ./param-codecs, ./url, engine types.
import type { EngineParams } from '../engine/params';
import { formatValue, type ParamRow, sameValue, type ParamValue } from './param-codecs';
import { PARAM_TABLE, type ParamKey } from './params';
import { shortestList } from './url';

export interface ParamDifference {
  key: ParamKey;
  /** the value in this run and in the pinned run, as the URL writes them */
  here: string;
  there: string;
}

/** A value as the URL writes it (a per-mode list without its trailing repeats). */
const shown = (row: ParamRow, value: ParamValue): string =>
  formatValue(row, row.kind === 'list' ? shortestList(value as number[]) : value);

/** The parameters in which `there` differs from `here`, in table order (per-mode lists over their common modes). */
export function paramDifferences(here: EngineParams, there: EngineParams): ParamDifference[] {
  const a = here as unknown as Record<string, ParamValue>;
  const b = there as unknown as Record<string, ParamValue>;
  // per-mode lists are compared over the modes both runs have: a pin with fewer modes has no say on the others
  const modes = Math.min(here.modes, there.modes);
  const differs = (row: ParamRow) =>
    row.kind === 'list'
      ? !sameValue((a[row.key] as number[]).slice(0, modes), (b[row.key] as number[]).slice(0, modes))
      : !sameValue(a[row.key], b[row.key]);
  return (PARAM_TABLE as readonly ParamRow[]).filter(differs).map((row) => ({
    key: row.key as ParamKey,
    here: shown(row, a[row.key]),
    there: shown(row, b[row.key]),
  }));
}

/** Differences named in a legend entry before the rest are counted ("+2 more"): legends have one line per pin. */
const NAMED_MAX = 3;

/** A pin's legend name: "pin 1: lr 0.02, wStar 0.5" (the pinned run's values where they differ). */
export function pinLabel(index: number, differences: readonly ParamDifference[]): string {
  if (!differences.length) return `pin ${index + 1}: same parameters`;
  const named = differences.slice(0, NAMED_MAX).map((d) => `${d.key} ${d.there}`);
  const more = differences.length - named.length;
  return `pin ${index + 1}: ${named.join(', ')}${more > 0 ? ` +${more} more` : ''}`;
}
