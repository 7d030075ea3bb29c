// A small SVG heat map of a matrix on a symmetric blue–white–red scale; optionally a synapse picker (click a cell).
// May import: ./microscope-view, engine types.
import type { Matrix } from '../../engine/linalg';
import { formatNumber, heatCells, maxAbsOf } from './microscope-view';

interface Props {
  m: Matrix;
  /** accessible name, e.g. "W of the network" */
  label: string;
  /** side of the square drawing in pixels */
  size?: number;
  /** a shared colour scale (default: this matrix's largest magnitude) */
  max?: number;
  selected?: readonly [number, number] | null;
  onPick?(cell: [number, number]): void;
  testId?: string;
}

export function HeatMap({ m, label, size = 140, max, selected, onPick, testId }: Props) {
  const rows = m.length;
  const cols = rows ? m[0].length : 0;
  const cell = size / Math.max(rows, cols, 1);
  const scale = max ?? maxAbsOf(m.flat());
  return (
    <svg
      className={`heat-map${onPick ? ' pickable' : ''}`}
      width={cols * cell}
      height={rows * cell}
      viewBox={`0 0 ${cols * cell} ${rows * cell}`}
      role="img"
      aria-label={`${label}: ${rows}×${cols}, largest magnitude ${formatNumber(scale)}`}
      data-testid={testId}
    >
      {heatCells(m, scale).map((c) => (
        <rect
          key={`${c.row}-${c.col}`}
          x={c.col * cell}
          y={c.row * cell}
          width={cell}
          height={cell}
          fill={c.fill}
          data-cell={`${c.row},${c.col}`}
          onClick={onPick ? () => onPick([c.row, c.col]) : undefined}
        >
          <title>{`(${c.row + 1}, ${c.col + 1}): ${formatNumber(c.value)}`}</title>
        </rect>
      ))}
      {selected && (
        <rect
          className="heat-selected"
          x={selected[1] * cell + 1}
          y={selected[0] * cell + 1}
          width={Math.max(cell - 2, 1)}
          height={Math.max(cell - 2, 1)}
          fill="none"
          pointerEvents="none"
        />
      )}
    </svg>
  );
}
