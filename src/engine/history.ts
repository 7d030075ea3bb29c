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
  rankW: (number | null)[];
  effRankW: (number | null)[];
  rankB: (number | null)[];
  effRankB: (number | null)[];
  residualR: (number | null)[];
  cosBptt: (number | null)[];
  cosAR: number[];
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
    rankW: [],
    effRankW: [],
    rankB: [],
    effRankB: [],
    residualR: [],
    cosBptt: [],
    cosAR: [],
  };
}

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
  h.rankW.push(m.rankW);
  h.effRankW.push(m.effRankW);
  h.rankB.push(m.rankB);
  h.effRankB.push(m.effRankB);
  h.residualR.push(m.residualR);
  h.cosBptt.push(m.cosBptt);
  h.cosAR.push(m.cosAR);
}

/**
 * Records snapshots of every run; keeps the latest spectrum of each. A run that diverged is recorded no more from
 * its divergence step on: its frozen weights say nothing about later steps, and the state it stopped in is the
 * blow-up (a loss over 10⁶ × its first), so its lines end at its last record before the divergence while the other
 * runs go on. Step 0 is always recorded (a run that fails its very first check still shows where it started).
 */
export class HistoryRecorder {
  readonly histories: RunHistory[];
  readonly spectra: (Spectrum | null)[];

  constructor(runCount: number) {
    this.histories = Array.from({ length: runCount }, emptyHistory);
    this.spectra = new Array(runCount).fill(null);
  }

  /** Records what `s` says about each run still recording; returns the indices of the runs recorded. */
  record(s: Snapshot): number[] {
    const added: number[] = [];
    s.runs.forEach((m, k) => {
      const stop = s.diverged[k];
      if (stop && s.step >= stop.step && s.step > 0) return;
      appendRecord(this.histories[k], s.step, m);
      this.spectra[k] = { step: s.step, W: m.sigmaW, B: m.sigmaB };
      added.push(k);
    });
    return added;
  }
}
