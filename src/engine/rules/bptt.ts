// BPTT: the exact gradient of the loss (THEORY 2, first row; Eq. 2.2 "BPTT").
// Imports engine types only.
//   ΔW = Σ_{t=1}^{T} (Wᵀ)^{T−t} Aᵀ E[ε_T h_{t−1}ᵀ],   ΔB = same with x_{t−1}
// so credit_s = A W^s: the true Jacobian chain from hidden state at T−s to the output.
import type { LearningRule } from './learning-rule';

export const bptt: LearningRule = {
  id: 'bptt',
  credit: { readout: 'A', decay: 'W' },
  lags: (p) => p.T,
};
