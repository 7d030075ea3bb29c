// "Charts": which charts the dashboard shows, in which order, and which one is drawn large (view= and large= in the
// link). May import: react, state/url (chart ids), ./store-context.
import { CHART_IDS, type ChartId } from '../state/url';
import { useAppStore } from './store-context';

export const CHART_LABEL: Record<ChartId, string> = {
  loss: 'Loss',
  modes: 'Mode convergence',
  agreement: 'Agreement with BPTT',
  rank: 'Rank of learned changes',
  stability: 'Convergence rate on the manifold',
  phase: 'Phase portrait',
};

export function ChartsMenu() {
  const charts = useAppStore((s) => s.view.charts);
  const large = useAppStore((s) => s.view.large);
  const setCharts = useAppStore((s) => s.setCharts);
  const toggle = (id: ChartId, on: boolean) => {
    // keep the default order, so a chart switched off and on comes back in its place
    const next = CHART_IDS.filter((c) => (c === id ? on : charts.includes(c)));
    if (next.length) setCharts(next, large);
  };
  return (
    <details className="menu charts-menu">
      <summary data-testid="charts-menu">Charts</summary>
      <div className="menu-body">
        <fieldset>
          <legend>Shown</legend>
          {CHART_IDS.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                data-testid={`show-chart-${id}`}
                checked={charts.includes(id)}
                disabled={charts.length === 1 && charts.includes(id)}
                onChange={(e) => toggle(id, e.target.checked)}
              />{' '}
              {CHART_LABEL[id]}
            </label>
          ))}
        </fieldset>
        <label>
          Large{' '}
          <select
            data-testid="large-select"
            value={large ?? ''}
            onChange={(e) => setCharts(charts, (e.target.value || null) as ChartId | null)}
          >
            <option value="">none</option>
            {charts.map((id) => (
              <option key={id} value={id}>
                {CHART_LABEL[id]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </details>
  );
}
