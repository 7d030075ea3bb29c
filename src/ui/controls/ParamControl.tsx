// THE generic parameter control: renders any row of the parameter table (number, list, choice or set) with its
// label, symbol, range and help, and refuses invalid entries at the control. May import: state, ../store-context.
import { type KeyboardEvent, useId, useState } from 'react';
import { formatValue, type ParamRow, type ParamValue } from '../../state/param-codecs';
import { advisories } from '../../state/advisories';
import type { ParamKey } from '../../state/params';
import { useAppStore, useStoreApi } from '../store-context';
import { optionLabel } from './option-label';

/** A short "units/range" hint next to the label. */
export function rangeHint(row: ParamRow): string {
  switch (row.kind) {
    case 'int':
      return `${row.min}–${row.max}`;
    case 'float':
      return `${row.minExclusive ? '>' : ''}${row.min} … ${row.max}`;
    case 'list':
      return `per mode, ${row.min} … ${row.max}`;
    default:
      return '';
  }
}

function Label({ row, htmlFor }: { row: ParamRow; htmlFor?: string }) {
  const hint = rangeHint(row);
  const content = (
    <>
      <span className="param-label">{row.label}</span>
      {row.symbol && <span className="param-symbol"> ({row.symbol})</span>}
      {hint && <span className="param-range"> {hint}</span>}
    </>
  );
  return htmlFor ? <label htmlFor={htmlFor}>{content}</label> : <legend>{content}</legend>;
}

export function ParamControl({ row }: { row: ParamRow }) {
  const key = row.key as ParamKey;
  const value = useAppStore((s) => (s.params as unknown as Record<string, ParamValue>)[key]);
  const setParam = useAppStore((s) => s.setParam);
  const store = useStoreApi();
  const editNotes = useAppStore((s) => s.editNotices);
  const id = `param-${key}-${useId().replace(/:/g, '')}`;
  const formatted = formatValue(row, value);
  const [draft, setDraft] = useState(formatted);
  const [seen, setSeen] = useState(formatted);
  const [error, setError] = useState<string | null>(null);
  // a value changed elsewhere (preset, run file, constraint) replaces what the field shows
  if (seen !== formatted) {
    setSeen(formatted);
    setDraft(formatted);
    setError(null);
  }

  /** Applies the entry; the field then shows the value in use (a constraint may have changed it: its note says why). */
  const commit = (raw: string): boolean => {
    const result = setParam(key, raw);
    setError(result.ok ? null : `Refused: ${result.message}`);
    if (result.ok) {
      const used = formatValue(row, (store.getState().params as unknown as Record<string, ParamValue>)[key]);
      setDraft(used);
      setSeen(used);
    }
    return result.ok;
  };
  const notes = editNotes.filter((n) => n.key === key);
  const allParams = useAppStore((s) => s.params);
  const advice = advisories(allParams).filter((a) => a.key === key);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const described = [helpId, error ? errorId : ''].filter(Boolean).join(' ');
  const messages = (
    <>
      <p id={helpId} className="param-help">
        {row.help}
      </p>
      {error && (
        <p id={errorId} className="param-error" role="alert" data-testid={`param-error-${key}`}>
          {error}
        </p>
      )}
      {notes.map((n, k) => (
        <p key={k} className="param-note" data-testid={`param-note-${key}`}>
          {n.message}
        </p>
      ))}
      {advice.map((a, k) => (
        <p key={k} className="param-note" data-testid={`param-advice-${key}`}>
          {a.message}
        </p>
      ))}
    </>
  );

  if (row.kind === 'set') {
    const chosen = value as string[];
    const toggle = (option: string, on: boolean) => {
      const next = row.options.filter((o) => (o === option ? on : chosen.includes(o)));
      commit(next.join(','));
    };
    return (
      <fieldset className="param param-set" aria-describedby={described}>
        <Label row={row} />
        {row.options.map((option) => (
          <label key={option} className="param-option">
            <input
              type="checkbox"
              data-testid={`param-${key}-${option}`}
              checked={chosen.includes(option)}
              onChange={(e) => toggle(option, e.target.checked)}
            />{' '}
            {optionLabel(option)}
          </label>
        ))}
        {messages}
      </fieldset>
    );
  }

  if (row.kind === 'enum') {
    return (
      <div className="param">
        <Label row={row} htmlFor={id} />
        <select
          id={id}
          data-testid={`param-${key}`}
          value={formatted}
          aria-describedby={described}
          onChange={(e) => commit(e.target.value)}
        >
          {row.options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
        {messages}
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter commits and gives the keyboard back to the page (Space plays again, not types a space)
    if (e.key === 'Enter' && commit(draft)) e.currentTarget.blur();
    if (e.key === 'Escape') {
      setDraft(formatted);
      setError(null);
    }
  };
  return (
    <div className="param">
      <Label row={row} htmlFor={id} />
      <input
        id={id}
        type="text"
        inputMode={row.kind === 'int' ? 'numeric' : 'text'}
        autoComplete="off"
        spellCheck={false}
        data-testid={`param-${key}`}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft !== formatted || error) commit(draft);
        }}
      />
      {messages}
    </div>
  );
}
