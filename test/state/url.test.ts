// The URL codec against the parameter table: round trips for many parameter sets, defaults omitted, and every
// class of bad value yields the right notice and a sane value. May import: vitest, src/state, src/engine (Rng).
import { describe, expect, it } from 'vitest';
import type { EngineParams } from '../../src/engine/params';
import { Rng } from '../../src/engine/rng';
import type { ParamRow } from '../../src/state/param-codecs';
import { PARAM_TABLE } from '../../src/state/params';
import { applyConstraints, resolveParams } from '../../src/state/resolve';
import { DEFAULT_VIEW, formatQuery, parseQuery, THEORY_VIEWS } from '../../src/state/url';

const DEFAULTS = resolveParams({}).params;

/** A valid parameter set drawn from the table's ranges (seeded; numbers with few digits, as people type). */
function randomParams(rng: Rng): EngineParams {
  const out: Record<string, unknown> = {};
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.uniform() * xs.length)];
  const between = (lo: number, hi: number) => lo + rng.uniform() * (hi - lo);
  const modes = 1 + Math.floor(rng.uniform() * 4);
  for (const row of PARAM_TABLE as readonly ParamRow[]) {
    switch (row.kind) {
      case 'int':
        // small sizes so the work budget does not step in
        out[row.key] = Math.round(between(row.min, Math.min(row.max, row.min + 40)));
        break;
      case 'float': {
        const v = Math.max(row.min, Math.min(row.max, Number(between(row.min, row.max).toPrecision(3))));
        out[row.key] = row.minExclusive && v <= row.min ? row.max : v;
        break;
      }
      case 'enum':
        out[row.key] = pick(row.options);
        break;
      case 'set': {
        const chosen = row.options.filter(() => rng.uniform() < 0.5);
        out[row.key] = chosen.length ? chosen : [row.options[0]];
        break;
      }
      case 'list':
        // rounding may step past a bound (−0.9989 → −1): clamp after it
        out[row.key] = Array.from({ length: modes }, () =>
          Math.min(row.max, Math.max(row.min, Number(between(row.min, row.max).toPrecision(2)))),
        );
        break;
    }
  }
  const p = out as unknown as EngineParams;
  p.n = p.i = p.o = 4;
  p.modes = modes;
  return applyConstraints(p, []);
}

describe('keys named like Object.prototype members', () => {
  it.each([
    'toString',
    'constructor',
    'valueOf',
    'hasOwnProperty',
    '__proto__',
    'isPrototypeOf',
    'toLocaleString',
  ])(
    '?v=1&%s=1 is an unknown parameter like any other: a notice, defaults kept, nothing inherited',
    (key) => {
      const { params, notices, view } = parseQuery(`?v=1&${key}=1`);
      expect(notices).toEqual([
        { key, problem: `unknown parameter '${key}' ignored`, message: `unknown parameter '${key}' ignored` },
      ]);
      expect(params).toEqual(parseQuery('?v=1').params);
      expect(view).toEqual(DEFAULT_VIEW);
      expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    },
  );

  it('a prototype-named key next to real ones leaves them intact, and is not taken for a repeat', () => {
    const { params, notices } = parseQuery('?v=1&lr=0.2&constructor=x&T=7&toString=');
    expect(params.lr).toBe(0.2);
    expect(params.T).toBe(7);
    expect(notices.map((n) => n.key)).toEqual(['constructor', 'toString']);
    expect(notices.some((n) => /given twice/.test(n.message))).toBe(false);
  });
});

describe('formatQuery / parseQuery round trip', () => {
  it('defaults give just v=1 and parse back to the defaults with no notices', () => {
    expect(formatQuery(DEFAULTS)).toBe('?v=1');
    const parsed = parseQuery('?v=1');
    expect(parsed.params).toEqual(DEFAULTS);
    expect(parsed.notices).toEqual([]);
    expect(parsed.view).toEqual({ ...DEFAULT_VIEW, hide: [], present: false, theory: 'map' });
  });

  it("'-0' reads as 0, so the link it makes is the link it came from", () => {
    const parsed = parseQuery('?v=1&aHat=-0');
    expect(Object.is(parsed.params.aHat[0], -0)).toBe(false);
    const again = parseQuery(formatQuery(parsed.params));
    expect(again.params).toEqual(parsed.params);
  });

  it('reproduces 200 random parameter sets exactly, with no notices', () => {
    const rng = new Rng(7, 'url-test');
    for (let k = 0; k < 200; k++) {
      const p = randomParams(rng);
      const query = formatQuery(p);
      const back = parseQuery(query);
      expect(back.notices, query).toEqual([]);
      expect(back.params, query).toEqual(p);
      // and the canonical form is a fixed point
      expect(formatQuery(back.params)).toBe(query);
    }
  });

  it('omits exactly the parameters that equal their defaults', () => {
    const p = { ...structuredClone(DEFAULTS), lr: 0.1, rules: ['bptt' as const], T: DEFAULTS.T };
    const keys = [...new URLSearchParams(formatQuery(p).slice(1)).keys()];
    expect(keys).toEqual(['v', 'rules', 'lr']);
  });

  it('keeps view options (hide, present) through a round trip', () => {
    const query = formatQuery(DEFAULTS, { hide: ['lr', 'seed'], present: true });
    expect(query).toBe('?v=1&hide=lr,seed&present=1');
    expect(parseQuery(query).view).toEqual({
      ...DEFAULT_VIEW,
      hide: ['lr', 'seed'],
      present: true,
      theory: 'map',
    });
  });

  it('keeps the theory overlay choice (theory=off|ode), omitting the default map', () => {
    for (const theory of THEORY_VIEWS) {
      const query = formatQuery(DEFAULTS, { hide: [], present: false, theory });
      expect(query).toBe(theory === 'map' ? '?v=1' : `?v=1&theory=${theory}`);
      const back = parseQuery(query);
      expect(back.view.theory).toBe(theory);
      expect(back.notices).toEqual([]);
      expect(back.params).toEqual(DEFAULTS);
    }
    // explicit default is accepted too, and written back without it
    expect(parseQuery('?v=1&theory=map').view.theory).toBe('map');
    expect(formatQuery(DEFAULTS, { ...DEFAULT_VIEW, theory: 'ode', present: true })).toBe(
      '?v=1&present=1&theory=ode',
    );
  });

  it('keeps pinned runs (pin=, repeated) after the other view options, with the run itself unchanged', () => {
    const params = { ...DEFAULTS, lr: 0.05 };
    const view = { ...DEFAULT_VIEW, present: true, pins: ['?v=1&lr=0.02', '?v=1&seed=2&aStar=1,0.25'] };
    const query = formatQuery(params, view);
    expect(query).toBe('?v=1&lr=0.05&present=1&pin=v=1%26lr=0.02&pin=v=1%26seed=2%26aStar=1,0.25');
    const back = parseQuery(query);
    expect(back.notices).toEqual([]);
    expect(back.params).toEqual(params);
    expect(back.view).toEqual(view);
  });
});

describe('theory= (a view option): a bad value is one notice and the default map', () => {
  it.each([['ODE'], ['exact'], [''], ['1']])('theory=%s → map, with a notice naming the key', (value) => {
    const parsed = parseQuery(`?v=1&theory=${value}`);
    expect(parsed.view.theory).toBe('map');
    expect(parsed.notices).toHaveLength(1);
    expect(parsed.notices[0].key).toBe('theory');
    expect(parsed.notices[0].message).toContain(`'${value}'`);
    expect(parsed.notices[0].message).toMatch(/off, map, ode; using map/);
    // and it is not mistaken for a simulation parameter
    expect(parsed.params).toEqual(DEFAULTS);
  });
});

/** Parses one bad link; returns the notices for `key`, and the params. */
function bad(query: string, key: string) {
  const parsed = parseQuery(query);
  return { ...parsed, mine: parsed.notices.filter((n) => n.key === key) };
}

describe('bad links: each problem is one notice, and the value is a default or clamped', () => {
  it.each([
    ['malformed number', 'lr=abc', 'lr'],
    ["'1e'", 'T=1e', 'T'],
    ['NaN', 'lr=NaN', 'lr'],
    ['Infinity', 'steps=Infinity', 'steps'],
    ['-Infinity', 'seed=-Infinity', 'seed'],
    ['hex', 'n=0x10', 'n'],
    ['a comma decimal', 'lr=0,5', 'lr'],
    ['empty value', 'batch=', 'batch'],
    ['not a whole number', 'T=2.5', 'T'],
    ['below range', 'T=-5', 'T'],
    ['an excluded bound', 'lr=0', 'lr'],
    ['above range', 'what=1', 'what'],
    ['a huge size', 'n=1e9', 'n'],
    ['an unknown option', 'task=chaos', 'task'],
    ['an unknown rule', 'rules=bptt,nope', 'rules'],
    ['an empty rules set', 'rules=', 'rules'],
    ['a list with NaN', 'aStar=NaN', 'aStar'],
    ['a list out of range', 'wStar=0.5,1.5', 'wStar'],
  ])('%s (%s) → default, one notice naming the key', (_what, query, key) => {
    const { params, notices, mine } = bad(`?v=1&${query}`, key);
    expect(mine).toHaveLength(1);
    expect(notices).toHaveLength(1);
    expect(mine[0].message).toContain(key);
    expect(mine[0].message).toMatch(/using/);
    expect((params as unknown as Record<string, unknown>)[key]).toEqual(
      (DEFAULTS as unknown as Record<string, unknown>)[key],
    );
  });

  it('an unknown key is ignored with a notice', () => {
    const { params, mine } = bad('?v=1&bogus=1', 'bogus');
    expect(mine).toHaveLength(1);
    expect(mine[0].message).toContain("'bogus'");
    expect(params).toEqual(DEFAULTS);
    expect(params).not.toHaveProperty('bogus');
  });

  it('a duplicate key keeps the last value, with a notice', () => {
    const { params, mine } = bad('?v=1&lr=0.1&lr=0.2', 'lr');
    expect(mine).toHaveLength(1);
    expect(mine[0].message).toMatch(/twice/);
    expect(params.lr).toBe(0.2);
  });

  it('a list longer than the modes is cut, with a notice; a shorter one repeats its last value silently', () => {
    const long = bad('?v=1&modes=2&aStar=1,2,3', 'aStar');
    expect(long.mine).toHaveLength(1);
    expect(long.params.aStar).toEqual([1, 2]);
    const short = parseQuery('?v=1&modes=3&n=3&i=3&o=3&bStar=0.5');
    expect(short.notices).toEqual([]);
    expect(short.params.bStar).toEqual([0.5, 0.5, 0.5]);
  });

  it('more modes than min(n, i, o) are clamped', () => {
    const { params, mine } = bad('?v=1&n=3&i=2&o=5&modes=4', 'modes');
    expect(mine).toHaveLength(1);
    expect(params.modes).toBe(2);
    expect(params.aStar).toHaveLength(2);
  });

  it('a truncation beyond T is clamped to T', () => {
    const { params, mine } = bad('?v=1&T=5&truncation=9', 'truncation');
    expect(mine).toHaveLength(1);
    expect(params.truncation).toBe(5);
  });

  it('too much work for a laptop lowers seeds, with a notice', () => {
    const { params, notices } = parseQuery(
      '?v=1&n=128&i=1&o=1&modes=1&T=200&seeds=50&rules=bptt,tbptt,rflo,eprop&gradient=sampled&batch=1',
    );
    expect(notices.map((n) => n.key)).toEqual(['seeds']);
    expect(params.seeds).toBeLessThan(50);
    expect(params.seeds).toBeGreaterThanOrEqual(1);
    const work =
      params.seeds * params.rules.length * params.T * params.n * (params.n + params.i + params.batch);
    expect(work).toBeLessThanOrEqual(4e8);
  });

  it('bad hide and present values are reported and dropped', () => {
    const hide = bad('?v=1&hide=lr,bogus', 'hide');
    expect(hide.mine).toHaveLength(1);
    expect(hide.view.hide).toEqual(['lr']);
    const present = bad('?v=1&present=yes', 'present');
    expect(present.mine).toHaveLength(1);
    expect(present.view.present).toBe(false);
  });

  it('an unknown link version is read as v=1, with a notice', () => {
    const { params, mine } = bad('?v=7&lr=0.2', 'v');
    expect(mine).toHaveLength(1);
    expect(params.lr).toBe(0.2);
  });

  it('several problems give one notice each and the good values still apply', () => {
    const { params, notices } = parseQuery(
      '?v=1&lr=abc&T=-5&n=1e9&bogus=1&rules=bptt,nope&aStar=NaN&steps=200',
    );
    expect(notices.map((n) => n.key).sort()).toEqual(['T', 'aStar', 'bogus', 'lr', 'n', 'rules']);
    expect(params.steps).toBe(200);
  });
});

describe('per-mode lists the user did not give', () => {
  it('are fitted to fewer modes silently; a given list that is too long is still reported', () => {
    const quiet = parseQuery('?v=1&modes=1');
    expect(quiet.notices).toEqual([]);
    expect(quiet.params.aStar).toEqual([1]);
    expect(quiet.params.wStar).toEqual([0.5]);
    const loud = parseQuery('?v=1&modes=1&wStar=0.1,0.2');
    expect(loud.notices.map((n) => n.key)).toEqual(['wStar']);
    expect(loud.params.wStar).toEqual([0.1]);
  });
});

describe('chart view (view=, large=)', () => {
  it('reads the charts shown and the large one, writes them back, and leaves defaults out', () => {
    const { view, notices } = parseQuery('?v=1&view=modes,loss,phase&large=phase');
    expect(notices).toEqual([]);
    expect(view.charts).toEqual(['modes', 'loss', 'phase']);
    expect(view.large).toBe('phase');
    const text = formatQuery(parseQuery('?v=1').params, view);
    expect(text).toBe('?v=1&view=modes,loss,phase&large=phase');
    expect(formatQuery(parseQuery('?v=1').params, DEFAULT_VIEW)).toBe('?v=1');
  });

  it('names bad charts, a large chart not shown, and chart names given to hide=', () => {
    const bad = parseQuery('?v=1&view=loss,bogus&large=rank&hide=rank,phase');
    expect(bad.view.charts).toEqual(['loss']);
    expect(bad.view.large).toBeNull();
    expect(bad.view.hide).toEqual([]);
    expect(bad.notices.map((n) => n.message)).toEqual([
      "hide: 'rank,phase' are charts, not a control; ignored (view= picks the charts shown)",
      "view: unknown chart 'bogus'; charts are loss, modes, agreement, rank, stability, phase; showing loss",
      "large: 'rank' is not among the charts shown (view=loss); no chart drawn large",
    ]);
    expect(parseQuery('?v=1&view=').view.charts).toEqual(DEFAULT_VIEW.charts);
  });
});
