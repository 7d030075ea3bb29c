// "Show me": brings a chart's panel into view, moves the focus to it and highlights it for a moment. The panel may
// only just have been switched on, so it is looked for over a few frames. Honours prefers-reduced-motion (no smooth
// scroll; the CSS drops the highlight's animation). May import: nothing (DOM only).

/** How long the highlight stays (ms): long enough to find it on a projected page. */
export const HIGHLIGHT_MS = 2500;
/** Frames to wait for a panel that was just switched on to render. */
const WAIT_FRAMES = 30;

export function showChart(chart: string, doc: Document = document): void {
  let frames = 0;
  const attempt = () => {
    const panel = doc.querySelector<HTMLElement>(`[data-testid="${chart}-panel"]`);
    if (!panel) {
      if (++frames < WAIT_FRAMES) requestAnimationFrame(attempt);
      return;
    }
    const reduced = doc.defaultView?.matchMedia('(prefers-reduced-motion: reduce)').matches ?? false;
    if (!panel.hasAttribute('tabindex')) panel.setAttribute('tabindex', '-1');
    // the class first: it carries the scroll margin that keeps the panel's top below the sticky bar
    panel.classList.add('guide-highlight');
    panel.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
    panel.focus({ preventScroll: true });
    setTimeout(() => panel.classList.remove('guide-highlight'), HIGHLIGHT_MS);
  };
  attempt();
}
