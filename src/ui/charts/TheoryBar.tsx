// The theory overlay's control ("Theory: off | map (finite T) | ODE (T→∞)") and the badge saying how far the
// prediction applies to these runs. May import: react, ../store-context, ./theory-view, state/url types.
import { useId } from 'react';
import { useAppStore } from '../store-context';
import { THEORY_CHOICES, theoryBadgeView } from './theory-view';

export function TheoryBar() {
  const params = useAppStore((s) => s.params);
  const choice = useAppStore((s) => s.view.theory);
  const setTheory = useAppStore((s) => s.setTheory);
  const name = `theory-${useId().replace(/:/g, '')}`;
  const runs = useAppStore((s) => s.runs);
  const divergences = useAppStore((s) => s.divergences);
  const badge = theoryBadgeView(params, choice, { runs, divergences });
  const reasonsId = `${name}-reasons`;
  return (
    <section className="theory-bar" aria-label="Theory overlay">
      <fieldset className="theory-choice">
        <legend>Theory</legend>
        {THEORY_CHOICES.map((c) => (
          <label key={c.value} title={c.help}>
            <input
              type="radio"
              name={name}
              value={c.value}
              data-testid={`theory-${c.value}`}
              checked={choice === c.value}
              onChange={() => setTheory(c.value)}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="theory-status">
        <p
          className={`theory-badge level-${badge.level}`}
          data-testid="theory-badge"
          data-level={badge.level}
          aria-describedby={badge.reasons.length ? reasonsId : undefined}
        >
          {badge.level === 'approximate' && <span aria-hidden="true">≈ </span>}
          {badge.text}
        </p>
        {(badge.summary || badge.reasons.length > 0) && (
          <details className="theory-why">
            <summary>why?</summary>
            {badge.summary && badge.level !== 'none' && <p className="theory-summary">{badge.summary}</p>}
            {badge.reasons.length > 0 && (
              <ul id={reasonsId} className="theory-reasons" data-testid="theory-reasons">
                {badge.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </details>
        )}
      </div>
    </section>
  );
}
