// The per-rule summary table over seeds: converged count (criterion stated), final loss median, effective rank.
// May import: ./summary, ./rule-style, ./store-context.
import { useMemo } from 'react';
import { CONVERGED_FRACTION, finalLossText, summarize } from './summary';
import { ruleLabel } from './rule-style';
import { RuleSwatch } from './RuleSwatch';
import { useAppStore } from './store-context';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  0: '⁰',
  1: '¹',
  2: '²',
  3: '³',
  4: '⁴',
  5: '⁵',
  6: '⁶',
  7: '⁷',
  8: '⁸',
  9: '⁹',
};

/** 1e-3 → "10⁻³" */
export const powerOfTen = (v: number) =>
  `10${[...String(Math.round(Math.log10(v)))].map((c) => SUPERSCRIPT[c]).join('')}`;

export function SummaryTable() {
  const runs = useAppStore((s) => s.runs);
  const histories = useAppStore((s) => s.histories);
  const divergences = useAppStore((s) => s.divergences);
  const params = useAppStore((s) => s.params);
  // the store replaces the histories array whenever its records grow, so it is the dependency
  const rows = useMemo(() => summarize(runs, histories, divergences), [runs, histories, divergences]);
  const perRule = rows[0]?.runs ?? 0;
  return (
    <section className="summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary per rule</h2>
      <table data-testid="summary-table">
        <caption>
          Over {perRule} seed{perRule === 1 ? '' : 's'} per rule, at the latest recorded step. Converged:
          final loss below {powerOfTen(CONVERGED_FRACTION)} × the initial loss. A diverged run has no final
          value.
        </caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Converged</th>
            <th scope="col">Diverged</th>
            <th scope="col">Final loss (median)</th>
            <th scope="col">Effective rank of ΔW (mean ± sd)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.rule}>
              <th scope="row">
                <RuleSwatch rule={r.rule} /> {ruleLabel(r.rule, params)}
              </th>
              <td>
                {r.converged} / {r.runs}
              </td>
              <td>{r.diverged}</td>
              <td data-testid={`final-loss-${r.rule}`}>{finalLossText(r)}</td>
              <td>
                {r.effRankMean === null
                  ? '—'
                  : `${r.effRankMean.toFixed(2)} ± ${(r.effRankSd ?? 0).toFixed(2)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
