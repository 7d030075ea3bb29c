// Subplot grids for the figure builders: panel domains and axis ids in reading order, wrapped on narrow screens.
// May import: ./figure-parts types only (pure).
import type { FigureInput } from './figure-parts';

export interface Cell {
  /** trace references ('x', 'x2', …) */
  x: string;
  y: string;
  /** layout keys ('xaxis', 'xaxis2', …) */
  xKey: `xaxis${string}`;
  yKey: `yaxis${string}`;
  xDomain: [number, number];
  yDomain: [number, number];
  /** in the bottom row (the only one whose step axis is titled) */
  bottom: boolean;
}

export interface GridOptions {
  /** panel height in px (scaled up in projector mode) */
  rowPx: number;
  /** px between rows: room for the x tick labels and the next row's panel titles */
  gapYPx?: number;
  /** fraction of the width between columns */
  gapX?: number;
}

export interface Grid {
  /** logical rows as asked for; on narrow screens a row wraps onto several physical rows */
  cells: Cell[][];
  /** height of the panels' area in px */
  plotHeight: number;
}

/**
 * Subplot cells for rows of `columns[r]` panels. Axis ids are numbered in reading order, so a cell's ids
 * (what overlays need) are the same whether or not a narrow screen wraps its row.
 */
export function panelGrid(
  input: Pick<FigureInput, 'narrow' | 'present' | 'heightPx'>,
  columns: number[],
  opts: GridOptions,
): Grid {
  const maxColumns = input.narrow ? 2 : Infinity;
  const scale = input.present ? 1.3 : 1;
  let rowPx = opts.rowPx * scale;
  let gapYPx = (opts.gapYPx ?? 64) * scale;
  // side-by-side phone panels need a wider gutter, or the tick labels of neighbours run together
  const gapX = Math.max(opts.gapX ?? 0.08, input.narrow ? 0.16 : 0);
  // physical rows: [logical row, first column, count]
  const physical: { row: number; start: number; count: number; width: number }[] = [];
  columns.forEach((cols, row) => {
    const width = Math.min(cols, maxColumns);
    for (let start = 0; start < cols; start += width)
      physical.push({ row, start, count: Math.min(width, cols - start), width });
  });
  if (input.heightPx) {
    // fit the card: the margins (axis title, legend) are what baseLayout adds; rows share the rest, and the gaps
    // keep room for tick labels and the next row's titles (they shrink a little on a small card, never below 44 px)
    const margins = input.present ? 150 + 40 : 80 + 30 + 21;
    const rows = physical.length;
    const free = Math.max(rows * 40, input.heightPx - margins);
    gapYPx = rows > 1 ? Math.max(44 * scale, Math.min(gapYPx, (0.3 * free) / (rows - 1))) : gapYPx;
    rowPx = Math.max(36, (free - (rows - 1) * gapYPx) / rows);
  }
  const plotHeight = physical.length * rowPx + (physical.length - 1) * gapYPx;
  const cells: Cell[][] = columns.map(() => []);
  let id = 0;
  physical.forEach((p, r) => {
    const top = 1 - (r * (rowPx + gapYPx)) / plotHeight;
    const bottom = top - rowPx / plotHeight;
    const width = (1 - gapX * (p.width - 1)) / p.width;
    for (let c = 0; c < p.count; c++) {
      id++;
      const suffix = id === 1 ? '' : String(id);
      const left = c * (width + gapX);
      cells[p.row].push({
        x: `x${suffix}`,
        y: `y${suffix}`,
        xKey: `xaxis${suffix}` as const,
        yKey: `yaxis${suffix}` as const,
        xDomain: [left, Math.min(1, left + width)],
        yDomain: [Math.max(0, bottom), Math.min(1, top)],
        bottom: r === physical.length - 1,
      });
    }
  });
  return { cells, plotHeight };
}

/** The same cells in plain fractions of the figure (rows of equal height; gaps as fractions). */
export function grid(columns: number[], gapX = 0.08, gapY = 0.16): Cell[][] {
  const rows = columns.length;
  return panelGrid({}, columns, { rowPx: (1 - gapY * (rows - 1)) / rows, gapYPx: gapY, gapX }).cells;
}
