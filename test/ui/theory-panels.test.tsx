// The theory bar and the stability and phase panels rendered to HTML with a real store (fake worker): the choice
// from the link, the badge text, test ids, captions and the keyboard hint, notes for the random task. May import: vitest, react-dom/server, src.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { PhasePanel } from '../../src/ui/charts/PhasePanel';
import { StabilityPanel } from '../../src/ui/charts/StabilityPanel';
import { TheoryBar } from '../../src/ui/charts/TheoryBar';
import { StoreContext } from '../../src/ui/store-context';
import { FakeClient } from '../state/fake-client';

function render(search: string, node: React.ReactNode): string {
  const store = createAppStore({ client: new FakeClient(), search });
  return renderToStaticMarkup(<StoreContext.Provider value={store}>{node}</StoreContext.Provider>);
}

const testIds = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);
/** The text of the element with this test id (tags stripped). */
function textOf(html: string, id: string): string {
  const m = html.match(new RegExp(`data-testid="${id}"[^>]*>(.*?)</(p|ul)>`));
  return (m?.[1] ?? '').replace(/<[^>]*>/g, '');
}

describe('TheoryBar', () => {
  it('three radios, the link’s choice checked (map by default), the badge exact for the default task', () => {
    const html = render('?v=1', <TheoryBar />);
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['theory-off', 'theory-map', 'theory-ode', 'theory-badge']),
    );
    expect(html).toMatch(/data-testid="theory-map"[^>]*checked=""|checked=""[^>]*data-testid="theory-map"/);
    expect(html).toContain('<legend>Theory</legend>');
    expect(textOf(html, 'theory-badge')).toBe('Theory (map): exact');
    expect(html).toContain('data-level="exact"');
  });

  it('says approximate for the sampled gradient and the ODE, with the reason listed', () => {
    const sampled = render('?v=1&gradient=sampled', <TheoryBar />);
    expect(textOf(sampled, 'theory-badge')).toMatch(/approximate/);
    expect(textOf(sampled, 'theory-reasons')).toMatch(/minibatch noise/);
    const ode = render('?v=1&theory=ode', <TheoryBar />);
    expect(ode).toMatch(/data-testid="theory-ode"[^>]*checked=""|checked=""[^>]*data-testid="theory-ode"/);
    expect(textOf(ode, 'theory-badge')).toBe('≈ Theory (ODE): approximate');
  });

  it('says does not apply for the random task, and off when off', () => {
    const random = render('?v=1&task=random', <TheoryBar />);
    expect(textOf(random, 'theory-badge')).toBe('Theory: does not apply');
    expect(textOf(random, 'theory-reasons')).toMatch(/random task/);
    expect(textOf(render('?v=1&theory=off', <TheoryBar />), 'theory-badge')).toBe('Theory: off');
  });
});

describe('stability and phase panels', () => {
  it('aligned task: chart containers and PNG/SVG buttons with the contract’s test ids', () => {
    const html = render(
      '?v=1',
      <>
        {[
          <StabilityPanel key="s" live={false} frozen={false} />,
          <PhasePanel key="p" live={false} frozen={false} />,
        ]}
      </>,
    );
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'stability-chart',
        'chart-png-stability',
        'chart-svg-stability',
        'phase-chart',
        'chart-png-phase',
        'chart-svg-phase',
        'stability-mode',
        'phase-mode',
        'phase-rule',
      ]),
    );
    expect(textOf(html, 'phase-caption')).toMatch(/Click the plane to start this mode from there/);
    // a random student init does not start from (a₀, b₀): the caption says a click sets nothing
    const random = render('?v=1&init=random', <PhasePanel live={false} frozen={false} />);
    expect(textOf(random, 'phase-caption')).toMatch(/sets nothing here: with Student init = random/);
    // the keyboard route, for screen readers
    expect(html).toMatch(/class="visually-hidden">[^<]*Initial readout \(a₀\)/);
  });

  it('one mode: no mode selectors; the rule menu marks rules that are not running', () => {
    const html = render(
      '?v=1&modes=1&aStar=1&wStar=0.5&rules=rflo',
      <PhasePanel live={false} frozen={false} />,
    );
    expect(testIds(html)).not.toContain('phase-mode');
    expect(html).toMatch(/<option value="rflo" selected="">RFLO<\/option>/);
    expect(html).toContain('BPTT (not running)');
  });

  it('random task: a short note instead of the chart', () => {
    const html = render(
      '?v=1&task=random',
      <>
        {[
          <StabilityPanel key="s" live={false} frozen={false} />,
          <PhasePanel key="p" live={false} frozen={false} />,
        ]}
      </>,
    );
    const ids = testIds(html);
    expect(ids).toContain('stability-note');
    expect(ids).toContain('phase-note');
    for (const id of ['stability-chart', 'phase-chart', 'chart-png-stability', 'chart-png-phase'])
      expect(ids).not.toContain(id);
  });
});
