// A thin Plotly component: draws a prebuilt {data, layout} into its container (Plotly.react), paced while training.
// May import: react, ./plotly-loader, ./plotly-types, ./draw-queue.
import { type MouseEvent, type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { cancelDraw, requestDraw } from './draw-queue';
import { loadPlotly, PLOT_CONFIG, type Plotly } from './plotly-loader';
import type { Figure } from '../plot/plotly-types';

/** While playing, a chart redraws at most this often… */
const MIN_GAP_MS = 150;
/** …and spends at most 1/(1 + COST_FACTOR) of the time redrawing (Plotly's cost grows with traces and panels). */
const COST_FACTOR = 5;
/** "Run to end" is not an animation: about one redraw a second shows progress and leaves the cores to training. */
const RUN_TO_END_GAP_MS = 1000;

interface Props {
  figure: Figure;
  testId: string;
  label: string;
  containerRef: RefObject<HTMLDivElement | null>;
  /** training is running: redraws are paced, and charts off screen wait until they are scrolled to */
  live: boolean;
  /** "run to end" is running: about one redraw a second */
  frozen?: boolean;
  /** a click on the container (anywhere on the drawing) */
  onClick?: (e: MouseEvent<HTMLDivElement>) => void;
  /** not shown (the card shows its table instead); kept drawn so it comes back at once */
  hidden?: boolean;
}

/** Below this container height the figure keeps its own height (a card with no room yet, or a print). */
const MIN_FIT_PX = 140;

/** The figure at the container's size: the card's height is set by the dashboard grid, not by the figure. */
function fitted(fig: Figure, el: HTMLElement): Figure {
  const h = el.clientHeight;
  return h >= MIN_FIT_PX ? { data: fig.data, layout: { ...fig.layout, height: h } } : fig;
}

export function PlotlyChart({
  figure,
  testId,
  label,
  containerRef,
  live,
  frozen = false,
  onClick,
  hidden = false,
}: Props) {
  const [plotly, setPlotly] = useState<Plotly | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const latest = useRef(figure);
  const drawn = useRef<Figure | null>(null);
  const timer = useRef<number | null>(null);
  const lastDraw = useRef({ end: -Infinity, cost: 0 });
  const visible = useRef(true);
  const pacing = useRef({ live, frozen });

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

  // asks the draw queue for a redraw of the latest figure, now or after the pacing gap (refreshed after each render)
  const schedule = useRef<() => void>(() => {});
  useLayoutEffect(() => {
    pacing.current = { live, frozen };
    schedule.current = () => {
      const el = containerRef.current;
      if (!plotly || !el || drawn.current === latest.current) return;
      const { live: running, frozen: toEnd } = pacing.current;
      // off screen while training: drawn when scrolled to, or when training stops
      if (running && !visible.current && drawn.current) return;
      const draw = () => {
        const start = performance.now();
        const fig = fitted(latest.current, el);
        void plotly.react(el, fig.data, fig.layout, PLOT_CONFIG);
        drawn.current = latest.current;
        const end = performance.now();
        lastDraw.current = { end, cost: end - start };
      };
      const gap = toEnd ? RUN_TO_END_GAP_MS : Math.max(MIN_GAP_MS, COST_FACTOR * lastDraw.current.cost);
      const wait = running && drawn.current ? lastDraw.current.end + gap - performance.now() : 0;
      if (wait <= 0) {
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = null;
        requestDraw(el, draw);
      } else if (timer.current === null) {
        // a later figure replaces this one in `latest` before the timer fires
        timer.current = window.setTimeout(() => {
          timer.current = null;
          schedule.current();
        }, wait);
      }
    };
  });

  useLayoutEffect(() => {
    latest.current = figure;
    schedule.current();
  }, [plotly, figure, live, frozen]);

  // on unmount only: a cleanup on every plotly change would cancel the draw the layout effect just queued
  useEffect(() => {
    const el = containerRef.current;
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      if (el) cancelDraw(el);
    };
  }, [containerRef]);

  // the grid resizes cards (window, parameter column, projector mode): redraw at the new size
  useEffect(() => {
    const el = containerRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const observer = new ResizeObserver(() => {
      const now = { w: el.clientWidth, h: el.clientHeight };
      if (now.w === last.w && now.h === last.h) return;
      last = now;
      drawn.current = null;
      schedule.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [containerRef]);

  useEffect(() => {
    const el = containerRef.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        visible.current = entries.some((e) => e.isIntersecting);
        if (visible.current) schedule.current();
      },
      { rootMargin: '200px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [containerRef]);

  useEffect(() => {
    const el = containerRef.current;
    return () => {
      if (plotly && el) plotly.purge(el);
    };
  }, [plotly, containerRef]);

  return (
    <div className="chart-box" hidden={hidden}>
      <div
        ref={containerRef}
        className="chart"
        data-testid={testId}
        role="figure"
        aria-label={`${label} chart (the Table button lists its values)`}
        onClick={onClick}
      />
      {!plotly && (
        <p className="chart-loading">{failed ? `Charts could not load: ${failed}` : 'Loading chart…'}</p>
      )}
    </div>
  );
}
