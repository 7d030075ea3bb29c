// The data-aligned task of THEORY 3: teacher, student and feedback built from per-mode values and U, V, P.
// Imports only engine modules (rng, linalg, params, task types).
import { chain, diagRect, identity, transpose } from '../linalg';
import type { EngineParams } from '../params';
import { Rng } from '../rng';
import { gaussianFeedback, gaussianStudent } from './random-init';
import type { Bases, TaskInstance } from './task';

/** A = U diag(a) Pᵀ, W = P diag(w) Pᵀ, B = P diag(b) Vᵀ (THEORY 3), for any per-mode values. */
export function alignedWeights(bases: Bases, a: number[], b: number[], w: number[]) {
  const { U, V, P } = bases;
  const o = U.length;
  const i = V.length;
  const n = P.length;
  const PT = transpose(P);
  return {
    A: chain(U, diagRect(a, o, n), PT),
    W: chain(P, diagRect(w, n, n), PT),
    B: chain(P, diagRect(b, n, i), transpose(V)),
  };
}

export function makeBases(p: Pick<EngineParams, 'seed' | 'basis' | 'n' | 'i' | 'o'>): Bases {
  if (p.basis === 'identity') return { U: identity(p.o), V: identity(p.i), P: identity(p.n) };
  const rng = new Rng(p.seed, 'bases');
  return { U: rng.orthogonal(p.o), V: rng.orthogonal(p.i), P: rng.orthogonal(p.n) };
}

export function alignedTask(p: EngineParams): TaskInstance {
  const bases = makeBases(p);
  const teacher = alignedWeights(bases, p.aStar, p.bStar, p.wStar);
  const student = alignedWeights(bases, p.a0, p.b0, p.w0);
  const feedback = chain(bases.U, diagRect(p.aHat, p.o, p.n), transpose(bases.P));
  return {
    teacher,
    bases,
    student: (runSeed) =>
      p.init === 'random' ? gaussianStudent(runSeed, p.n, p.i, p.o, p.initScale) : student,
    feedback: (runSeed) => (p.init === 'random' ? gaussianFeedback(runSeed, p.n, p.o) : feedback),
  };
}
