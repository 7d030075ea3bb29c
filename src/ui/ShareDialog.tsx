// "Share for a lesson": builds a link from the current settings (or a preset), the charts shown, the controls to
// hide, projector mode and the theory overlay, so a teacher never edits a query by hand.
// May import: react, state (url, params, presets), ./Dialog, ./ChartsMenu (labels), ./store-context.
import { useState } from 'react';
import type { EngineParams } from '../engine/params';
import { PARAM_TABLE } from '../state/params';
import { matchingPresetId, PRESETS, presetById } from '../state/presets';
import {
  CHART_IDS,
  type ChartId,
  formatQuery,
  parseQuery,
  THEORY_VIEWS,
  type TheoryView,
  type ViewOptions,
} from '../state/url';
import { CHART_LABEL } from './ChartsMenu';
import { Dialog } from './Dialog';
import { useAppStore } from './store-context';

/** The lesson link: the page's address with the query these choices give. */
export function lessonLink(base: string, params: EngineParams, view: ViewOptions): string {
  return base + formatQuery(params, view);
}

export function ShareDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Share for a lesson"
      testId="share-dialog"
      className="share-dialog"
    >
      <ShareForm />
    </Dialog>
  );
}

function ShareForm() {
  const params = useAppStore((s) => s.params);
  const current = useAppStore((s) => s.view);
  const [preset, setPreset] = useState(matchingPresetId(params) ?? '');
  const [charts, setCharts] = useState<ChartId[]>(current.charts);
  const [large, setLarge] = useState<ChartId | null>(current.large);
  const [hide, setHide] = useState<string[]>(current.hide);
  const [present, setPresent] = useState(current.present);
  const [theory, setTheory] = useState<TheoryView>(current.theory);
  const [copied, setCopied] = useState(false);
  const chosen = preset ? presetById(preset) : undefined;
  const linkParams = chosen ? parseQuery(chosen.query).params : params;
  const shownLarge = large && charts.includes(large) ? large : null;
  const link = lessonLink(`${window.location.origin}${window.location.pathname}`, linkParams, {
    charts,
    large: shownLarge,
    hide,
    present,
    theory,
    // the pinned runs come along: a lesson can be a comparison
    pins: current.pins,
  });
  const toggle = <T,>(list: T[], item: T, on: boolean, order: readonly T[]) =>
    order.filter((x) => (x === item ? on : list.includes(x)));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <form className="share-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        Settings{' '}
        <select data-testid="share-preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
          <option value="">the current settings</option>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {`Scenario ${p.scenario}: ${p.label}`}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Charts shown</legend>
        {CHART_IDS.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              data-testid={`share-chart-${id}`}
              checked={charts.includes(id)}
              disabled={charts.length === 1 && charts.includes(id)}
              onChange={(e) => setCharts(toggle(charts, id, e.target.checked, CHART_IDS))}
            />{' '}
            {CHART_LABEL[id]}
          </label>
        ))}
        <label>
          Large{' '}
          <select
            data-testid="share-large"
            value={shownLarge ?? ''}
            onChange={(e) => setLarge((e.target.value || null) as ChartId | null)}
          >
            <option value="">none</option>
            {charts.map((id) => (
              <option key={id} value={id}>
                {CHART_LABEL[id]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset className="share-hide">
        <legend>Controls to hide from students</legend>
        {PARAM_TABLE.map((row) => (
          <label key={row.key}>
            <input
              type="checkbox"
              data-testid={`share-hide-${row.key}`}
              checked={hide.includes(row.key)}
              onChange={(e) =>
                setHide(
                  toggle(
                    hide,
                    row.key,
                    e.target.checked,
                    PARAM_TABLE.map((r) => r.key as string),
                  ),
                )
              }
            />{' '}
            {row.label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>View</legend>
        <label>
          <input
            type="checkbox"
            data-testid="share-present"
            checked={present}
            onChange={(e) => setPresent(e.target.checked)}
          />{' '}
          Projector mode (large type, thick lines, no scrolling)
        </label>
        <label>
          Theory overlay{' '}
          <select
            data-testid="share-theory"
            value={theory}
            onChange={(e) => setTheory(e.target.value as TheoryView)}
          >
            {THEORY_VIEWS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <label className="share-link">
        Link{' '}
        <input
          type="text"
          readOnly
          value={link}
          data-testid="share-link"
          onFocus={(e) => e.target.select()}
        />
      </label>
      <div className="share-actions">
        <button type="button" className="primary" data-testid="share-copy" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <a href={link} target="_blank" rel="noreferrer">
          Open in a new tab
        </a>
      </div>
    </form>
  );
}
