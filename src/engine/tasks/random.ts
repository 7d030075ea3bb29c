// The non-aligned task: a random stable teacher with its own hidden size and spectral radius (THEORY 4).
// Imports only engine modules (rng, linalg, params, task types).
import { scale, spectralRadius } from '../linalg';
import type { EngineParams } from '../params';
import { Rng } from '../rng';
import { gaussianFeedback, gaussianStudent } from './random-init';
import type { TaskInstance } from './task';

export function randomTask(p: EngineParams): TaskInstance {
  const rng = new Rng(p.seed, 'teacher');
  const nT = p.teacherN;
  const A = rng.gaussian(p.o, nT, 1 / Math.sqrt(nT));
  const B = rng.gaussian(nT, p.i, 1 / Math.sqrt(p.i));
  const raw = rng.gaussian(nT, nT, 1 / Math.sqrt(nT));
  const rho = spectralRadius(raw);
  // rescale so the teacher's spectral radius is exactly `radius` (a stable teacher for radius < 1)
  const W = rho > 0 ? scale(raw, p.radius / rho) : raw;
  return {
    teacher: { A, W, B },
    bases: null,
    student: (runSeed) => gaussianStudent(runSeed, p.n, p.i, p.o, p.initScale),
    feedback: (runSeed) => gaussianFeedback(runSeed, p.n, p.o),
  };
}
