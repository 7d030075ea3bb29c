// The run-file reader names the field of every corruption that used to blank the page, and over generated
/* eslint-disable @typescript-eslint/no-explicit-any -- corruptions reach into an untyped JSON tree on purpose */
// corruptions it never throws anything but a RunFileError (fast-check). The valid file comes from a real run.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../src/engine/history';
import { buildRunFile, trainAndRecord } from '../../src/engine/run-builder';
import { parseRunFile, RunFileError, serializeRunFile } from '../../src/engine/run-file';
import { Simulation } from '../../src/engine/simulation';
import { readRunFile } from '../../src/state/run-file-view';
import { params, withBackend } from './helpers';

withBackend();

let valid: Record<string, unknown>;
beforeAll(() => {
  const sim = new Simulation(params({ rules: ['bptt', 'rflo'], steps: 30, every: 10 }));
  const rec = trainAndRecord(sim, new HistoryRecorder(sim.runs.length));
  valid = JSON.parse(serializeRunFile(buildRunFile(sim, rec, 'test')));
  sim.dispose();
});

const corrupt = (edit: (f: any) => void): string => {
  const f = structuredClone(valid);
  edit(f);
  return JSON.stringify(f);
};

describe('run-file checks', () => {
  it('reads the valid file', () => expect(() => parseRunFile(JSON.stringify(valid))).not.toThrow());

  it.each([
    [
      'history.b missing',
      (f: any) => delete f.runs[0].history.b,
      /runs\[0\]\.history\.b must be an array, got undefined/,
    ],
    [
      'history.b short',
      (f: any) => f.runs[0].history.b.pop(),
      /runs\[0\]\.history\.b: 3 records, expected 4/,
    ],
    [
      'history.a records null',
      (f: any) => (f.runs[0].history.a = f.runs[0].history.a.map(() => null)),
      /history\.a\[0\] must be an array of numbers, got null/,
    ],
    [
      'spectrum "abc"',
      (f: any) => (f.runs[1].spectrum = 'abc'),
      /runs\[1\]\.spectrum must be null or \{step, W: numbers, B: numbers\}, got the string "abc"/,
    ],
    ['spectrum {}', (f: any) => (f.runs[1].spectrum = {}), /runs\[1\]\.spectrum must be null/],
    ['spectrum 5', (f: any) => (f.runs[1].spectrum = 5), /runs\[1\]\.spectrum must be null.*number 5/],
    [
      'a teacher row of strings',
      (f: any) => (f.teacher.W[1] = ['x']),
      /^teacher\.W\[1\]\[0\] must be a number or null, got the string "x"$/,
    ],
    [
      'an unknown rule',
      (f: any) => (f.runs[1].rule = 'sgd'),
      /^runs\[1\]\.rule: the string "sgd" is not a rule/,
    ],
    ['no runs', (f: any) => (f.runs = []), /^runs must hold at least one run$/],
    ['version "1"', (f: any) => (f.version = '1'), /^"version" must be the number 1, got the string "1"$/],
    [
      'diverged "yes"',
      (f: any) => (f.runs[0].diverged = 'yes'),
      /runs\[0\]\.diverged must be null or \{step, reason\}, got the string "yes"/,
    ],
    [
      'steps of 1e308',
      (f: any) => (f.runs[0].history.step[3] = 1e308),
      /history\.step\[3\]: number 1e\+308 is not a step/,
    ],
  ])('%s: refused with the field named', (_name, edit, message) => {
    const text = corrupt(edit);
    expect(() => parseRunFile(text)).toThrow(RunFileError);
    expect(() => parseRunFile(text)).toThrow(message);
    const read = readRunFile(text);
    expect(read.ok).toBe(false);
  });

  it('1000 generated corruptions: a valid file or a RunFileError naming what is wrong, never another exception', () => {
    const paths = (o: unknown, prefix: string[] = []): string[][] =>
      o && typeof o === 'object'
        ? Object.entries(o).flatMap(([k, v]) => [
            [...prefix, k],
            ...(prefix.length < 4 ? paths(v, [...prefix, k]) : []),
          ])
        : [];
    const all = paths(valid);
    const garbage = fc.oneof(
      fc.constantFrom(null, 'abc', 5, -1, 1e308, NaN, Infinity, [], {}, [null], [[1, 'x']], true),
      fc.string({ maxLength: 6 }),
      fc.double(),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.oneof(fc.constant('delete' as const), garbage),
        (path, value) => {
          const f: any = structuredClone(valid);
          let at = f;
          for (const k of path.slice(0, -1)) at = at[k];
          if (value === 'delete') delete at[path.at(-1)!];
          else at[path.at(-1)!] = value;
          try {
            parseRunFile(JSON.stringify(f));
            const read = readRunFile(JSON.stringify(f));
            expect(typeof read.ok).toBe('boolean');
          } catch (err) {
            expect(err).toBeInstanceOf(RunFileError);
            expect((err as Error).message).not.toMatch(/undefined: undefined|Cannot read/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
