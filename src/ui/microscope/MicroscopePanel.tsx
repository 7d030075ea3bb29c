// The credit-assignment microscope (THEORY 2.1): step through ONE trial of a run's current network, t = 1..T
// (slider and ←/→), pick a synapse W_ij and see each rule's contribution to ΔW_ij from every step. The worker
// computes the trial with the engine's sampled-form code (engine/trial-trace.ts); this panel only asks and draws.
// Closed by default, so it costs nothing until opened. May import: react, ../store-context, ../rule-style, ./*.
import { type KeyboardEvent, useState } from 'react';
import { ruleLabel } from '../rule-style';
import { useAppStore } from '../store-context';
import { stepAfterKey, synapseLabel } from './microscope-view';
import { TrialView } from './TrialView';
import { useTrialTrace } from './use-trial-trace';
import './microscope.css';

const MAX_TRIAL = 999_999;

export function MicroscopePanel() {
  const runs = useAppStore((s) => s.runs);
  const params = useAppStore((s) => s.params);
  const status = useAppStore((s) => s.status);
  const step = useAppStore((s) => s.step);
  const source = useAppStore((s) => s.source);
  const [open, setOpen] = useState(false);
  const [run, setRun] = useState(0);
  const [trial, setTrial] = useState(0);
  const [picked, setPicked] = useState<[number, number]>([0, 1]);
  const [tChosen, setT] = useState<number | null>(null);

  const { n, T } = params;
  const runIndex = run < runs.length ? run : 0;
  // a synapse outside a smaller W falls back to the first one that exists
  const synapse: [number, number] = picked[0] < n && picked[1] < n ? picked : [0, Math.min(1, n - 1)];
  const live = source === 'live';
  const request = open && live && runs.length ? { run: runIndex, trial, synapse } : null;
  // the network changes with every step, but while training runs the panel keeps the trial it has
  const { reply, error } = useTrialTrace(request, status === 'running' ? 'running' : `step ${step}`, params);
  const trace = reply?.trace ?? null;
  const shownT = trace?.T ?? T;
  const t = Math.min(tChosen ?? shownT, shownT);

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // fields keep their own keys (the slider moves itself; number and select fields use the arrows)
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
    const next = stepAfterKey(e.key, t, shownT);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation(); // → is also the page's "one training step": here it moves through the trial
    setT(next);
  };

  return (
    <section className="microscope" aria-labelledby="microscope-title" data-testid="microscope">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary data-testid="microscope-toggle">
          <h2 id="microscope-title">Inside one trial: the credit-assignment microscope</h2>
        </summary>
        <p className="panel-hint">
          One white-noise sequence (THEORY 2.1, final-step loss) through the current network of one run. Step
          through t = 1..T with the slider or ←/→: the input, the hidden state and RFLO’s eligibility traces;
          at T the error arrives and every rule sends its learning signal back. Pick a synapse in W to see
          each rule’s contribution to ΔW<sub>ij</sub> from every step; they add up to that rule’s ΔW
          <sub>ij</sub> for this trial. All four rules are applied to the same network and trial, so they
          compare directly.
        </p>
        {!live && (
          <p className="microscope-note" data-testid="microscope-note">
            A loaded run file holds no trial inputs to step through: press Reset or Play to retrain its
            parameters, then look inside a trial.
          </p>
        )}
        {live && (
          <div className="microscope-body" onKeyDown={onKeyDown} tabIndex={-1}>
            <div className="microscope-controls">
              <label>
                Network{' '}
                <select
                  data-testid="microscope-run"
                  value={runIndex}
                  onChange={(e) => setRun(Number(e.target.value))}
                >
                  {runs.map((r, k) => (
                    <option key={k} value={k}>
                      {`${ruleLabel(r.rule, params)}, seed ${r.seed}`}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Trial{' '}
                <input
                  type="number"
                  min={0}
                  max={MAX_TRIAL}
                  step={1}
                  value={trial}
                  data-testid="microscope-trial"
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    if (Number.isInteger(v) && v >= 0 && v <= MAX_TRIAL) setTrial(v);
                  }}
                />
              </label>
              <label className="microscope-step">
                Time step t{' '}
                <input
                  type="range"
                  min={1}
                  max={shownT}
                  value={t}
                  data-testid="microscope-slider"
                  aria-valuetext={`t = ${t} of ${shownT}`}
                  onChange={(e) => setT(Number(e.target.value))}
                />{' '}
                <output data-testid="microscope-t">
                  t = {t} / {shownT}
                </output>
              </label>
              <button type="button" onClick={() => setT(Math.max(1, t - 1))} aria-label="previous time step">
                ←
              </button>
              <button type="button" onClick={() => setT(Math.min(shownT, t + 1))} aria-label="next time step">
                →
              </button>
              <label>
                Synapse i{' '}
                <input
                  type="number"
                  min={1}
                  max={n}
                  value={synapse[0] + 1}
                  data-testid="microscope-i"
                  onChange={(e) => {
                    const v = Number(e.target.value) - 1;
                    if (Number.isInteger(v) && v >= 0 && v < n) setPicked([v, synapse[1]]);
                  }}
                />
              </label>
              <label>
                j{' '}
                <input
                  type="number"
                  min={1}
                  max={n}
                  value={synapse[1] + 1}
                  data-testid="microscope-j"
                  onChange={(e) => {
                    const v = Number(e.target.value) - 1;
                    if (Number.isInteger(v) && v >= 0 && v < n) setPicked([synapse[0], v]);
                  }}
                />
              </label>
            </div>
            <p className="microscope-status" role="status" data-testid="microscope-status">
              {error
                ? `Cannot trace this trial: ${error}`
                : reply
                  ? `${ruleLabel(reply.run.rule, params)}, seed ${reply.run.seed}: the network at step ${reply.step}, trial ${reply.trace.trial}, synapse ${synapseLabel(reply.trace.synapse)}${status === 'running' ? ' (training runs: pause to see the current network)' : ''}.`
                  : 'Tracing the trial…'}
            </p>
            {trace && <TrialView trace={trace} t={t} params={params} onPick={setPicked} />}
          </div>
        )}
      </details>
    </section>
  );
}
