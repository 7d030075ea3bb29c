// One chart card: heading with an ⓘ for what it shows, optional tools (selectors), a table view, PNG (1× and 2× for
// slides) and SVG export, the Plotly drawing filling the card, and an optional footer.
// May import: react, ./PlotlyChart, ./FigureTable, ./plotly-loader, ../plot/plotly-types.
import { type MouseEvent, type ReactNode, useRef, useState } from 'react';
import type { Figure } from '../plot/plotly-types';
import { FigureTable } from './FigureTable';
import { loadPlotly } from './plotly-loader';
import { PlotlyChart } from './PlotlyChart';

interface Props {
  /** 'loss', 'modes', 'rank', 'agreement', …: names test ids (loss-chart, chart-png-loss, …) and files */
  name: string;
  title: string;
  /** what the chart shows: behind the ⓘ */
  children: ReactNode;
  /** null: nothing to draw (the help text says why); no export buttons */
  figure: Figure | null;
  live: boolean;
  frozen: boolean;
  /** controls shown in the heading row, before the export buttons (e.g. a mode selector) */
  tools?: ReactNode;
  /** shown under the chart (e.g. notes on the theory overlay) */
  footer?: ReactNode;
  /** a click anywhere on the chart's container (Plotly's own click events fire on data points only) */
  onChartClick?: (e: MouseEvent<HTMLDivElement>) => void;
  /** shown instead of the drawing when there is no figure */
  empty?: ReactNode;
}

export function ChartPanel({
  name,
  title,
  children,
  figure,
  live,
  frozen,
  tools,
  footer,
  onChartClick,
  empty,
}: Props) {
  const graph = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [table, setTable] = useState(false);
  const headingId = `chart-${name}-title`;

  const download = async (format: 'png' | 'svg', scale = 1) => {
    const el = graph.current;
    if (!el || !figure) return;
    try {
      const plotly = await loadPlotly();
      await plotly.downloadImage(el, {
        format,
        filename: `locality-lab-${name}${scale > 1 ? `@${scale}x` : ''}`,
        width: Math.max(600, el.clientWidth),
        height: Math.max(300, el.clientHeight),
        scale,
      });
      setExportError(null);
    } catch (err) {
      setExportError(`Export failed: ${String(err)}`);
    }
  };

  return (
    <section className="chart-panel" aria-labelledby={headingId} data-testid={`${name}-panel`}>
      <div className="chart-head">
        <h2 id={headingId}>{title}</h2>
        {/* with nothing to draw, the help is the card's body (it says why) instead of behind the ⓘ */}
        {figure && (
          <details className="chart-info">
            <summary
              data-testid={`chart-info-${name}`}
              aria-label={`What the ${title} chart shows`}
              title="What this chart shows"
            >
              <span className="info-icon" aria-hidden="true">
                i
              </span>
            </summary>
            <div className="chart-help" data-testid={`chart-help-${name}`}>
              {children}
            </div>
          </details>
        )}
        {tools && <div className="chart-tools">{tools}</div>}
        {figure && (
          <div className="chart-actions" role="group" aria-label={`Export ${title}`}>
            <button
              type="button"
              aria-pressed={table}
              data-testid={`chart-table-${name}`}
              onClick={() => setTable(!table)}
            >
              Table
            </button>
            <button type="button" data-testid={`chart-png-${name}`} onClick={() => void download('png')}>
              PNG
            </button>
            <button
              type="button"
              data-testid={`chart-png2-${name}`}
              title="PNG at twice the resolution, for slides"
              onClick={() => void download('png', 2)}
            >
              PNG 2×
            </button>
            <button type="button" data-testid={`chart-svg-${name}`} onClick={() => void download('svg')}>
              SVG
            </button>
          </div>
        )}
      </div>
      {exportError && <p role="alert">{exportError}</p>}
      {!figure && <div className="chart-empty">{empty ?? children}</div>}
      {figure && table && <FigureTable figure={figure} title={title} name={name} />}
      {figure && (
        <PlotlyChart
          figure={figure}
          testId={`${name}-chart`}
          label={title}
          containerRef={graph}
          live={live}
          frozen={frozen}
          hidden={table}
          onClick={onChartClick}
        />
      )}
      {footer}
    </section>
  );
}
