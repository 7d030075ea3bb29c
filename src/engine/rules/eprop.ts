// e-prop with symmetric feedback and diagonal decay: our reading of Bellec et al. for linear units (THEORY 2).
// Imports engine types only.
//   ΔW = Σ_{t=1}^{T} diag(W)^{T−t} Aᵀ E[ε_T h_{t−1}ᵀ],   ΔB = same with x_{t−1}
// It keeps BPTT's readout Aᵀ but replaces the Jacobian chain (Wᵀ)^{T−t} by its diagonal, unit by unit.
import type { LearningRule } from './learning-rule';

export const eprop: LearningRule = {
  id: 'eprop',
  credit: { readout: 'A', decay: 'diagW' },
  lags: (p) => p.T,
};
