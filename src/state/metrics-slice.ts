// The metrics slice: per-run histories (bounded), latest spectra and divergences, from worker snapshots or a
// loaded run file. May import: engine history/run-file/checksum (no TF.js), ../worker/decimate, csv, ./run-file-view.
import { weightsDigest } from '../engine/checksum';
import { emptyHistory, type RunHistory, type Spectrum } from '../engine/history';
import type { RunFile } from '../engine/run-file';
import type { Divergence } from '../engine/simulation';
import { appendHistory, thinHistories } from '../worker/decimate';
import { historiesToCsv } from '../worker/history-csv';
import type { ReplyResults, SnapshotMessage, TrialRequest } from '../worker/protocol';
import { readRunFile } from './run-file-view';
import type { SliceContext } from './store';

/** Points kept per run for the charts; older records are thinned beyond this (the newest always stay). */
export const CHART_HISTORY_CAP = 2000;
/** While "Run to end" runs, histories reach the charts about once a second (the step counter keeps moving). */
export const RUN_TO_END_FRAME_MS = 1000;

export interface MetricsSlice {
  /**
   * One history per run. The per-run columns grow in place (copying 2000-point columns 30 times a second
   * would cost more than drawing them), and the outer array is new whenever they do, so subscribe to it.
   */
  histories: RunHistory[];
  spectra: (Spectrum | null)[];
  divergences: (Divergence | null)[];
  /** per run, the digest of the weights at `step` (null while training runs); selectChecksum combines them */
  digests: string[] | null;
  /** the newest step any snapshot reported, updated on every snapshot (progress bar, step counter) */
  liveStep: number;
  /** the run file being shown (source 'file'), kept for download and CSV */
  loadedFile: { file: RunFile; text: string; name: string } | null;
  runFileError: string | null;
  receiveSnapshot(msg: SnapshotMessage): void;
  /** drops merged-but-unshown snapshots (before configure/reset, whose fresh snapshot replaces everything) */
  discardPendingSnapshots(): void;
  /** Shows a run file's charts without retraining; false (and runFileError) when it is not a valid run file. */
  loadRunFile(text: string, name?: string): boolean;
  dismissRunFileError(): void;
  /** the run file text: from the worker for a live run, the loaded text otherwise */
  exportRun(): Promise<string>;
  exportCsv(): Promise<string>;
  /** the credit-assignment microscope: one trial of a live run's current network (a loaded file has no network) */
  traceTrial(req: TrialRequest): Promise<ReplyResults['traceTrial']>;
}

export function createMetricsSlice({ set, get, deps }: SliceContext): MetricsSlice {
  // snapshots merged while running, shown together at most every uiFrameMs
  let pending: SnapshotMessage | null = null;
  let lastShown = -Infinity;
  let timerToken = 0;
  let timerArmed = false;
  // after configure/reset, snapshots of the previous simulation still in flight are dropped
  let awaitingFresh = true;

  const show = () => {
    const msg = pending;
    pending = null;
    timerArmed = false;
    if (!msg) return;
    lastShown = deps.now();
    const histories = msg.fresh ? msg.records : get().histories;
    if (!msg.fresh) histories.forEach((h, k) => appendHistory(h, msg.records[k] ?? emptyHistory()));
    thinHistories(histories, CHART_HISTORY_CAP);
    set({
      histories: [...histories],
      spectra: msg.spectra,
      divergences: msg.divergences,
      digests: msg.digests,
      runs: msg.runs,
      status: msg.status,
      step: msg.step,
      steps: msg.steps,
    });
  };

  /** Folds a later snapshot into the one waiting to be shown. */
  const merge = (into: SnapshotMessage, next: SnapshotMessage): SnapshotMessage => {
    into.records.forEach((h, k) => appendHistory(h, next.records[k] ?? emptyHistory()));
    return { ...next, fresh: into.fresh, records: into.records };
  };

  return {
    histories: [],
    spectra: [],
    divergences: [],
    digests: null,
    liveStep: 0,
    loadedFile: null,
    runFileError: null,

    receiveSnapshot(msg) {
      if (get().source === 'file' || (awaitingFresh && !msg.fresh)) return;
      if (msg.fresh) awaitingFresh = false;
      pending = pending && !msg.fresh ? merge(pending, msg) : msg;
      if (get().liveStep !== msg.step) set({ liveStep: msg.step });
      const frame =
        get().lastAction === 'runToEnd' ? Math.max(deps.uiFrameMs, RUN_TO_END_FRAME_MS) : deps.uiFrameMs;
      const due = lastShown + frame - deps.now();
      // a status change (pause, step, end, reset) is shown at once; running frames are paced
      if (msg.fresh || msg.status !== 'running' || deps.uiFrameMs <= 0 || due <= 0) return show();
      if (timerArmed) return;
      timerArmed = true;
      const token = ++timerToken;
      deps.later(() => {
        if (token === timerToken) show();
      }, due);
    },

    discardPendingSnapshots() {
      awaitingFresh = true;
      pending = null;
      timerArmed = false;
      timerToken++;
    },

    loadRunFile(text, name = 'run file') {
      const read = readRunFile(text);
      if (!read.ok) {
        set({ runFileError: `${name} is not a valid run file: ${read.message}` });
        return false;
      }
      get().discardPendingSnapshots();
      // the worker may still be training the previous run; its snapshots are ignored while a file is shown
      void deps.client.pause().catch(() => undefined);
      const { file, params, runs, histories, spectra, divergences, step } = read.view;
      for (const h of histories) thinHistories([h], CHART_HISTORY_CAP);
      set({
        source: 'file',
        lastAction: 'load',
        params,
        editNotices: [],
        loadedFile: { file, text, name },
        runFileError: null,
        runs,
        histories,
        spectra,
        divergences,
        // the file's final weights are the weights at its last step, the one shown
        digests: file.runs.map((r) => weightsDigest(r.final)),
        step,
        liveStep: step,
        steps: params.steps,
        status: step >= params.steps ? 'finished' : 'paused',
      });
      return true;
    },

    dismissRunFileError() {
      set({ runFileError: null });
    },

    async exportRun() {
      const loaded = get().loadedFile;
      return get().source === 'file' && loaded ? loaded.text : deps.client.exportRun();
    },

    async exportCsv() {
      const loaded = get().loadedFile;
      if (get().source === 'file' && loaded) {
        return historiesToCsv(
          loaded.file.runs,
          loaded.file.runs.map((r) => r.history),
        );
      }
      return deps.client.exportCsv();
    },

    async traceTrial(req) {
      if (get().source === 'file')
        throw new Error(
          'a loaded run file is shown: press Reset or Play to retrain it, then look inside a trial',
        );
      return deps.client.traceTrial(req);
    },
  };
}
