// The sweep view: pick one or two parameters, a range and a grid, the rules; train every cell in the sweep worker
// (one batched simulation, progress, cancel) or load a merged table; draw one phase diagram per rule with the
// theory's boundaries, each cell a link to its run. May import: react, ../store-context, ./*.
import { useMemo, useState } from 'react';
import { formatQuery } from '../../state/url';
import { useAppStore } from '../store-context';
import { loadFirstFile } from '../RunFilePanel';
import { PhaseMap } from './PhaseMap';
import { SWEEP_VALUES, type SweepValue, sweepView, VALUE_LABEL } from './phase-map';
import { cliCommand, DEFAULT_DRAFT, resolveDraft, type SweepDraft } from './sweep-form';
import { SweepForm } from './SweepForm';
import { SweepLegend } from './SweepLegend';
import { useBoundaries } from './use-boundaries';
import { useSweep } from './use-sweep';
import './sweep.css';

function statusText(s: ReturnType<typeof useSweep>['status']): string {
  switch (s.kind) {
    case 'idle':
      return '';
    case 'running': {
      const pct = s.total ? Math.round((100 * s.done) / s.total) : 0;
      return `Training… ${pct}% (${s.done} of ${s.total} steps)`;
    }
    case 'done':
      return `${s.source}${s.seconds !== null ? ` in ${s.seconds.toFixed(1)} s` : ''}.`;
    case 'error':
      return s.message;
  }
}

export function SweepPanel() {
  const params = useAppStore((s) => s.params);
  const sweep = useSweep();
  const [draft, setDraft] = useState<SweepDraft>(DEFAULT_DRAFT);
  const [value, setValue] = useState<SweepValue>('outcome');
  const resolved = useMemo(() => resolveDraft(draft, params), [draft, params]);
  const running = sweep.status.kind === 'running';

  const view = useMemo(() => (sweep.table ? sweepView(sweep.table, value) : null), [sweep.table, value]);
  const boundaries = useBoundaries(sweep.table?.base ?? null, sweep.table?.grid ?? null);

  return (
    <section className="sweep-panel" aria-labelledby="sweep-title" data-testid="sweep-panel">
      <details>
        <summary>
          <h2 id="sweep-title">Sweep: phase diagrams</h2>
        </summary>
        <p className="panel-hint">
          Every cell of the grid trains each rule from the current parameters, all cells as one batched
          simulation in a worker. Each cell is a link: click it to open that run here.
        </p>
        <SweepForm
          draft={draft}
          modes={params.modes}
          running={running}
          canRun={sweep.available && resolved.ok}
          onChange={setDraft}
          onRun={() => resolved.ok && void sweep.run(resolved.grid, resolved.base, resolved.cells)}
          onCancel={sweep.cancel}
        />
        {!resolved.ok && (
          <p className="sweep-problem" role="alert" data-testid="sweep-problem">
            {resolved.problem}
          </p>
        )}
        {resolved.ok && (
          <p className="panel-hint">
            {resolved.cells.length} cells × {resolved.base.rules.length * resolved.base.seeds} runs ×{' '}
            {resolved.base.steps} steps. The same sweep headless:{' '}
            <code>{cliCommand(resolved.grid, formatQuery(resolved.base))}</code>
          </p>
        )}
        <div className="sweep-status" aria-live="polite" data-testid="sweep-status">
          {running && sweep.status.kind === 'running' && (
            <progress max={sweep.status.total || 1} value={sweep.status.done} aria-label="Sweep progress" />
          )}{' '}
          {statusText(sweep.status)}
        </div>
        <label className="file-picker">
          Load a sweep table (sweep.json){' '}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="sweep-load-input"
            onChange={(e) => {
              void loadFirstFile(e.target.files, (text, name) => {
                sweep.load(text, name);
                return true;
              });
              e.target.value = '';
            }}
          />
        </label>
        {view && (
          <>
            <label className="sweep-value">
              Colour by{' '}
              <select
                value={value}
                data-testid="sweep-value"
                onChange={(e) => setValue(e.target.value as SweepValue)}
              >
                {SWEEP_VALUES.map((v) => (
                  <option key={v} value={v}>
                    {VALUE_LABEL[v]}
                  </option>
                ))}
              </select>
            </label>
            <div className="phase-maps">
              {view.maps.map((m) => (
                <PhaseMap
                  key={m.rule}
                  view={view}
                  map={m}
                  boundaries={boundaries.filter((b) => b.rule === m.rule)}
                />
              ))}
            </div>
            <SweepLegend view={view} boundaries={boundaries} />
          </>
        )}
      </details>
    </section>
  );
}
