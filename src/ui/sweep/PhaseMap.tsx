// One rule's phase diagram as SVG: a cell per grid point in its outcome's (or value's) colour, each a link to its
// run, with the theory's boundaries drawn over it. May import: react, ./phase-map, ./boundaries.
import type { Boundary } from '../../state/sweep-boundaries';
import { axisPosition, type PhaseMapModel, type SweepView } from './phase-map';
import { ruleLabel } from '../rule-style';

const PLOT = 240;
const LEFT = 64;
const BOTTOM = 40;
const TOP = 8;
const ROW_1D = 28;

const tick = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString());

export function PhaseMap({
  view,
  map,
  boundaries,
}: {
  view: SweepView;
  map: PhaseMapModel;
  boundaries: Boundary[];
}) {
  const nx = view.x.values.length;
  const ny = view.y ? view.y.values.length : 1;
  const cw = PLOT / nx;
  const height = view.y ? PLOT : ROW_1D;
  const ch = height / ny;
  const X = (v: number) => LEFT + axisPosition(view.x.axis, v) * cw;
  // y grows upwards; a one-axis sweep's boundaries span its row (y from 0 to 1)
  const Y = (v: number) => TOP + height - (view.y ? axisPosition(view.y.axis, v) * ch : v * height);
  const ticks = (values: number[]) =>
    [...new Set([0, Math.floor((values.length - 1) / 2), values.length - 1])].map((k) => ({
      k,
      v: values[k],
    }));
  const clip = `sweep-clip-${map.rule}`;
  return (
    <figure className="phase-map" data-testid={`phase-map-${map.rule}`}>
      <figcaption>{ruleLabel(map.rule)}</figcaption>
      <svg
        width={LEFT + PLOT + 8}
        height={TOP + height + BOTTOM}
        // a group, not an image: it holds a link per cell (an image's content is not interactive)
        role="group"
        aria-label={`Phase diagram of ${ruleLabel(map.rule)} over ${view.x.name}${view.y ? ` and ${view.y.name}` : ''}`}
      >
        <defs>
          <clipPath id={clip}>
            <rect x={LEFT} y={TOP} width={PLOT} height={height} />
          </clipPath>
        </defs>
        {map.cells.map((c) => (
          <a key={c.cell} href={c.query} aria-label={c.title}>
            <rect
              x={LEFT + c.i * cw}
              y={TOP + height - (c.j + 1) * ch}
              width={cw}
              height={ch}
              fill={c.fill}
              data-testid="sweep-cell"
              data-cell={c.cell}
              data-outcome={c.outcome}
              data-final-loss={c.finalLoss ?? ''}
            >
              <title>{c.title}</title>
            </rect>
          </a>
        ))}
        <g clipPath={`url(#${clip})`} pointerEvents="none">
          {boundaries.map((b) => (
            <path
              key={`${b.kind}-${b.mode}`}
              className={`boundary boundary-${b.kind}`}
              data-testid={`boundary-${b.kind}`}
              d={b.lines
                .map((line) =>
                  line.map(([x, y], k) => `${k ? 'L' : 'M'}${X(x).toFixed(2)},${Y(y).toFixed(2)}`).join(''),
                )
                .join('')}
            />
          ))}
        </g>
        <rect className="frame" x={LEFT} y={TOP} width={PLOT} height={height} fill="none" />
        {ticks(view.x.values).map(({ k, v }) => (
          <text
            key={`x${k}`}
            className="tick"
            x={LEFT + (k + 0.5) * cw}
            y={TOP + height + 14}
            textAnchor="middle"
          >
            {tick(v)}
          </text>
        ))}
        <text className="axis-name" x={LEFT + PLOT / 2} y={TOP + height + 32} textAnchor="middle">
          {view.x.name}
        </text>
        {view.y &&
          ticks(view.y.values).map(({ k, v }) => (
            <text
              key={`y${k}`}
              className="tick"
              x={LEFT - 4}
              y={TOP + height - (k + 0.5) * ch + 4}
              textAnchor="end"
            >
              {tick(v)}
            </text>
          ))}
        {view.y && (
          <text
            className="axis-name"
            transform={`translate(11 ${TOP + height / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {view.y.name}
          </text>
        )}
      </svg>
    </figure>
  );
}
