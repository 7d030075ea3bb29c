// Per-run metric histories as plain arrays (what the run file stores and the charts draw).
// Imports engine types only.
import type { RunMetrics } from './analysis/metrics';
import type { Snapshot } from './simulation';

/** Records kept per run by the app's worker (older ones are thinned beyond this; see worker/decimate.ts). */
export const HISTORY_RECORD_CAP = 20000;

export interface RunHistory {
  step: number[];
  loss: (number | null)[];
  /** per-mode values [record][mode] (aligned task; empty otherwise) */
  a: number[][];
  b: number[][];
  w: number[][];
  alignA: (number | null)[];
  alignW: (number | null)[];
  alignB: (number | null)[];
  /** basis-free alignment (THEORY 3), null when the weights are not finite; io also null without bases */
  asymW: (number | null)[];
  commB: (number | null)[];
  commA: (number | null)[];
  io: (number | null)[];
  rankW: (number | null)[];
  effRankW: (number | null)[];
  rankB: (number | null)[];
  effRankB: (number | null)[];
  residualR: (number | null)[];
  cosBptt: (number | null)[];
  /** null once the run has stopped (diverged) */
  cosAR: (number | null)[];
}

/** The singular values of ΔW and ΔB at one step (the spectrum chart's "current step"). */
export interface Spectrum {
  step: number;
  W: number[];
  B: number[];
}

export function emptyHistory(): RunHistory {
  return {
    step: [],
    loss: [],
    a: [],
    b: [],
    w: [],
    alignA: [],
    alignW: [],
    alignB: [],
    asymW: [],
    commB: [],
    commA: [],
    io: [],
    rankW: [],
    effRankW: [],
    rankB: [],
    effRankB: [],
    residualR: [],
    cosBptt: [],
    cosAR: [],
  };
}

/** The columns with one value per record (not per mode): the one list the recorder and the run-file check read. */
export const SCALAR_KEYS = [
  'loss',
  'alignA',
  'alignW',
  'alignB',
  'asymW',
  'commB',
  'commA',
  'io',
  'rankW',
  'effRankW',
  'rankB',
  'effRankB',
  'residualR',
  'cosBptt',
  'cosAR',
] as const satisfies readonly (keyof RunHistory)[];

/** Appends one record of one run's metrics. */
export function appendRecord(h: RunHistory, step: number, m: RunMetrics): void {
  h.step.push(step);
  h.loss.push(m.loss);
  if (m.modes) {
    h.a.push(m.modes.a);
    h.b.push(m.modes.b);
    h.w.push(m.modes.w);
  }
  h.alignA.push(m.alignment?.A ?? null);
  h.alignW.push(m.alignment?.W ?? null);
  h.alignB.push(m.alignment?.B ?? null);
  h.asymW.push(m.basisFree?.asymW ?? null);
  h.commB.push(m.basisFree?.commB ?? null);
  h.commA.push(m.basisFree?.commA ?? null);
  h.io.push(m.basisFree?.io ?? null);
  h.rankW.push(m.rankW);
  h.effRankW.push(m.effRankW);
  h.rankB.push(m.rankB);
  h.effRankB.push(m.effRankB);
  h.residualR.push(m.residualR);
  h.cosBptt.push(m.cosBptt);
  h.cosAR.push(m.cosAR);
}

/**
 * A record for a run that has stopped (diverged): its step with no values, so its lines end at the divergence
 * instead of drawing the frozen state to the last step, and every run keeps one record per recorded step (the
 * thinning and the seed median need the runs aligned). Mode columns get NaN (written as null in the file).
 */
export function appendStopped(h: RunHistory, step: number): void {
  const modes = h.a[h.a.length - 1]?.length ?? 0;
  h.step.push(step);
  for (const key of SCALAR_KEYS) (h[key] as (number | null)[]).push(null);
  if (modes && h.a.length === h.step.length - 1) {
    const gap = () => new Array<number>(modes).fill(NaN);
    h.a.push(gap());
    h.b.push(gap());
    h.w.push(gap());
  }
}

/** One run's record of a snapshot: its metrics, or an empty record once it has diverged. */
export function appendSnapshotRun(h: RunHistory, s: Snapshot, k: number): void {
  if (s.diverged[k]) appendStopped(h, s.step);
  else appendRecord(h, s.step, s.runs[k]);
}

/** Records snapshots of every run; keeps the latest spectrum of each. */
export class HistoryRecorder {
  readonly histories: RunHistory[];
  readonly spectra: (Spectrum | null)[];

  constructor(runCount: number) {
    this.histories = Array.from({ length: runCount }, emptyHistory);
    this.spectra = new Array(runCount).fill(null);
  }

  record(s: Snapshot): void {
    s.runs.forEach((m, k) => {
      appendSnapshotRun(this.histories[k], s, k);
      // a stopped run keeps the spectrum it had when it stopped
      if (!s.diverged[k]) this.spectra[k] = { step: s.step, W: m.sigmaW, B: m.sigmaB };
    });
  }
}
