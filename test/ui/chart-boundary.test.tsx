// A chart whose figure throws is replaced by a message in its card; the boundary passes healthy charts through.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { ChartBoundary } from '../../src/ui/charts/ChartBoundary';

describe('ChartBoundary', () => {
  it('passes a healthy chart through', () => {
    expect(renderToStaticMarkup(<ChartBoundary name="loss">ok</ChartBoundary>)).toBe('ok');
  });

  it('after an error, renders "could not be drawn" with the message, and logs once', () => {
    const state = ChartBoundary.getDerivedStateFromError(
      new TypeError("Cannot read properties of undefined (reading 'ok')"),
    );
    const boundary = new ChartBoundary({ name: 'rank', children: 'never shown' });
    boundary.state = state;
    const html = renderToStaticMarkup(<>{boundary.render()}</>);
    expect(html).toContain('data-testid="rank-failed"');
    expect(html).toContain('This chart could not be drawn: Cannot read properties of undefined');
    expect(html).not.toContain('never shown');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    boundary.componentDidCatch(new Error('x'));
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
