// The panel grids of the loss and modes figures, shared by the chart builders (ui/charts) and the theory overlays
// (ui/theory), which place their traces on the same axes. May import: ./panel-grid, ./figure-parts types.
import type { FigureInput } from './figure-parts';
import { type Cell, type Grid, panelGrid } from './panel-grid';

/** At most this many modes get their own small multiple (the rest are named in a note). */
export const MAX_MODE_PANELS = 6;

export const lossGrid = (input: Pick<FigureInput, 'narrow' | 'present' | 'heightPx'>): Grid =>
  panelGrid(input, [1], { rowPx: 240 });

/** The loss panel's axes (for overlays). */
export const lossCell = (): Cell => lossGrid({}).cells[0][0];

/**
 * Cells of the modes figure on the aligned task: row 0 a·b per mode, row 1 w per mode, row 2 alignment: the
 * teacher-basis fractions of A, W, B for an aligned start, the four basis-free measures for a random one.
 */
export function modeGrid(
  input: Pick<FigureInput, 'narrow' | 'present' | 'heightPx'>,
  modes: number,
  alignmentPanels = 3,
): Grid {
  const shown = Math.min(modes, MAX_MODE_PANELS);
  return panelGrid(input, [shown, shown, alignmentPanels], { rowPx: 130, gapX: 0.06 });
}

/** The modes figure's axes for `modes` modes (for overlays; the ids do not depend on screen width). */
export const modeCells = (modes: number): Cell[][] => modeGrid({}, modes).cells;
