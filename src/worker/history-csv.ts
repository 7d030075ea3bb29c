// Recorded histories as CSV (long format: one row per run and recorded step), for spreadsheets and pandas.
// May import: engine types only (pure; used by the worker for live runs and the UI for loaded run files).
import type { RunHistory } from '../engine/history';

const SCALAR_COLUMNS = [
  'loss',
  'cosBptt',
  'cosAR',
  'rankW',
  'effRankW',
  'rankB',
  'effRankB',
  'residualR',
  'alignA',
  'alignW',
  'alignB',
  'asymW',
  'commB',
  'commA',
  'io',
] as const satisfies readonly (keyof RunHistory)[];

const cell = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);

/** CSV text with header rule,seed,step,<metrics>,a1..am,b1..bm,w1..wm; empty cells where a value is missing. */
export function historiesToCsv(runs: { rule: string; seed: number }[], histories: RunHistory[]): string {
  const modes = Math.max(0, ...histories.map((h) => (h.a.length ? h.a[0].length : 0)));
  const modeHeader = (name: string) => Array.from({ length: modes }, (_, k) => `${name}${k + 1}`);
  const header = [
    'rule',
    'seed',
    'step',
    ...SCALAR_COLUMNS,
    ...modeHeader('a'),
    ...modeHeader('b'),
    ...modeHeader('w'),
  ];
  const lines = [header.join(',')];
  histories.forEach((h, r) => {
    const hasModes = h.a.length === h.step.length;
    for (let k = 0; k < h.step.length; k++) {
      const perMode = (rows: number[][]) =>
        Array.from({ length: modes }, (_, m) => cell(hasModes ? rows[k][m] : null));
      lines.push(
        [
          runs[r].rule,
          String(runs[r].seed),
          String(h.step[k]),
          ...SCALAR_COLUMNS.map((c) => cell(h[c][k])),
          ...perMode(h.a),
          ...perMode(h.b),
          ...perMode(h.w),
        ].join(','),
      );
    }
  });
  return lines.join('\n') + '\n';
}
