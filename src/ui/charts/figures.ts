// The four charts as PURE functions of a snapshot: {data, layout} for Plotly, unit-tested without React, one
// module per chart under ./figures/. Overlays (theory) append traces later using the exported grids (lossGrid,
// modeGrid, …): every builder puts run traces first.
export type { FigureInput } from '../plot/figure-parts';
export { lossCell, lossGrid, MAX_MODE_PANELS, modeCells, modeGrid } from '../plot/figure-grids';
export { lossFigure, lossRange } from './figures/loss';
export { modesFigure, paddedRange } from './figures/modes';
export { rankFigure, rankGrid } from './figures/rank';
export { agreementFigure, agreementGrid } from './figures/agreement';
