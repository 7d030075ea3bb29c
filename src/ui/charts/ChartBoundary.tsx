// One chart's error boundary: a figure that throws (a bad run file, a bug) shows a message in its card, and the
// rest of the page keeps working. May import: react only.
import { Component, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
}

export class ChartBoundary extends Component<Props, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(err: unknown) {
    return { error: err instanceof Error ? err.message : String(err) };
  }

  componentDidCatch(err: unknown) {
    console.warn(`chart ${this.props.name} could not be drawn:`, err);
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="chart-panel chart-failed" data-testid={`${this.props.name}-failed`} role="alert">
        <p>
          This chart could not be drawn: {this.state.error}. The other charts are unaffected; Reset or another
          run file draws it again.
        </p>
      </section>
    );
  }
}
