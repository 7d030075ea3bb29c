// A progress bar with the time left, for runs longer than ~2 s (Run to end, fast Play). May import: react,
// ../store-context, ./progress.
import { useEffect, useState } from 'react';
import { useStoreApi } from '../store-context';
import { addSample, formatRemaining, type Progress, type ProgressSample, progressOf } from './progress';

export function ProgressBar() {
  const store = useStoreApi();
  const [progress, setProgress] = useState<Progress | null>(null);

  // samples are taken from the store's updates as they happen (each reported step with its arrival time)
  useEffect(() => {
    let samples: ProgressSample[] = [];
    let startedAt = 0;
    return store.subscribe((s, before) => {
      if (s.status !== 'running') {
        if (samples.length) {
          samples = [];
          setProgress(null);
        }
        return;
      }
      if (s.liveStep === before.liveStep && samples.length) return;
      const now = performance.now();
      if (!samples.length) startedAt = now;
      samples = addSample(samples, { at: now, step: s.liveStep });
      setProgress(progressOf(samples, s.steps, startedAt));
    });
  }, [store]);

  if (!progress?.long) return null;
  const percent = Math.round(100 * progress.fraction);
  return (
    <div className="progress" data-testid="progress">
      <progress max={100} value={percent} aria-label="Training progress">
        {percent}%
      </progress>
      <span className="progress-text" data-testid="progress-text">
        {percent}% · {progress.remainingMs === null ? 'estimating…' : formatRemaining(progress.remainingMs)}
      </span>
    </div>
  );
}
