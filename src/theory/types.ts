// Shared types of the analytical mode theory (THEORY.md sections 3, 3.1-3.3): one aligned mode's state.
// May import: nothing (plain TypeScript types only).

/** Rules the mode theory covers (THEORY 3: e-prop is not diagonal in the mode bases). */
export type TheoryRule = 'bptt' | 'tbptt' | 'rflo';

/** Student mode values (a, b, w): A = U diag(a) P^T, W = P diag(w) P^T, B = P diag(b) V^T (THEORY 3). */
export type ModeState = { a: number; b: number; w: number };

/** Teacher mode values (a*, b*, w*); the theory only uses p = a* b* and q = w* (THEORY 3). */
export type ModeTeacher = { aStar: number; bStar: number; wStar: number };

/** RFLO constants of one mode: feedback value â (R = U diag(â) P^T) and trace decay ŵ (THEORY 3). */
export type ModeFeedback = { aHat: number; what: number };

/** 'final': L_T; 'sequence': L_seq = (1/T) Σ_{t=1..T} L_t (THEORY 1). */
export type LossKind = 'final' | 'sequence';

/** Per-mode rates (Δa, Δb, Δw); parameters move by θ ← θ − η Δθ (THEORY 2). */
export type ModeRates = { da: number; db: number; dw: number };

/** Why a trajectory stopped early; `step` is the first training step that could not be reached. */
export type StopInfo = { step: number; reason: string };

/** A trajectory of one mode sampled at the recorded training steps (step 0 = initial state). */
export type ModeTrajectory = {
  step: number[];
  a: number[];
  b: number[];
  w: number[];
  loss: number[];
  stopped: null | StopInfo;
};

/** A complex number (eigenvalues, THEORY 3.3). */
export type Complex = { re: number; im: number };
