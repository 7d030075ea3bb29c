// The run controls: play/pause, step, reset, run to end, speed, the step counter and the aria-live status line.
// May import: state (run slice), ../store-context, ../status-text.
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_SPEED, SPEEDS } from '../../state/run-slice';
import type { Speed } from '../../worker/protocol';
import { statusText } from '../status-text';
import { useAppStore } from '../store-context';
import { ProgressBar } from './ProgressBar';

const speedLabel = (s: Speed) =>
  s === 'max' ? 'as fast as possible' : `${s} step${s === 1 ? '' : 's'} / frame`;

export function RunControls() {
  const { status, step, steps, source, runCount, speed } = useAppStore(
    useShallow((s) => ({
      status: s.status,
      // while running, the newest reported step (the charts catch up about once a second in Run to end)
      step: s.status === 'running' ? s.liveStep : s.step,
      steps: s.steps,
      source: s.source,
      runCount: s.runs.length,
      speed: s.speed,
    })),
  );
  const actions = useAppStore(
    useShallow((s) => ({
      togglePlay: s.togglePlay,
      stepOnce: s.stepOnce,
      reset: s.reset,
      runToEnd: s.runToEnd,
      setSpeed: s.setSpeed,
    })),
  );
  // a string, so the line (and the screen reader) only changes when the sentence does
  const statusLine = useAppStore((s) => statusText(s));
  // nothing to train until the worker has built the simulation; a finished live run can only be reset
  const ready = runCount > 0;
  const atEnd = status === 'finished' && source === 'live';
  const running = status === 'running';
  return (
    <section className="run-controls" aria-label="Run controls">
      <div className="run-buttons">
        <button
          type="button"
          className="primary"
          data-testid="play-button"
          disabled={!ready || (atEnd && !running)}
          aria-keyshortcuts="Space"
          onClick={actions.togglePlay}
        >
          <span aria-hidden="true">{running ? '❚❚ ' : '▶ '}</span>
          {running ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          data-testid="step-button"
          disabled={!ready || atEnd}
          aria-keyshortcuts="ArrowRight n"
          onClick={actions.stepOnce}
        >
          Step
        </button>
        <button
          type="button"
          data-testid="reset-button"
          disabled={!ready}
          aria-keyshortcuts="r"
          onClick={actions.reset}
        >
          Reset
        </button>
        <button
          type="button"
          data-testid="run-to-end-button"
          disabled={!ready || atEnd}
          onClick={actions.runToEnd}
        >
          Run to end
        </button>
        <label className="speed">
          Speed{' '}
          <select
            data-testid="speed-select"
            value={String(speed ?? DEFAULT_SPEED)}
            onChange={(e) => actions.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <span className="step-counter" data-testid="step-counter">
          {`Step ${step} / ${steps}`}
        </span>
      </div>
      <ProgressBar />
      <p className="status-line" data-testid="status-line" role="status" aria-live="polite">
        {statusLine}
      </p>
    </section>
  );
}
