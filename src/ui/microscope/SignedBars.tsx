// Signed values as vertical bars about a zero line (a vector x_t, h_t, a trace, a learning signal, or one rule's
// contributions over t). May import: ./microscope-view.
import { formatNumber, maxAbsOf, signedBars } from './microscope-view';

interface Props {
  values: readonly number[];
  label: string;
  color?: string;
  /** a shared scale across panels that should compare (default: these values' largest magnitude) */
  max?: number;
  width?: number;
  height?: number;
  /** one bar drawn emphasised (the current time step) */
  highlight?: number;
  /** labels bar k (default: its 1-based index) */
  name?(k: number): string;
  testId?: string;
}

export function SignedBars({
  values,
  label,
  color = '#444444',
  max,
  width = 160,
  height = 56,
  highlight,
  name = (k) => String(k + 1),
  testId,
}: Props) {
  const scale = max ?? maxAbsOf(values);
  const bars = signedBars(values, width, height, scale);
  return (
    <svg
      className="signed-bars"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${values.map(formatNumber).join(', ')}`}
      data-testid={testId}
    >
      <line x1={0} x2={width} y1={height / 2} y2={height / 2} className="zero-line" />
      {bars.map((b) => (
        <rect
          key={b.index}
          x={b.x}
          y={b.y}
          width={b.width}
          height={Math.max(b.height, b.value === 0 ? 0 : 0.5)}
          fill={color}
          opacity={highlight === undefined || highlight === b.index ? 1 : 0.35}
          className={highlight === b.index ? 'bar-current' : undefined}
        >
          <title>{`${name(b.index)}: ${formatNumber(b.value)}`}</title>
        </rect>
      ))}
    </svg>
  );
}
