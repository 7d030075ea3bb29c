// The CLI's summary table: one row per rule (aggregated over seeds): final loss, ranks, divergences.
// Imports engine types only.
import type { RunFile } from '../engine/run-file';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) =>
  xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)) : 0;
const last = <T>(xs: T[]) => xs[xs.length - 1];
const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : '—');

export function summaryTable(file: RunFile): string {
  const rules = [...new Set(file.runs.map((r) => r.rule))];
  const header = [
    'rule',
    'runs',
    'final loss (median)',
    'rank ΔW',
    'eff. rank ΔW (mean ± sd)',
    'rank ΔB',
    'diverged',
  ];
  const rows = rules.map((rule) => {
    const runs = file.runs.filter((r) => r.rule === rule);
    // a diverged run has no final value (its history ends before the blow-up): its last loss is left out
    const kept = runs.filter((r) => !r.diverged);
    const losses = kept.map((r) => last(r.history.loss)).filter((x): x is number => x !== null);
    const ranks = runs.map((r) => last(r.history.rankW)).filter((x): x is number => x !== null);
    const eff = runs.map((r) => last(r.history.effRankW)).filter((x): x is number => x !== null);
    const ranksB = runs.map((r) => last(r.history.rankB)).filter((x): x is number => x !== null);
    const diverged = runs.filter((r) => r.diverged);
    return [
      rule,
      String(runs.length),
      kept.length
        ? fmt(median(losses))
        : `diverged at step ${Math.min(...runs.map((r) => r.diverged!.step))}`,
      ranks.length ? `${Math.min(...ranks)}–${Math.max(...ranks)}`.replace(/^(\d+)–\1$/, '$1') : '—',
      eff.length ? `${fmt(mean(eff))} ± ${fmt(sd(eff), 2)}` : '—',
      ranksB.length ? `${Math.min(...ranksB)}–${Math.max(...ranksB)}`.replace(/^(\d+)–\1$/, '$1') : '—',
      diverged.length
        ? `${diverged.length} (first at step ${Math.min(...diverged.map((r) => r.diverged!.step))})`
        : '0',
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
