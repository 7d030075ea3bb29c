// The phase diagrams' legend: the outcome colours (with counts per rule) or the continuous scale's ends, and the
// theory's boundary lines. May import: react, ./phase-map, ./boundaries.
import { OUTCOMES } from '../../engine/sweep/outcome';
import type { Boundary } from '../../state/sweep-boundaries';
import { ruleLabel } from '../rule-style';
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

/** What each line means (THEORY 3.3), given the rules whose maps carry it. */
const BOUNDARY_KEYS: { kind: Boundary['kind']; label: (rules: string) => string }[] = [
  { kind: 'branch', label: () => 'RFLO’s branch line â·a₀ = 0 (its stable branch is â·s > 0)' },
  {
    kind: 'saddle',
    label: () => 'edge of RFLO’s saddle region |s|³ < p²/|â| on the other branch (s = a₀ per mode)',
  },
  {
    kind: 'lr-limit',
    label: (rules) =>
      `learning-rate limit (${rules}): past it, the point the run would converge to is unstable (|1 + ηλ| > 1 for a root λ of the finite-T map, worst mode)`,
  },
  {
    kind: 'escape',
    label: (rules) =>
      `end of the saddle plateau (${rules}): past it, the escape from a = b = 0 takes longer than the run’s steps (worst mode)`,
  },
];

export function SweepLegend({ view, boundaries }: { view: SweepView; boundaries: Boundary[] }) {
  const counts = view.maps.map((m) => ({ rule: m.rule, counts: outcomeCounts(m) }));
  const rulesWith = (kind: Boundary['kind']) =>
    [...new Set(boundaries.filter((b) => b.kind === kind).map((b) => ruleLabel(b.rule)))].join(', ');
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
        <ul className="boundary-key">
          {BOUNDARY_KEYS.filter((k) => boundaries.some((b) => b.kind === k.kind)).map((k) => (
            <li key={k.kind}>
              <svg width="28" height="8" aria-hidden="true">
                <line className={`boundary boundary-${k.kind}`} x1="0" y1="4" x2="28" y2="4" />
              </svg>{' '}
              {k.label(rulesWith(k.kind))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
