// Adds each run's analytical "theory" (T → ∞ ODE) and "map" (finite-T map) blocks to a run file, with the
// same entry point the app's overlays use (./predict), so both say the same about every rule.
// May import: ./predict and engine types (the engine never imports theory).
import type { RunFile } from '../engine/run-file';
import { modeTheoryGap, predictModes } from './predict';

/** Why the mode theory does not describe these parameters, or null when it does (exactly or approximately). */
export const theoryInapplicable = (p: RunFile['params']): string | null => modeTheoryGap(p);

/** Fills runs[k].theory and runs[k].map in place (aligned tasks with an aligned start only). */
export function attachTheory(file: RunFile): RunFile {
  const p = file.params;
  if (theoryInapplicable(p)) return file;
  for (const run of file.runs) {
    const theory = predictModes(p, run.rule, 'ode', run.history.step);
    const map = predictModes(p, run.rule, 'map', run.history.step);
    if (run.rule === 'eprop') run.theory = theory;
    else {
      run.theory = theory;
      run.map = map;
    }
  }
  return file;
}
