// Typed rows of the parameter table and their total string codecs (parse never throws, format round-trips).
// Imports nothing (plain TS).

interface RowBase {
  key: string;
  /** label shown next to the control, with the THEORY symbol */
  label: string;
  symbol?: string;
  group: 'task' | 'aligned' | 'random' | 'rules' | 'training' | 'analysis';
  help: string;
  /** only meaningful for this task (controls hide otherwise) */
  task?: 'aligned' | 'random';
}
export interface IntRow extends RowBase {
  kind: 'int';
  default: number;
  min: number;
  max: number;
}
export interface FloatRow extends RowBase {
  kind: 'float';
  default: number;
  min: number;
  max: number;
  /** the lower bound itself is not allowed (e.g. lr > 0) */
  minExclusive?: boolean;
}
export interface EnumRow extends RowBase {
  kind: 'enum';
  default: string;
  options: readonly string[];
}
export interface SetRow extends RowBase {
  kind: 'set';
  default: readonly string[];
  options: readonly string[];
}
/** one number per mode; a shorter list repeats its last value */
export interface ListRow extends RowBase {
  kind: 'list';
  default: readonly number[];
  min: number;
  max: number;
}
export type ParamRow = IntRow | FloatRow | EnumRow | SetRow | ListRow;
export type ParamValue = number | string | string[] | number[];

export type Parsed<V> = { ok: true; value: V; note?: string } | { ok: false; reason: string };

/** Strict number syntax: rejects '', '1e', '0x10', 'NaN', 'Infinity', '1,5' (Number('') is 0, +x lets NaN through). */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function parseNumber(raw: string): number | null {
  const s = raw.trim();
  if (!NUMBER.test(s)) return null;
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  // '-0' is 0: a link writes it as "0" (String(-0)), so keeping -0 would break the round trip
  return v === 0 ? 0 : v;
}

export function describeAllowed(row: ParamRow): string {
  switch (row.kind) {
    case 'int':
      return `a whole number from ${row.min} to ${row.max}`;
    case 'float':
      return `a number ${row.minExclusive ? '>' : '≥'} ${row.min} and ≤ ${row.max}`;
    case 'enum':
      return `one of ${row.options.join(', ')}`;
    case 'set':
      return `a comma list of ${row.options.join(', ')} (at least one)`;
    case 'list':
      return `a comma list of numbers from ${row.min} to ${row.max}, one per mode`;
  }
}

function inRange(row: IntRow | FloatRow | ListRow, v: number): boolean {
  const aboveMin = row.kind === 'float' && row.minExclusive ? v > row.min : v >= row.min;
  return aboveMin && v <= row.max;
}

/** Parses one raw string for a row; failures say why (callers decide between default and error). */
export function parseValue(row: ParamRow, raw: string): Parsed<ParamValue> {
  const bad = (what: string): Parsed<ParamValue> => ({
    ok: false,
    reason: `${what}; allowed: ${describeAllowed(row)}`,
  });
  switch (row.kind) {
    case 'int':
    case 'float': {
      const v = parseNumber(raw);
      if (v === null) return bad(`'${raw}' is not a number`);
      if (row.kind === 'int' && !Number.isInteger(v)) return bad(`'${raw}' is not a whole number`);
      if (!inRange(row, v)) return bad(`${v} is out of range`);
      return { ok: true, value: v };
    }
    case 'enum':
      return row.options.includes(raw.trim())
        ? { ok: true, value: raw.trim() }
        : bad(`'${raw}' is not an option`);
    case 'set': {
      const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = items.filter((s) => !row.options.includes(s));
      if (unknown.length) return bad(`'${unknown.join(',')}' not recognised`);
      if (!items.length) return bad('empty list');
      // canonical order and no repeats, so equal sets give equal URLs
      return { ok: true, value: row.options.filter((o) => items.includes(o)) };
    }
    case 'list': {
      const items = raw.split(',').map((s) => s.trim());
      const values = items.map(parseNumber);
      const badIdx = values.findIndex((v) => v === null);
      if (badIdx >= 0) return bad(`'${items[badIdx]}' is not a number`);
      const outside = (values as number[]).find((v) => !inRange(row, v));
      if (outside !== undefined) return bad(`${outside} is out of range`);
      return { ok: true, value: values as number[] };
    }
  }
}

/** The canonical string of a value (what the URL and CLI show); parseValue(format(v)) returns v. */
export function formatValue(_row: ParamRow, value: ParamValue): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  return String(value);
}

export function sameValue(x: ParamValue, y: ParamValue): boolean {
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, k) => v === y[k]);
  return x === y;
}
