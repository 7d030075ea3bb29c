// The data-table view of a chart: every named series of the figure as rows of (x, y), for screen readers and for
// reading exact values. May import: react, ../plot/plotly-types, ../rule-style, engine types.
import type { RuleId } from '../../engine/params';
import type { Figure } from '../plot/plotly-types';
import { ruleLabel } from '../rule-style';

/** At most this many rows per series (evenly thinned, first and last kept): a table, not a dump. */
const MAX_ROWS = 60;

function thin<T>(xs: T[]): { item: T; index: number }[] {
  if (xs.length <= MAX_ROWS) return xs.map((item, index) => ({ item, index }));
  const step = (xs.length - 1) / (MAX_ROWS - 1);
  return Array.from({ length: MAX_ROWS }, (_, k) => Math.round(k * step)).map((index) => ({
    item: xs[index],
    index,
  }));
}

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '–'
    : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)
      ? v.toExponential(3)
      : String(+v.toPrecision(5));

export function FigureTable({ figure, title, name }: { figure: Figure; title: string; name: string }) {
  // series with a name and data; band edges and hidden helpers are not series a reader wants
  const series = figure.data.filter(
    (t) => t.name && t.x.length > 0 && t.meta?.role !== 'band-lo' && t.meta?.role !== 'band-hi',
  );
  return (
    <div className="figure-table" data-testid={`${name}-table`}>
      {series.length === 0 && <p>No data yet: the table fills once training starts.</p>}
      {series.map((t, k) => (
        <table key={k}>
          <caption>
            {title}: {t.name}
            {/* a pin's lines share its name: the rule tells them apart (the chart does it by colour) */}
            {t.meta?.role === 'ghost' && t.meta.rule ? `, ${ruleLabel(t.meta.rule as RuleId)}` : ''}
            {t.meta?.panel ? ` (${t.meta.panel})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">x</th>
              <th scope="col">y</th>
            </tr>
          </thead>
          <tbody>
            {thin(t.x).map(({ item, index }) => (
              <tr key={index}>
                <th scope="row">{fmt(item)}</th>
                <td>{fmt(t.y[index])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
