// Property tests of the link codec over generated queries (fast-check): parsing never throws, every value it
// drops or replaces has a notice naming its key, and parse ∘ format is the identity on what parsing returns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseValue, type ParamRow, sameValue } from '../../src/state/param-codecs';
import { isParamKey, PARAM_TABLE, ROWS } from '../../src/state/params';
import { shortestList } from '../../src/state/url';
import { formatQuery, parseQuery, VIEW_KEYS } from '../../src/state/url';

const RUNS = 3000;

const PROTOTYPE_NAMES = [
  'toString',
  'constructor',
  '__proto__',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
];
const KEYS = [...PARAM_TABLE.map((r) => r.key), ...VIEW_KEYS, ...PROTOTYPE_NAMES];

/** Values near what a link holds (numbers, lists, enum options) and garbage. */
const value = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '1',
    '-1',
    '2',
    '0.5',
    '1e308',
    '-1e-9',
    'NaN',
    'Infinity',
    '1,2,3',
    '0.2,0.4',
    ',',
    '%',
  ),
  fc.constantFrom(...PARAM_TABLE.flatMap((r) => ('options' in r ? [...r.options, r.options.join(',')] : []))),
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -10, max: 300 }).map(String),
  fc.string({ maxLength: 12 }),
);
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }));
const query = fc.array(fc.tuple(key, value), { maxLength: 12 }).map((pairs) => {
  const sp = new URLSearchParams();
  for (const [k, v] of pairs) sp.append(k, v);
  return { pairs, search: '?' + sp.toString() };
});

const canonical = (row: ParamRow, v: unknown) => (row.kind === 'list' ? shortestList(v as number[]) : v);

describe('link codec properties', () => {
  it(`never throws, and every dropped or replaced value has a notice naming its key (${RUNS} queries)`, () => {
    fc.assert(
      fc.property(query, ({ pairs, search }) => {
        const { params, notices } = parseQuery(search);
        const noticed = new Set(notices.map((n) => n.key));
        const last = new Map(pairs.map(([k, v]) => [k, v]));
        const values = params as unknown as Record<string, unknown>;
        for (const [k, v] of last) {
          if (VIEW_KEYS.has(k)) continue;
          if (!isParamKey(k)) {
            expect(noticed.has(k), `unknown '${k}' has a notice`).toBe(true);
            continue;
          }
          const row = ROWS[k];
          const parsed = parseValue(row, v);
          if (!parsed.ok) {
            expect(noticed.has(k), `refused ${k}='${v}' has a notice`).toBe(true);
            continue;
          }
          // per-mode lists are fitted to `modes` silently (documented shorthand) and off the aligned task
          if (row.kind === 'list') continue;
          const kept = sameValue(canonical(row, values[k]) as never, canonical(row, parsed.value) as never);
          // a smaller T (work budget, truncation ≤ T) also lowers truncation: the T notice covers it
          const covered = noticed.has(k) || (k === 'truncation' && noticed.has('T'));
          if (!kept)
            expect(covered, `${k}='${v}' became ${JSON.stringify(values[k])} without a notice`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`parse(format(p)) = p and format is canonical, for whatever parsing returns (${RUNS} queries)`, () => {
    fc.assert(
      fc.property(query, ({ search }) => {
        const first = parseQuery(search);
        const text = formatQuery(first.params, first.view);
        const again = parseQuery(text);
        expect(again.notices).toEqual([]);
        expect(again.params).toEqual(first.params);
        expect(again.view).toEqual(first.view);
        expect(formatQuery(again.params, again.view)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});
