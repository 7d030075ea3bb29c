// One chart card: heading, what it shows, optional tools (selectors), PNG/SVG export buttons, the Plotly drawing
// and an optional footer. May import: react, ./PlotlyChart, ./plotly-loader, ./plotly-types.
import { type MouseEvent, type ReactNode, useRef, useState } from 'react';
import { loadPlotly } from './plotly-loader';
import { PlotlyChart } from './PlotlyChart';
import type { Figure } from '../plot/plotly-types';

interface Props {
  /** 'loss', 'modes', 'rank', 'agreement', …: names test ids (loss-chart, chart-png-loss, …) and files */
  name: string;
  title: string;
  children: ReactNode;
  /** null: nothing to draw (the help text says why); no export buttons */
  figure: Figure | null;
  wide?: boolean;
  live: boolean;
  frozen: boolean;
  /** controls shown in the heading row, before the export buttons (e.g. a mode selector) */
  tools?: ReactNode;
  /** shown under the chart (e.g. notes on the theory overlay) */
  footer?: ReactNode;
  /** a click anywhere on the chart's container (Plotly's own click events fire on data points only) */
  onChartClick?: (e: MouseEvent<HTMLDivElement>) => void;
}

export function ChartPanel({
  name,
  title,
  children,
  figure,
  wide,
  live,
  frozen,
  tools,
  footer,
  onChartClick,
}: Props) {
  const graph = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const headingId = `chart-${name}-title`;

  const download = async (format: 'png' | 'svg') => {
    const el = graph.current;
    if (!el || !figure) return;
    try {
      const plotly = await loadPlotly();
      await plotly.downloadImage(el, {
        format,
        filename: `locality-lab-${name}`,
        width: Math.max(600, el.clientWidth),
        height: figure.layout.height ?? el.clientHeight,
      });
      setExportError(null);
    } catch (err) {
      setExportError(`Export failed: ${String(err)}`);
    }
  };

  return (
    <section className={`chart-panel${wide ? ' wide' : ''}`} aria-labelledby={headingId}>
      <div className="chart-head">
        <h2 id={headingId}>{title}</h2>
        {tools && <div className="chart-tools">{tools}</div>}
        {figure && (
          <div className="chart-actions" role="group" aria-label={`Export ${title}`}>
            <button type="button" data-testid={`chart-png-${name}`} onClick={() => void download('png')}>
              PNG
            </button>
            <button type="button" data-testid={`chart-svg-${name}`} onClick={() => void download('svg')}>
              SVG
            </button>
          </div>
        )}
      </div>
      <div className="chart-help">{children}</div>
      {exportError && <p role="alert">{exportError}</p>}
      {figure && (
        <PlotlyChart
          figure={figure}
          testId={`${name}-chart`}
          label={title}
          containerRef={graph}
          live={live}
          frozen={frozen}
          onClick={onChartClick}
        />
      )}
      {footer}
    </section>
  );
}
