// Loads the partial Plotly bundle once, on demand, in its own chunk (the page shows before the charts can).
// May import: plotly.js-basic-dist-min (dynamically).
import type PlotlyType from 'plotly.js-basic-dist-min';

export type Plotly = typeof PlotlyType;

let loading: Promise<Plotly> | null = null;

export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-basic-dist-min').then((m) => m.default);
  return loading;
}

/**
 * Chart options: responsive, no Plotly logo, our own PNG/SVG buttons do the export, and no "Share chart…"
 * button (Plotly 4 shows it by default; it would upload the figure to a third party).
 */
// No modebar: its ~30 buttons sat in the tab order and over subplot titles on phones. Zoom is a drag, a double
// click resets, and the card has its own PNG/SVG export.
export const PLOT_CONFIG = {
  responsive: true,
  displayModeBar: false,
  displaylogo: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  modeBarButtonsToRemove: ['lasso2d', 'select2d', 'toImage', 'sendDataToCloud'],
};
