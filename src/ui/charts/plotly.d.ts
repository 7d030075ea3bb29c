// Types for the partial Plotly bundle (the package ships none): only the calls the chart components make.
// May import: nothing (an ambient module declaration).
declare module 'plotly.js-basic-dist-min' {
  interface PlotlyStatic {
    react(root: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<HTMLElement>;
    purge(root: HTMLElement): void;
    downloadImage(
      root: HTMLElement,
      options: { format: 'png' | 'svg'; filename: string; width?: number; height?: number; scale?: number },
    ): Promise<string>;
    Plots: { resize(root: HTMLElement): void };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
