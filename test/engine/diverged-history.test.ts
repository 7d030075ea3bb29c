// A run that diverged stops recording at its divergence: its later records are empty (null), the other runs go
// on, and the summary says where it diverged instead of showing the blown-up value as a final loss.
import { describe, expect, it } from 'vitest';
import { appendSnapshotRun, emptyHistory, HistoryRecorder } from '../../src/engine/history';
import { trainAndRecord } from '../../src/engine/run-builder';
import type { Snapshot } from '../../src/engine/simulation';
import { Simulation } from '../../src/engine/simulation';
import { summarize } from '../../src/ui/summary';
import { finalLossText } from '../../src/ui/summary';
import { params, withBackend } from './helpers';

withBackend();

describe('diverged runs', () => {
  it('a run whose lr is far too large: finite records up to the divergence, empty ones after', () => {
    const p = params({ rules: ['bptt', 'rflo'], lr: 8, steps: 200, every: 10 });
    const sim = new Simulation(p);
    const rec = trainAndRecord(sim, new HistoryRecorder(sim.runs.length));
    const snap = sim.snapshot();
    sim.dispose();
    sim.runs.forEach((run, k) => {
      const d = snap.diverged[k];
      expect(d, `${run.rule} diverges at lr = 8`).not.toBeNull();
      const h = rec.histories[k];
      h.step.forEach((step, r) => {
        const where = `${run.rule} step ${step} (diverged at ${d!.step})`;
        if (step < d!.step) expect(h.loss[r], where).not.toBeNull();
        // the first record at or after the divergence is where the run is known to have stopped
        if (step >= d!.step + p.every) {
          expect(h.loss[r], where).toBeNull();
          expect(h.cosAR[r], where).toBeNull();
          expect(h.effRankW[r], where).toBeNull();
          expect(h.a[r].every(Number.isNaN), where).toBe(true);
        }
      });
      expect(h.loss.at(-1)).toBeNull();
    });
    const rows = summarize(sim.runs, rec.histories, snap.diverged);
    for (const r of rows) {
      expect(r.finalLossMedian).toBeNull();
      expect(finalLossText(r)).toMatch(/^diverged at step \d+$/);
    }
  });

  it('only the diverged run stops; the others keep recording and keep their final loss', () => {
    const metrics = (loss: number) => ({ ...fakeMetrics, loss });
    const s = (step: number, second: boolean): Snapshot => ({
      step,
      runs: [metrics(1 / (step + 1)), metrics(1e27)],
      diverged: [null, second ? { step: 15, reason: 'loss too large' } : null],
    });
    const h = [emptyHistory(), emptyHistory()];
    for (const [step, stopped] of [
      [0, false],
      [10, false],
      [20, true],
      [30, true],
    ] as const)
      [0, 1].forEach((k) => appendSnapshotRun(h[k], s(step, stopped), k));
    expect(h[0].loss).toEqual([1, 1 / 11, 1 / 21, 1 / 31]);
    expect(h[1].loss).toEqual([1e27, 1e27, null, null]);
    expect(h[1].step).toEqual(h[0].step); // aligned for thinning and the seed median
    const [first, second] = summarize([{ rule: 'bptt' }, { rule: 'rflo' }], h, [
      null,
      { step: 15, reason: 'loss too large' },
    ]);
    expect(finalLossText(first)).toBe((1 / 31).toExponential(2));
    expect(finalLossText(second)).toBe('diverged at step 15');
  });
});

const fakeMetrics = {
  loss: 1,
  modes: null,
  alignment: null,
  basisFree: null,
  sigmaW: [1],
  sigmaB: [1],
  rankW: 1,
  effRankW: 1,
  rankB: 1,
  effRankB: 1,
  residualR: null,
  cosBptt: 1,
  cosAR: 0,
};
