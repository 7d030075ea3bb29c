// Truncated BPTT (k = truncation; k = 1 is "one-step"): BPTT's sum with every lag s ≥ k dropped (THEORY 2).
// Imports engine types only.
//   ΔW = Σ_{t=T−k+1}^{T} (Wᵀ)^{T−t} Aᵀ E[ε_T h_{t−1}ᵀ];  k = 1: ΔW = Aᵀ E[ε_T h_{T−1}ᵀ], ΔB = Aᵀ E[ε_T x_{T−1}ᵀ]
// It keeps the true readout Aᵀ, which is what separates it from RFLO with ŵ = 0.
import type { LearningRule } from './learning-rule';

export const tbptt: LearningRule = {
  id: 'tbptt',
  credit: { readout: 'A', decay: 'W' },
  lags: (p) => Math.min(p.truncation, p.T),
};
