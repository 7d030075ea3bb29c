// Property test of the CLI's argument parser (fast-check): any argument array either parses or is a UsageError
// whose one line names a flag or parameter that was in the arguments; never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';
import { PARAM_TABLE } from '../../src/state/params';

const RUNS = 2000;
const NAMES = [
  ...PARAM_TABLE.map((r) => r.key),
  'query',
  'out',
  'threads',
  'help',
  'toString',
  'constructor',
  '__proto__',
  'valueOf',
];
const value = fc.oneof(
  fc.constantFrom('', '0', '1', '-1', '0.5', '1e308', 'NaN', 'bptt,rflo', 'v=1&lr=0.2', 'v=2', 'x.json', '-'),
  fc.string({ maxLength: 10 }),
);
const token = fc.oneof(
  fc.constantFrom(...NAMES).map((n) => `--${n}`),
  fc.tuple(fc.constantFrom(...NAMES), value).map(([n, v]) => `--${n}=${v}`),
  value,
  fc.string({ maxLength: 8 }).map((s) => `--${s}`),
);

describe('CLI argument properties', () => {
  it(`parses or refuses with one line, never throws anything else (${RUNS} argument arrays)`, () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
        try {
          const opts = parseArgs(argv);
          expect(opts.params.T).toBeGreaterThanOrEqual(1);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
          const message = (err as Error).message;
          expect(message).not.toContain('\n');
          expect(message.length).toBeGreaterThan(0);
          expect(message).not.toMatch(/undefined|\[object/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
