// RFLO, random feedback local online learning (Murray 2019; THEORY 2 and 2.1).
// Imports engine types only.
//   ΔW = Σ_{t=1}^{T} ŵ^{T−t} Rᵀ E[ε_T h_{t−1}ᵀ],   ΔB = same with x_{t−1}
// It replaces BPTT's Jacobian chain (Wᵀ)^{T−t} by the scalar decay ŵ^{T−t} and the readout Aᵀ by the fixed Rᵀ,
// so every update is Rᵀ times something: ΔW's columns stay in range(Rᵀ) (THEORY 4).
import type { LearningRule } from './learning-rule';

export const rflo: LearningRule = {
  id: 'rflo',
  credit: { readout: 'R', decay: 'what' },
  lags: (p) => p.T,
};
