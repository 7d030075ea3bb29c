// The learning-rule interface: a rule is the "credit" it sends from the output error back s steps.
// Imports engine types only.
import type { EngineParams, RuleId } from '../params';

/**
 * Every rule of THEORY 2 has the form ΔW = Σ_{s=0}^{T−1} credit_sᵀ E[ε_T h_{T−1−s}ᵀ] (ΔB likewise with x) and
 * shares the readout update ΔA = E[ε_T h_Tᵀ]. The credit (o×n) is
 *
 *     credit_s = [s < lags] · readout · decay^s
 *
 * so a rule is three choices: which readout carries the error back (the student's A, or RFLO's fixed random R),
 * what replaces the true Jacobian chain W^s (the chain itself, its diagonal, or the scalar ŵ^s), and how many lags
 * it keeps. Each training plan (src/engine/plans) turns this description into tensor operations.
 */
export interface CreditSpec {
  readout: 'A' | 'R';
  decay: 'W' | 'diagW' | 'what';
}

/** Display names live in ui/rule-style (ruleLabel) and equations in the About panel: the engine needs neither. */
export interface LearningRule {
  id: RuleId;
  credit: CreditSpec;
  /** lags kept: credit_s = 0 for s ≥ lags */
  lags(p: Pick<EngineParams, 'T' | 'truncation'>): number;
}

/** The rule sends its error through the fixed feedback R (so R is part of its run). */
export const usesFeedback = (rule: LearningRule): boolean => rule.credit.readout === 'R';

/** credit_s's scalar factor for a constant-credit rule (RFLO): ŵ^s inside the window, 0 outside. */
export function constantLagWeight(
  rule: LearningRule,
  p: Pick<EngineParams, 'T' | 'truncation' | 'what'>,
  s: number,
): number {
  return s < rule.lags(p) ? Math.pow(p.what, s) : 0;
}
