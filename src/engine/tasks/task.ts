// The task interface: a teacher, optional data-aligned bases, and each run seed's student and feedback.
// Imports only engine types.
import type { Matrix } from '../linalg';
import type { Weights } from '../network';

/** Orthogonal U (o×o), V (i×i), P (n×n) of a data-aligned task (THEORY 3). */
export interface Bases {
  U: Matrix;
  V: Matrix;
  P: Matrix;
}

export interface TaskInstance {
  teacher: Weights;
  /** the aligned task's bases (modes are read back in them); null for the random task */
  bases: Bases | null;
  /** initial student weights for one run seed (identical for every rule of that seed: a paired comparison) */
  student(runSeed: number): Weights;
  /** RFLO's fixed feedback R (o×n) for one run seed */
  feedback(runSeed: number): Matrix;
}
