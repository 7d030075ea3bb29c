// Builds a run file from a finished (or paused) simulation and its recorded history.
// Imports engine modules only.
import { runChecksum } from './checksum';
import type { HistoryRecorder } from './history';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile } from './run-file';
import type { Simulation } from './simulation';
import { RULES, usesFeedback } from './rules';

/**
 * The run file of one cell (a plain simulation has one, cell 0: all its runs): that cell's parameters, teacher and
 * runs, as `simulate` would write for those parameters alone.
 */
export function buildRunFile(sim: Simulation, recorder: HistoryRecorder, backend: string, cell = 0): RunFile {
  const finals = sim.weights();
  const diverged = sim.divergences();
  const task = sim.tasks[cell];
  const runs = sim.runs.map((run, k) => ({ run, k })).filter(({ k }) => sim.cellOf[k] === cell);
  return {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    backend,
    checksum: runChecksum(runs.map(({ k }) => finals[k])),
    params: sim.cells[cell],
    teacher: task.teacher,
    ...(task.bases ? { bases: task.bases } : {}),
    runs: runs.map(({ run, k }) => ({
      rule: run.rule,
      seed: run.seed,
      initial: sim.initial[k],
      final: finals[k],
      ...(usesFeedback(RULES[run.rule]) ? { R: sim.feedback[k] } : {}),
      diverged: diverged[k],
      history: recorder.histories[k],
      spectrum: recorder.spectra[k],
    })),
  };
}

/**
 * Trains to `steps`, recording step 0, every `every` steps and the last step, and stops early once every run has
 * diverged (the app's worker does the same: nothing is left to train). `onProgress` is called after each chunk
 * (the CLI's progress bar; with `steps` when it stops early). Returns the recorder.
 */
export function trainAndRecord(
  sim: Simulation,
  recorder: HistoryRecorder,
  onProgress?: (step: number) => void,
): HistoryRecorder {
  const { steps, every } = sim.params;
  const allStopped = () => sim.divergences().every((d) => d !== null);
  if (sim.step === 0) recorder.record(sim.snapshot());
  while (sim.step < steps && !allStopped()) {
    const next = Math.min(steps, (Math.floor(sim.step / every) + 1) * every);
    sim.stepMany(next - sim.step);
    recorder.record(sim.snapshot());
    onProgress?.(allStopped() ? steps : sim.step);
  }
  return recorder;
}
