// The sweep view's components rendered to HTML: a phase diagram has one linked cell per grid point with its
// outcome and tooltip, the theory's boundaries as paths (RFLO only), and the panel's form, presets and CLI line.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTCOME_OPTIONS } from '../../../src/engine/sweep/outcome';
import { defaultParams } from '../../../src/state/params';
import { createAppStore } from '../../../src/state/store';
import { cellCount, parseGrid } from '../../../src/state/sweep-grid';
import { makeTable, type SweepRow } from '../../../src/state/sweep-table';
import { StoreContext } from '../../../src/ui/store-context';
import { rfloBoundaries } from '../../../src/state/sweep-boundaries';
import { PhaseMap } from '../../../src/ui/sweep/PhaseMap';
import { sweepView } from '../../../src/ui/sweep/phase-map';
import { SweepLegend } from '../../../src/ui/sweep/SweepLegend';
import { SweepPanel } from '../../../src/ui/sweep/SweepPanel';
import { FakeClient } from '../../state/fake-client';

const g = parseGrid('a0=-2:2:4,aHat=-1:1:3');
if (!g.ok) throw new Error(g.problem);
const grid = g.grid;
const base = { ...defaultParams(), rules: ['bptt' as const, 'rflo' as const] };
const rows: SweepRow[] = Array.from({ length: cellCount(grid) }, (_, cell) =>
  base.rules.map((rule) => ({
    cell,
    coords: [Math.floor(cell / 3), cell % 3],
    values: [[-2, -2 / 3, 2 / 3, 2][Math.floor(cell / 3)], [-1, 0, 1][cell % 3]],
    rule,
    seed: 1,
    outcome: cell % 2 ? ('converged' as const) : ('other-branch' as const),
    convergedStep: 10,
    initialLoss: 1,
    finalLoss: 1e-9,
    effRankW: 1,
    branch: null,
    divergedStep: null,
    query: `?v=1&c=${cell}`,
  })),
).flat();
const table = makeTable(grid, base, DEFAULT_OUTCOME_OPTIONS, rows);

describe('PhaseMap', () => {
  it('one link per cell, each to its run, with its outcome; RFLO’s boundaries as paths', () => {
    const view = sweepView(table, 'outcome');
    const bounds = rfloBoundaries(base, grid);
    const html = renderToStaticMarkup(<PhaseMap view={view} map={view.maps[1]} boundaries={bounds} />);
    expect(html.match(/data-testid="sweep-cell"/g)).toHaveLength(12);
    for (let c = 0; c < 12; c++) expect(html).toContain(`href="?v=1&amp;c=${c}"`);
    expect(html.match(/data-outcome="other-branch"/g)).toHaveLength(6);
    expect(html).toContain('data-testid="boundary-branch"');
    expect(html).toContain('data-testid="boundary-saddle"');
    expect(html).toContain('<title>rflo · a0 = -2, aHat = -1: other branch');
    const legend = renderToStaticMarkup(<SweepLegend view={view} boundaries={bounds} />);
    expect(legend).toContain('converged <span class="counts">(bptt 6, rflo 6)</span>');
    expect(legend).toContain('|s|³ &lt; p²/|â|');
  });
});

describe('SweepPanel', () => {
  it('renders the form with presets, rules and the CLI line for the default draft; no run without a worker', () => {
    const store = createAppStore({ client: new FakeClient(), search: '?v=1' });
    const html = renderToStaticMarkup(
      <StoreContext.Provider value={store}>
        <SweepPanel />
      </StoreContext.Provider>,
    );
    expect(html).toContain('data-testid="sweep-preset-rflo-basins"');
    expect(html).toContain('data-testid="sweep-rule-eprop"');
    expect(html).toContain('256 cells × 3 runs × 3000 steps');
    expect(html).toContain('npm run sweep -- --grid &quot;lr=0.005:0.1:16,aHat=-1:1:16&quot;');
    expect(html).toMatch(/data-testid="sweep-run" disabled=""/); // no SweepClientContext: nothing to run on
  });
});
