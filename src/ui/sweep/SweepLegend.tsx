// The phase diagrams' legend: the outcome colours (with counts per rule) or the continuous scale's ends, and the
// theory's boundary lines. May import: react, ./phase-map, ./boundaries.
import { OUTCOMES } from '../../engine/sweep/outcome';
import type { Boundary } from './boundaries';
import {
  NO_VALUE_COLOUR,
  OUTCOME_COLOUR,
  OUTCOME_LABEL,
  outcomeCounts,
  sequentialColour,
  type SweepView,
  VALUE_LABEL,
} from './phase-map';

const fmt = (v: number) => Number(v.toPrecision(3)).toString();

export function SweepLegend({ view, boundaries }: { view: SweepView; boundaries: Boundary[] }) {
  const counts = view.maps.map((m) => ({ rule: m.rule, counts: outcomeCounts(m) }));
  return (
    <div className="sweep-legend" data-testid="sweep-legend">
      {view.value === 'outcome' ? (
        <ul>
          {OUTCOMES.map((o) => (
            <li key={o}>
              <span className="swatch" style={{ background: OUTCOME_COLOUR[o] }} /> {OUTCOME_LABEL[o]}{' '}
              <span className="counts">({counts.map((c) => `${c.rule} ${c.counts[o]}`).join(', ')})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {VALUE_LABEL[view.value]}:{' '}
          <span
            className="scale"
            style={{
              background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(sequentialColour).join(', ')})`,
            }}
          />{' '}
          {view.range ? `${fmt(view.range[0])} … ${fmt(view.range[1])}` : 'no cell has a value'};{' '}
          <span className="swatch" style={{ background: NO_VALUE_COLOUR }} /> none
        </p>
      )}
      {boundaries.length > 0 && (
        <p className="boundary-key">
          <svg width="28" height="8" aria-hidden="true">
            <line className="boundary boundary-branch" x1="0" y1="4" x2="28" y2="4" />
          </svg>{' '}
          RFLO’s branch line â·a₀ = 0 (stable branch â·s &gt; 0){' '}
          <svg width="28" height="8" aria-hidden="true">
            <line className="boundary boundary-saddle" x1="0" y1="4" x2="28" y2="4" />
          </svg>{' '}
          edge of its saddle region |s|³ &lt; p²/|â| on the other branch (THEORY 3.3, s = a₀ per mode)
        </p>
      )}
    </div>
  );
}
