// Progress and time left of a running run, from the steps the worker has reported and when. Pure.

export interface ProgressSample {
  /** ms (performance.now()) */
  at: number;
  step: number;
}

/** Samples older than this are dropped: the rate is the recent one (warm-up and chart redraws change it). */
export const RATE_WINDOW_MS = 4000;
/** A bar for runs expected to take longer than this in total (ms); shorter ones are over before it helps. */
export const SHOW_BAR_ABOVE_MS = 2000;

export interface Progress {
  fraction: number;
  /** ms left at the recent rate; null until two samples a measurable time apart */
  remainingMs: number | null;
  /** the run is long enough to deserve a bar */
  long: boolean;
}

/** Appends a sample and drops those outside the rate window (keeps at least two). */
export function addSample(samples: ProgressSample[], sample: ProgressSample): ProgressSample[] {
  const out = [...samples.filter((s) => s.step <= sample.step), sample];
  while (out.length > 2 && sample.at - out[0].at > RATE_WINDOW_MS) out.shift();
  return out;
}

export function progressOf(samples: ProgressSample[], steps: number, startedAt: number): Progress {
  const last = samples.at(-1);
  const step = last?.step ?? 0;
  const fraction = steps > 0 ? Math.min(1, step / steps) : 0;
  const first = samples[0];
  if (!last || !first || last.at - first.at < 200 || last.step <= first.step)
    return { fraction, remainingMs: null, long: false };
  const rate = (last.step - first.step) / (last.at - first.at); // steps per ms
  const remainingMs = Math.max(0, (steps - step) / rate);
  return { fraction, remainingMs, long: last.at - startedAt + remainingMs > SHOW_BAR_ABOVE_MS };
}

/** "about 12 s left", "about 2 min left", "a moment left" */
export function formatRemaining(ms: number): string {
  const s = ms / 1000;
  if (s < 1.5) return 'a moment left';
  if (s < 90) return `about ${Math.round(s)} s left`;
  return `about ${Math.round(s / 60)} min left`;
}
