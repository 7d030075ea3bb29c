// Public API of the analytical mode theory (THEORY.md section 3): types, maps, ODEs, stability, runs.
// May import: the other files of src/theory only.
export type {
  Complex,
  LossKind,
  ModeFeedback,
  ModeRates,
  ModeState,
  ModeTeacher,
  ModeTrajectory,
  StopInfo,
  TheoryRule,
} from './types';
export { BLOWUP_LIMIT, iterateModeMap, modeLoss, modeLossInfinite, modeUpdate } from './mode-maps';
export type { IterateModeMapOptions } from './mode-maps';
export { W_EDGE, integrateModeOde, odeRates } from './mode-odes';
export type { IntegrateModeOdeOptions } from './mode-odes';
export {
  bpttSlowestS,
  eigenvalues3,
  lambdaPlusCurve,
  numericalJacobian,
  optimalPoint,
  quadraticRoots,
  saddleLoss,
  stabilityOnManifold,
} from './stability';
export type { ManifoldStability } from './stability';
export { rfloOnStableBranch, rfloSaddleEdge, rfloSaddleLevel } from './rflo-branches';
export { runTheory } from './run-theory';
export type {
  NotApplicable,
  RunTheoryInput,
  RunTheoryOutput,
  RunTheoryRule,
  TheoryTrace,
} from './run-theory';
export { normalizeRecord } from './steps';
export {
  THEORY_INPUT_KEYS,
  mapRuleFor,
  modeTheoryGap,
  odeRuleFor,
  predictModes,
  theoryInputs,
} from './predict';
export type { TheoryInputs, TheoryKind } from './predict';
export { lrLimitFromRoots, lrLimitOfMap, lrLimitOnManifold } from './lr-limit';
export { saddleEscapeSteps, saddleLinearisation } from './saddle-escape';
export type { SaddleRule } from './saddle-escape';
export { flowEndpoint, mapFlowEndpoint } from './flow-endpoint';
export { modeLrLimit, runLrLimit, runSaddleEscape } from './run-boundaries';
