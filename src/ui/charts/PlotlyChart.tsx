// A thin Plotly component: draws a prebuilt {data, layout} into its container (Plotly.react), nothing else.
// May import: react, ./plotly-loader, ./plotly-types.
import { type MouseEvent, type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { loadPlotly, PLOT_CONFIG, type Plotly } from './plotly-loader';
import type { Figure } from './plotly-types';

/** While training, a chart redraws at most this often… */
const MIN_GAP_MS = 120;
/** …and spends at most 1/(1 + COST_FACTOR) of the time redrawing (Plotly's cost grows with traces and panels). */
const COST_FACTOR = 5;

interface Props {
  figure: Figure;
  testId: string;
  label: string;
  containerRef: RefObject<HTMLDivElement | null>;
  /** training is running: redraws may be paced; otherwise each figure is drawn at once */
  live: boolean;
  /** "run to end" is not an animation: nothing is redrawn until it stops */
  frozen?: boolean;
  /** a click on the container (anywhere on the drawing) */
  onClick?: (e: MouseEvent<HTMLDivElement>) => void;
}

export function PlotlyChart({ figure, testId, label, containerRef, live, frozen = false, onClick }: Props) {
  const [plotly, setPlotly] = useState<Plotly | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const latest = useRef(figure);
  const timer = useRef<number | null>(null);
  const lastDraw = useRef({ end: -Infinity, cost: 0 });

  useEffect(() => {
    let alive = true;
    loadPlotly().then(
      (p) => alive && setPlotly(() => p),
      (err: unknown) => alive && setFailed(String(err)),
    );
    return () => {
      alive = false;
    };
  }, []);

  // in the layout phase, so a paused or stepped chart never lags the step counter rendered in the same commit
  useLayoutEffect(() => {
    latest.current = figure;
    const el = containerRef.current;
    // the first figure is drawn even when frozen, so a chart is never blank
    if (!plotly || !el || (frozen && lastDraw.current.end > -Infinity)) return;
    const draw = () => {
      timer.current = null;
      const start = performance.now();
      void plotly.react(el, latest.current.data, latest.current.layout, PLOT_CONFIG);
      const end = performance.now();
      lastDraw.current = { end, cost: end - start };
    };
    const wait =
      lastDraw.current.end + Math.max(MIN_GAP_MS, COST_FACTOR * lastDraw.current.cost) - performance.now();
    if (!live || wait <= 0) {
      if (timer.current !== null) window.clearTimeout(timer.current);
      draw();
    } else if (timer.current === null) {
      // a later figure replaces this one in `latest` before the timer fires
      timer.current = window.setTimeout(draw, wait);
    }
  }, [plotly, figure, containerRef, live, frozen]);

  useEffect(() => {
    const el = containerRef.current;
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      if (plotly && el) plotly.purge(el);
    };
  }, [plotly, containerRef]);

  return (
    <div className="chart-box">
      <div
        ref={containerRef}
        className="chart"
        data-testid={testId}
        role="img"
        aria-label={label}
        onClick={onClick}
      />
      {!plotly && (
        <p className="chart-loading">{failed ? `Charts could not load: ${failed}` : 'Loading chart…'}</p>
      )}
    </div>
  );
}
