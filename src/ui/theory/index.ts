// Public API of the theory-in-the-app builders (issue 4): applicability, predictions, overlays, λ₊(s), phase portrait.
// May import: the other files of src/ui/theory only.
export {
  KIND_LABEL,
  W_NEAR_ONE,
  odeRuleFor,
  overallLevel,
  statusBadge,
  statusSummary,
  theoryStatus,
} from './applicability';
export type { StatusBadge, TheoryKind, TheoryLevel, TheoryStatus } from './applicability';
export {
  DEFAULT_BUDGET_MS,
  DEFAULT_POINTS,
  createPredictionCache,
  predictTheory,
  predictionCostMs,
  predictionSteps,
  theoryInputKey,
} from './predictions';
export type { RulePrediction } from './predictions';
export {
  ODE_LOSS_FLOOR,
  THEORY_WIDTH,
  odeLossFloor,
  lossOverlayTraces,
  modeOverlayTraces,
  overlayNotes,
  theoryDash,
  theoryName,
} from './overlays';
export type { OverlayNote, OverlayOptions } from './overlays';
export { STABLE_FILL, UNSTABLE_FILL, stabilityFigure } from './stability-figure';
export {
  THEORY_RULES,
  branchS,
  manifoldRates,
  modeConstants,
  phaseRuleFor,
  stabilityRules,
} from './manifold-rates';
export type { StabilityInput } from './stability-figure';
export { SADDLE_COLOR, phasePortraitFigure } from './phase-portrait';
export { FIELD_ALPHA, MANIFOLD_COLOR } from './phase-traces';
export type { PhaseInput } from './phase-portrait';
export {
  initRange,
  manifoldBranches,
  niceCeil,
  phaseBounds,
  phaseField,
  pixelToData,
  pointToModeInit,
} from './phase-geometry';
export type { FieldArrow, PhaseBounds, PlotlyAxisLike } from './phase-geometry';
export type { ExtAxis, ExtLayout, ExtTrace, Shape, TheoryFigure } from './plotly-extra';
export { cursorShapes, moveCursor, type PhaseCursor } from './phase-cursor';
