// What every training plan offers the Simulation, and what it is built from. Types only (TF.js, engine types).
// A plan owns the batched weights of all runs in its own tensor layout and turns THEORY 2's updates into a fixed
// sequence of kernels; the Simulation drives it (intervals, divergence replay, snapshots).
import type * as tf from '@tensorflow/tfjs-core';
import type { RunInfo } from '../batch-layout';
import type { Matrix } from '../linalg';
import type { Weights } from '../network';
import type { EngineParams } from '../params';

export type PlanName = 'doubling' | 'chain' | 'sampled';

export interface PlanInputs {
  /** the parameters every run shares (shapes, rules, loss, gradient form) */
  params: EngineParams;
  runs: RunInfo[];
  /**
   * per run, its own parameters: equal to `params` in a plain simulation; in a sweep they differ in the per-run
   * keys (../cells: η, ŵ, the truncation… each run's constants and rate are built from its own entry)
   */
  runParams: EngineParams[];
  /** per run, the float32-rounded initial weights */
  initial: Weights[];
  /** per run, RFLO's feedback R (o×n) */
  feedback: Matrix[];
  /**
   * per run, its teacher's impulse responses E*_j = A* W*^j B* (o×i), j = 0..T−1. Runs with the same teacher share
   * one array (the plans test identity, not values, to keep a single shared copy when every run has one teacher).
   */
  teacherImpulse: Matrix[][];
  /** ω_j: each lag's weight in the loss (1 for the final-step loss, (T−j)/T for the sequence loss) */
  omega: number[];
}

/** One update of one run in THEORY's sign convention (θ ← θ − η Δθ). */
export interface Updates {
  dA: Matrix;
  dW: Matrix;
  dB: Matrix;
}

export interface PlanEvaluation {
  /** exact expected loss of every run at the current weights */
  loss: Float32Array;
  /** cosine between each run's expected ΔW and the BPTT gradient at the same weights */
  cos: Float32Array;
  /** 1 where every entry of the run's update is finite */
  updateFinite: Uint8Array;
}

/** A saved state to return to (cheap: it shares the tensors' data). */
export interface PlanCheckpoint {
  tensors: tf.Tensor[];
  /** the sampled form's generator states */
  rng: unknown;
}

export interface TrainingPlan {
  readonly name: PlanName;
  /** θ ← θ − η Δθ `count` times for every run that has not been stopped. Reads nothing back. */
  advance(count: number): void;
  /** exact loss and agreement with BPTT at the current weights, for every run (one read-back) */
  evaluate(): PlanEvaluation;
  /** every run's update at the current weights, not applied (tests, analysis); sampled: uses up a minibatch */
  updates(): Updates[];
  /** current weights of every run as plain float64 matrices (one read-back) */
  weights(): Weights[];
  checkpoint(): PlanCheckpoint;
  /** returns to a checkpoint (which stays valid until released) */
  restore(cp: PlanCheckpoint): void;
  release(cp: PlanCheckpoint): void;
  /** run k is never updated again; its working weights become harmless zeros (its last weights are the caller's) */
  freeze(run: number): void;
  dispose(): void;
}
