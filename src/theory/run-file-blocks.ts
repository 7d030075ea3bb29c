// Adds each run's analytical "theory" (T → ∞ ODE) and "map" (finite-T map) blocks to a run file (issue 4).
// May import: ./run-theory and engine types (the engine never imports theory).
import type { RunFile } from '../engine/run-file';
import { runTheory } from './run-theory';

/** Why the mode theory does not describe these parameters, or null when it does (exactly or approximately). */
export function theoryInapplicable(p: RunFile['params']): string | null {
  if (p.task !== 'aligned') return 'the mode theory needs the aligned task (THEORY 3)';
  if (p.init !== 'aligned')
    return 'the student does not start aligned (init=random), so modes are not independent';
  return null;
}

/** Fills runs[k].theory and runs[k].map in place (aligned tasks only; e-prop gets a notApplicable note). */
export function attachTheory(file: RunFile): RunFile {
  const p = file.params;
  if (theoryInapplicable(p)) return file;
  for (const run of file.runs) {
    const out = runTheory({
      rule: run.rule,
      modes: { aStar: p.aStar, bStar: p.bStar, wStar: p.wStar, a0: p.a0, b0: p.b0, w0: p.w0, aHat: p.aHat },
      what: p.what,
      T: p.T,
      lr: p.lr,
      loss: p.loss,
      truncation: p.truncation,
      steps: run.history.step,
    });
    if ('notApplicable' in out) run.theory = out;
    else {
      run.theory = out.theory;
      run.map = out.map;
    }
  }
  return file;
}
