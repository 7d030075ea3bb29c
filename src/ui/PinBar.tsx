// The run bar's pins: "Pin" (the run on screen), "Compare with a link…" (a dialog that pins another run and shows
// how its parameters differ), and the pinned runs with their differences and Unpin buttons.
// May import: state (pins, url), ./store-context, ./Dialog.
import { type FormEvent, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EngineParams } from '../engine/params';
import { type ParamDifference, paramDifferences, pinLabel } from '../state/pins';
import type { PinData } from '../state/pins-slice';
import { PIN_MAX, readPinLink } from '../state/url';
import { Dialog } from './Dialog';
import { useAppStore } from './store-context';

export function PinBar() {
  const { pins, pinData, params } = useAppStore(
    useShallow((s) => ({ pins: s.view.pins, pinData: s.pinData, params: s.params })),
  );
  const pinCurrent = useAppStore((s) => s.pinCurrent);
  const unpin = useAppStore((s) => s.unpin);
  const [message, setMessage] = useState('');
  const [compareOpen, setCompareOpen] = useState(false);
  const full = pins.length >= PIN_MAX;
  return (
    <section className="pin-bar" aria-label="Pinned runs">
      <button
        type="button"
        data-testid="pin-button"
        disabled={full}
        title={
          full
            ? `At most ${PIN_MAX} pins: unpin one first`
            : 'Keep this run’s curves on the charts, faded, while you change parameters'
        }
        onClick={() => {
          const result = pinCurrent();
          setMessage(result.ok ? '' : result.message);
        }}
      >
        Pin
      </button>
      <button type="button" data-testid="compare-button" disabled={full} onClick={() => setCompareOpen(true)}>
        Compare with a link…
      </button>
      {pins.length > 0 && (
        <ul className="pins" data-testid="pins-list">
          {pins.map((query, k) => (
            <PinItem
              key={query}
              index={k}
              query={query}
              params={params}
              data={pinData[query]}
              onUnpin={() => unpin(query)}
            />
          ))}
        </ul>
      )}
      <p className="pin-message" role="status" data-testid="pin-message">
        {message}
      </p>
      <CompareDialog open={compareOpen} onClose={() => setCompareOpen(false)} />
    </section>
  );
}

function PinItem(props: {
  index: number;
  query: string;
  params: EngineParams;
  data: PinData | undefined;
  onUnpin(): void;
}) {
  const { index, query, params, data, onUnpin } = props;
  const read = readPinLink(query);
  const label = read.ok ? pinLabel(index, paramDifferences(params, read.params)) : `pin ${index + 1}`;
  const state =
    !data || data.status === 'computing'
      ? ' (training…)'
      : data.status === 'failed'
        ? ` (could not be trained: ${data.reason})`
        : '';
  return (
    <li data-testid={`pin-${index}`} data-status={data?.status ?? 'computing'}>
      <a href={query} title="Open this pinned run's link">
        {label}
      </a>
      {state}
      <button
        type="button"
        data-testid={`unpin-${index}`}
        aria-label={`Unpin pin ${index + 1}`}
        onClick={onUnpin}
      >
        ✕
      </button>
    </li>
  );
}

function CompareDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Compare with a link" testId="compare-dialog">
      <CompareForm onDone={onClose} />
    </Dialog>
  );
}

function CompareForm({ onDone }: { onDone(): void }) {
  const params = useAppStore((s) => s.params);
  const pinLink = useAppStore((s) => s.pinLink);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const read = text.trim() ? readPinLink(text) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = pinLink(text);
    if (result.ok) onDone();
    else setError(result.message);
  };
  return (
    <form onSubmit={submit} className="compare-form">
      <label>
        Another run’s link (the whole address or just its query)
        <input
          type="text"
          data-testid="compare-input"
          value={text}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setError('');
          }}
        />
      </label>
      {read?.ok && <DifferenceTable differences={paramDifferences(params, read.params)} />}
      {(error || (read && !read.ok)) && (
        <p className="param-error" role="alert" data-testid="compare-error">
          {error || (read && !read.ok ? `This link cannot be pinned: ${read.problem}.` : '')}
        </p>
      )}
      <button type="submit" className="primary" data-testid="compare-submit" disabled={!read?.ok}>
        Pin and overlay
      </button>
    </form>
  );
}

export function DifferenceTable({ differences }: { differences: readonly ParamDifference[] }) {
  if (!differences.length)
    return <p data-testid="compare-same">Same parameters as this run: the curves will coincide.</p>;
  return (
    <table className="pin-differences" data-testid="compare-table">
      <caption>Parameters that differ</caption>
      <thead>
        <tr>
          <th scope="col">parameter</th>
          <th scope="col">this run</th>
          <th scope="col">pinned run</th>
        </tr>
      </thead>
      <tbody>
        {differences.map((d) => (
          <tr key={d.key}>
            <th scope="row">{d.key}</th>
            <td>{d.here}</td>
            <td>{d.there}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
