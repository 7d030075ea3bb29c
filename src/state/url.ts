// The URL query string ⇄ parameters: every parameter by its table name, defaults omitted, plus v=1, hide=,
// present=, theory= and up to three pin= (pinned runs, each the query of its run). Parsing is total (a bad link never breaks the page). Imports ./params, ./resolve, ./param-codecs.
import type { EngineParams } from '../engine/params';
import { formatValue, sameValue, type ParamValue } from './param-codecs';
import { defaultParams, dict, PARAM_TABLE } from './params';
import { type Notice, resolveParams } from './resolve';

export const URL_VERSION = 1;

/** The theory overlay drawn over the simulation: none, the finite-T map (THEORY 3.1) or the T→∞ ODE (THEORY 3.2). */
export const THEORY_VIEWS = ['off', 'map', 'ode'] as const;
export type TheoryView = (typeof THEORY_VIEWS)[number];
export const DEFAULT_THEORY_VIEW: TheoryView = 'map';

/** The charts of the dashboard, in their default order. */
export const CHART_IDS = ['loss', 'modes', 'agreement', 'rank', 'stability', 'phase'] as const;
export type ChartId = (typeof CHART_IDS)[number];
/** Shown when a link says nothing: the four that apply to every task (the theory charts need the aligned task). */
export const DEFAULT_CHARTS: readonly ChartId[] = ['loss', 'modes', 'agreement', 'rank'];
const isChartId = (v: string): v is ChartId => (CHART_IDS as readonly string[]).includes(v);

/** View options that live in the URL but are not simulation parameters. */
export interface ViewOptions {
  /** the charts shown, in order (view=loss,modes) */
  charts: ChartId[];
  /** the chart drawn large, spanning the grid's width (large=modes); null: none */
  large: ChartId | null;
  /** control names hidden for a lesson */
  hide: string[];
  /** projector mode: large type, thick lines, high contrast */
  present: boolean;
  /** which analytical prediction the loss and mode charts overlay (theory=off|map|ode; map when omitted) */
  theory: TheoryView;
  /**
   * pinned runs drawn faded behind this one (pin=…, repeated): each the canonical query of its run's parameters
   * (formatQuery, inputs only), so a pin is the link it came from
   */
  pins: string[];
}

export const DEFAULT_VIEW: ViewOptions = {
  charts: [...DEFAULT_CHARTS],
  large: null,
  hide: [],
  present: false,
  theory: DEFAULT_THEORY_VIEW,
  pins: [],
};

/** At most this many pinned runs (each is a whole second run to compute and draw). */
export const PIN_MAX = 3;

/** Keys of a link that are not simulation parameters: the one list the app and the CLI's --query read. */
export const VIEW_KEYS: ReadonlySet<string> = new Set([
  'v',
  'view',
  'large',
  'hide',
  'present',
  'theory',
  'pin',
]);

const sameCharts = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((c, k) => c === b[k]);

const isTheoryView = (v: string): v is TheoryView => (THEORY_VIEWS as readonly string[]).includes(v);

/** Upgrades an older link's keys to the current version (v=1 is the first; nothing to rename yet). */
export function migrate(query: Record<string, string>, version: number): Record<string, string> {
  void version;
  return query;
}

export function parseQuery(search: string): { params: EngineParams; view: ViewOptions; notices: Notice[] } {
  const { paramRaw, view, notices } = splitQuery(search);
  const resolved = resolveParams(paramRaw);
  return { params: resolved.params, view, notices: [...notices, ...resolved.notices] };
}

/**
 * A link's query split into its view options (with their notices) and the raw parameter values (not yet
 * resolved: the CLI lays its flags over them first). Keys live on null-prototype objects (see dict).
 */
export function splitQuery(search: string): {
  paramRaw: Record<string, string>;
  view: ViewOptions;
  notices: Notice[];
} {
  const sp = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const raw = dict<string>();
  const notices: Notice[] = [];
  for (const [k, v] of sp) {
    // pin= is the one key that may repeat (one per pinned run)
    if (Object.hasOwn(raw, k) && k !== 'pin')
      notices.push({
        key: k,
        problem: `${k} given twice`,
        message: `${k} given twice; using the last value`,
      });
    raw[k] = v;
  }
  let version = URL_VERSION;
  if (Object.hasOwn(raw, 'v')) {
    const v = Number(raw.v);
    if (!Number.isInteger(v) || v < 1 || v > URL_VERSION) {
      notices.push({
        key: 'v',
        problem: `v: unknown link version '${raw.v}'`,
        message: `v: unknown link version '${raw.v}'; reading it as v=${URL_VERSION}`,
      });
    } else version = v;
  }
  const hide = (raw.hide ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known = new Set<string>(PARAM_TABLE.map((r) => r.key));
  const unknownHidden = hide.filter((h) => !known.has(h));
  if (unknownHidden.length) {
    // chart names are a common slip: hide= hides controls, view= picks the charts
    const charts = unknownHidden.filter(isChartId);
    const problem =
      charts.length === unknownHidden.length
        ? `hide: '${charts.join(',')}' ${charts.length > 1 ? 'are charts' : 'is a chart'}, not a control; ignored (view= picks the charts shown)`
        : `hide: unknown control '${unknownHidden.join(',')}' ignored`;
    notices.push({ key: 'hide', problem, message: problem });
  }
  let charts = [...DEFAULT_CHARTS];
  if (Object.hasOwn(raw, 'view')) {
    const asked = raw.view
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = asked.filter((c) => !isChartId(c));
    const good = [...new Set(asked.filter(isChartId))];
    if (bad.length || !good.length) {
      const problem = `view: ${bad.length ? `unknown chart '${bad.join(',')}'` : 'no chart named'}; charts are ${CHART_IDS.join(', ')}`;
      notices.push({
        key: 'view',
        problem,
        message: `${problem}; showing ${(good.length ? good : charts).join(', ')}`,
      });
    }
    if (good.length) charts = good;
  }
  let large: ChartId | null = null;
  if (Object.hasOwn(raw, 'large')) {
    if (isChartId(raw.large) && charts.includes(raw.large)) large = raw.large;
    else {
      const problem = isChartId(raw.large)
        ? `large: '${raw.large}' is not among the charts shown (view=${charts.join(',')})`
        : `large: unknown chart '${raw.large}'; charts are ${CHART_IDS.join(', ')}`;
      notices.push({ key: 'large', problem, message: `${problem}; no chart drawn large` });
    }
  }
  if (Object.hasOwn(raw, 'present') && raw.present !== '1' && raw.present !== '0')
    notices.push({
      key: 'present',
      problem: `present: '${raw.present}' is not 0 or 1`,
      message: `present: '${raw.present}' is not 0 or 1; using 0`,
    });
  if (Object.hasOwn(raw, 'theory') && !isTheoryView(raw.theory))
    notices.push({
      key: 'theory',
      problem: `theory: '${raw.theory}' is not one of ${THEORY_VIEWS.join(', ')}`,
      message: `theory: '${raw.theory}' is not one of ${THEORY_VIEWS.join(', ')}; using ${DEFAULT_THEORY_VIEW}`,
    });
  const pins = readPins(sp.getAll('pin'), notices);
  const view: ViewOptions = {
    charts,
    large,
    hide: hide.filter((h) => known.has(h)),
    present: raw.present === '1',
    theory: Object.hasOwn(raw, 'theory') && isTheoryView(raw.theory) ? raw.theory : DEFAULT_THEORY_VIEW,
    pins,
  };
  const paramRaw = dict<string>();
  for (const [k, v] of Object.entries(migrate(raw, version))) if (!VIEW_KEYS.has(k)) paramRaw[k] = v;
  return { paramRaw, view, notices };
}

export type PinRead = { ok: true; query: string; params: EngineParams } | { ok: false; problem: string };

/**
 * A pinned run from a link: a full URL or just its query. Only its parameters count (its view options and its own
 * pins are not part of the run); a link with any bad or unknown parameter is refused, since the pin would not be
 * the run the link's author saw. `query` is the canonical form (formatQuery of the parameters).
 */
export function readPinLink(text: string): PinRead {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'the link is empty' };
  const at = trimmed.indexOf('?');
  const search = (at >= 0 ? trimmed.slice(at + 1) : trimmed).split('#')[0];
  if (!search.includes('='))
    return { ok: false, problem: `'${clip(trimmed)}' has no parameters (no key=value)` };
  const inner = splitQuery(search);
  const resolved = resolveParams(inner.paramRaw);
  const problems = [...inner.notices, ...resolved.notices];
  if (problems.length) return { ok: false, problem: problems.map((n) => n.problem).join('; ') };
  return { ok: true, query: formatQuery(resolved.params), params: resolved.params };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** The pin= values of a link: each read by readPinLink; bad, repeated and surplus pins are dropped with a notice. */
function readPins(values: string[], notices: Notice[]): string[] {
  const pins: string[] = [];
  values.forEach((value, k) => {
    const read = readPinLink(value);
    const problem = !read.ok
      ? `pin ${k + 1} ('${clip(value)}'): ${read.problem}`
      : pins.includes(read.query)
        ? `pin ${k + 1} repeats an earlier pin`
        : pins.length >= PIN_MAX
          ? `pin ${k + 1}: at most ${PIN_MAX} pins are kept`
          : null;
    if (problem) notices.push({ key: 'pin', problem, message: `${problem}; dropped` });
    else if (read.ok) pins.push(read.query);
  });
  return pins;
}

/** A pin's query as a pin= value: '&' escaped, '=' and ',' left readable (URLSearchParams reads them back). */
export function formatPinValue(query: string): string {
  const bare = query.startsWith('?') ? query.slice(1) : query;
  return encodeURIComponent(bare).replace(/%3D/g, '=');
}

/** Drops trailing repeats: a shorter list repeats its last value, so [1, 1] is written "1". */
export function shortestList(list: readonly number[]): number[] {
  let end = list.length;
  while (end > 1 && list[end - 1] === list[end - 2]) end--;
  return list.slice(0, end);
}

/** The canonical query string: v=1 first, then non-default parameters in table order, then view options. */
export function formatQuery(params: EngineParams, view: Partial<ViewOptions> = DEFAULT_VIEW): string {
  const defaults = defaultParams() as unknown as Record<string, ParamValue>;
  const values = params as unknown as Record<string, ParamValue>;
  const parts: string[] = [`v=${URL_VERSION}`];
  for (const row of PARAM_TABLE) {
    const value = row.kind === 'list' ? shortestList(values[row.key] as number[]) : values[row.key];
    const fallback = row.kind === 'list' ? shortestList(defaults[row.key] as number[]) : defaults[row.key];
    if (!sameValue(value, fallback)) parts.push(`${row.key}=${encodeURIComponent(formatValue(row, value))}`);
  }
  if (view.charts && !sameCharts(view.charts, DEFAULT_CHARTS)) parts.push(`view=${view.charts.join(',')}`);
  if (view.large) parts.push(`large=${view.large}`);
  if (view.hide?.length) parts.push(`hide=${encodeURIComponent(view.hide.join(','))}`);
  if (view.present) parts.push('present=1');
  if (view.theory && view.theory !== DEFAULT_THEORY_VIEW) parts.push(`theory=${view.theory}`);
  for (const pin of view.pins ?? []) parts.push(`pin=${formatPinValue(pin)}`);
  // commas are safe in a query and far more readable than %2C
  return '?' + parts.join('&').replace(/%2C/g, ',');
}
