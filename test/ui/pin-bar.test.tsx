// The pins' markup: the run bar's Pin and Compare buttons, each pin with its differences and an Unpin button, the
// difference table, and a chart table that tells a pin's lines apart by rule. May import: vitest, react-dom/server, src.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { paramDifferences } from '../../src/state/pins';
import { resolveParams } from '../../src/state/resolve';
import { createAppStore } from '../../src/state/store';
import { FigureTable } from '../../src/ui/charts/FigureTable';
import { DifferenceTable, PinBar } from '../../src/ui/PinBar';
import { StoreContext } from '../../src/ui/store-context';
import { FakeClient } from '../state/fake-client';

const render = (search: string) => {
  const store = createAppStore({ client: new FakeClient(), search });
  return renderToStaticMarkup(
    <StoreContext.Provider value={store}>
      <PinBar />
    </StoreContext.Provider>,
  );
};

describe('PinBar', () => {
  it('lists each pin by its differences, with its state and an Unpin button', () => {
    const html = render('?v=1&lr=0.05&pin=v=1%26T=5&pin=lr=0.05%26seed=2');
    expect(html).toContain('data-testid="pin-button"');
    expect(html).toContain('data-testid="compare-button"');
    expect(html).toContain('pin 1: T 5, lr 0.01');
    expect(html).toContain('pin 2: seed 2');
    // the store here has no pin worker: the pin says it could not be trained, and why
    expect(html).toMatch(/data-testid="pin-0" data-status="(computing|failed)"/);
    expect(html).toContain('aria-label="Unpin pin 2"');
  });

  it('disables Pin and Compare at three pins', () => {
    const html = render('?v=1&pin=T=5&pin=T=6&pin=T=7');
    expect(html).toMatch(/<button[^>]*data-testid="pin-button"[^>]*disabled=""/);
    expect(html).toMatch(
      /<button[^>]*disabled=""[^>]*data-testid="compare-button"|data-testid="compare-button"[^>]*disabled=""/,
    );
  });
});

describe('DifferenceTable', () => {
  it('one row per differing parameter: this run, the pinned run', () => {
    const here = resolveParams({}).params;
    const there = resolveParams({ lr: '0.02', T: '5' }).params;
    const html = renderToStaticMarkup(<DifferenceTable differences={paramDifferences(here, there)} />);
    expect(html).toContain('<th scope="row">T</th><td>10</td><td>5</td>');
    expect(html).toContain('<th scope="row">lr</th><td>0.01</td><td>0.02</td>');
    expect(renderToStaticMarkup(<DifferenceTable differences={[]} />)).toContain('Same parameters');
  });
});

describe('FigureTable', () => {
  it('names a pin’s lines with their rule', () => {
    const ghost = (rule: string) => ({
      type: 'scatter' as const,
      mode: 'lines' as const,
      name: 'pin 1: lr 0.02',
      x: [0, 10],
      y: [1, 0.5],
      meta: { role: 'ghost', rule, pin: 0, panel: 'loss' },
    });
    const figure = { data: [ghost('bptt'), ghost('rflo')], layout: {} as never };
    const html = renderToStaticMarkup(<FigureTable figure={figure} title="Loss" name="loss" />);
    expect(html).toContain('Loss: pin 1: lr 0.02, BPTT (loss)');
    expect(html).toContain('Loss: pin 1: lr 0.02, RFLO (loss)');
  });
});
