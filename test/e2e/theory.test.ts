// The theory in the app (issue 4): map/ODE overlays on the loss and mode charts, the applicability badge, the
// stability chart and the phase portrait (a click sets a₀, b₀ and restarts). Imports playwright-core types, vitest, ./app, ./browser.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { byTestId, expectClean, labState, openApp, runToEnd, waitForCharts, waitForShownStep } from './app';
import { artifactPath, launch, type Session } from './browser';
import { parseQuery } from '../../src/state/url';
import { phaseBounds } from '../../src/ui/theory/phase-geometry';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

interface TraceInfo {
  role: string;
  rule?: string;
  kind?: string;
  panel?: string;
  x: number[];
  y: (number | null)[];
}

/** The traces of a chart's Plotly graph div (its .data), reduced to meta and points. */
function chartTraces(page: Page, testId: string): Promise<TraceInfo[]> {
  return page.evaluate((id) => {
    const gd = document.querySelector(`[data-testid="${id}"]`) as
      | (Element & {
          data?: { meta?: Record<string, unknown>; x?: ArrayLike<number>; y?: ArrayLike<number | null> }[];
        })
      | null;
    return (gd?.data ?? []).map((t) => ({
      role: String(t.meta?.role ?? ''),
      rule: t.meta?.rule as string | undefined,
      kind: t.meta?.kind as string | undefined,
      panel: t.meta?.panel as string | undefined,
      x: Array.from(t.x ?? []),
      y: Array.from(t.y ?? []),
    }));
  }, testId);
}

const theoryOf = async (page: Page, testId: string) =>
  (await chartTraces(page, testId)).filter((t) => t.role === 'theory');

async function badgeText(page: Page): Promise<string> {
  return ((await byTestId(page, 'theory-badge').textContent()) ?? '').trim();
}

/** Waits until a chart container holds a rendered Plotly figure. */
async function waitForChart(page: Page, testId: string): Promise<void> {
  await page
    .locator(`[data-testid="${testId}"] .main-svg`)
    .first()
    .waitFor({ state: 'attached', timeout: 30_000 });
}

test('map overlays on the loss and mode charts match the simulation; the choice is kept in the URL', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=200');
  const state = await runToEnd(page, 200);
  await waitForCharts(page, ['loss', 'modes']);
  expect(await badgeText(page)).toBe('Theory (map): exact');

  // one thin curve per rule on the loss chart, drawn up to the current step
  let loss: TraceInfo[] = [];
  await expect
    .poll(async () => {
      loss = await theoryOf(page, 'loss-chart');
      return loss.map((t) => t.rule);
    })
    .toEqual(['bptt', 'tbptt', 'rflo']);
  const runs = (await chartTraces(page, 'loss-chart')).filter((t) => t.role === 'run');
  for (const t of loss) {
    expect(t.kind).toBe('map');
    expect(t.x.length).toBeGreaterThan(100);
    expect(Math.max(...t.x)).toBe(200);
    // exact: the map's loss at step 200 equals the engine's (float32) to a few digits
    const run = runs.find((r) => r.rule === t.rule) as TraceInfo;
    const simulated = run.y[run.x.indexOf(200)] as number;
    const predicted = t.y[t.x.indexOf(200)] as number;
    expect(Math.abs(predicted - simulated) / simulated, t.rule).toBeLessThan(1e-3);
  }
  expect(state.losses.every((l) => l !== null)).toBe(true);
  // a·b and w of each mode, for each rule
  const modes = await theoryOf(page, 'modes-chart');
  expect(modes.length).toBe(3 * 2 * 2);
  expect(new Set(modes.map((t) => t.panel))).toEqual(new Set(['ab0', 'ab1', 'w0', 'w1']));

  // ODE (T→∞): dotted curves, approximate, theory=ode in the address bar; off: none, theory=off
  await byTestId(page, 'theory-ode').check();
  await expect
    .poll(() => page.evaluate(() => new URLSearchParams(location.search).get('theory')))
    .toBe('ode');
  await expect
    .poll(async () => (await theoryOf(page, 'loss-chart')).map((t) => t.kind))
    .toEqual(['ode', 'ode', 'ode']);
  expect(await badgeText(page)).toMatch(/^≈?\s*Theory \(ODE\): approximate$/);
  // a view option: the run was not restarted
  expect((await labState(page)).step).toBe(200);
  await byTestId(page, 'theory-off').check();
  await expect.poll(async () => (await theoryOf(page, 'loss-chart')).length).toBe(0);
  expect(await theoryOf(page, 'modes-chart')).toEqual([]);
  await expect.poll(() => page.evaluate(() => location.search)).toBe('?v=1&steps=200&theory=off');
  await byTestId(page, 'theory-map').check();
  await expect.poll(() => page.evaluate(() => location.search)).toBe('?v=1&steps=200');
  expectClean(page);
  await page.close();
});

test('the badge says approximate for the sampled gradient and does not apply for the random task', async () => {
  const sampled = await session.newPage();
  await openApp(sampled, '?v=1&gradient=sampled&steps=100');
  expect(await badgeText(sampled)).toMatch(/approximate/);
  await expect(byTestId(sampled, 'theory-reasons').textContent()).resolves.toMatch(/sampled gradient/);
  await runToEnd(sampled, 100);
  await waitForCharts(sampled, ['loss']);
  // approximate: still drawn
  await expect.poll(async () => (await theoryOf(sampled, 'loss-chart')).length).toBe(3);
  expectClean(sampled);
  await sampled.close();

  const random = await session.newPage();
  await openApp(random, '?v=1&task=random&steps=100&view=loss,modes,stability,phase');
  expect(await badgeText(random)).toMatch(/does not apply/);
  await expect(byTestId(random, 'theory-reasons').textContent()).resolves.toMatch(/random task/);
  await runToEnd(random, 100);
  await waitForCharts(random, ['loss', 'modes']);
  // nothing misleading is drawn, and the theory panels show a note instead of a chart
  expect(await theoryOf(random, 'loss-chart')).toEqual([]);
  expect(await theoryOf(random, 'modes-chart')).toEqual([]);
  await expect(byTestId(random, 'stability-note').isVisible()).resolves.toBe(true);
  await expect(byTestId(random, 'phase-note').isVisible()).resolves.toBe(true);
  await expect(byTestId(random, 'stability-chart').count()).resolves.toBe(0);
  expectClean(random);
  await random.close();
});

const DETOUR =
  '?v=1&rules=bptt,tbptt,rflo&modes=1&aStar=1&bStar=1&wStar=0.8&a0=1&b0=1&w0=0.6&aHat=-0.3&what=0.5&lr=0.01&steps=1500&view=loss,stability,phase';

test('stability chart and phase portrait render (RFLO’s detour); screenshots for a look', async () => {
  // tall enough that a whole panel fits under the sticky run controls for its screenshot
  const page = await session.newPage({ width: 1280, height: 1400 });
  await openApp(page, DETOUR);
  await runToEnd(page, 1500);
  await waitForChart(page, 'stability-chart');
  await waitForChart(page, 'phase-chart');

  const stability = await chartTraces(page, 'stability-chart');
  expect(stability.filter((t) => t.role === 'stability').map((t) => `${t.rule}:${t.panel}`)).toEqual([
    'bptt:lambdaPlus',
    'tbptt:lambdaPlus',
    'rflo:lambdaPlus',
    'bptt:lambdaMinus',
    'tbptt:lambdaMinus',
    'rflo:lambdaMinus',
  ]);
  // every run has converged to the manifold: each is marked, RFLO on the opposite branch s < 0
  const marks = stability.filter((t) => t.role === 'run-point');
  expect(marks.map((t) => t.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
  expect(marks.find((t) => t.rule === 'rflo')?.x[0]).toBeLessThan(0);
  expect(marks.find((t) => t.rule === 'bptt')?.x[0]).toBeGreaterThan(0);

  // the detour opens on RFLO's own field (no saddle): the view that makes the preset's point
  await expect(byTestId(page, 'phase-rule').inputValue()).resolves.toBe('rflo');
  const phase = await chartTraces(page, 'phase-chart');
  const roles = new Set(phase.map((t) => t.role));
  for (const role of ['field', 'manifold', 'init', 'trajectory', 'trajectory-now'])
    expect(roles).toContain(role);
  expect(roles.has('saddle')).toBe(false);
  // RFLO's path crosses to a, b < 0
  const rflo = phase.find((t) => t.role === 'trajectory' && t.rule === 'rflo') as TraceInfo;
  expect(rflo.x.at(-1)).toBeLessThan(0);
  expect(rflo.y.at(-1)).toBeLessThan(0);

  // BPTT's field, chosen in the panel's rule menu, has the saddle at a = b = 0
  await byTestId(page, 'phase-rule').selectOption('bptt');
  await expect
    .poll(async () => (await chartTraces(page, 'phase-chart')).some((t) => t.role === 'saddle'))
    .toBe(true);

  for (const name of ['stability', 'phase']) {
    const panel = page.locator(`section[aria-labelledby="chart-${name}-title"]`);
    await panel.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 180));
    await panel.screenshot({ path: artifactPath(`theory-${name}-rflo-detour.png`), animations: 'disabled' });
  }
  expectClean(page);
  await page.close();
});

/** Viewport coordinates of the data point (a, b) in the phase portrait (from Plotly's drawn axes). */
function phasePixel(page: Page, a: number, b: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([a, b]) => {
      type Ax = { range: [number, number]; _offset: number; _length: number };
      const gd = document.querySelector('[data-testid="phase-chart"]') as HTMLElement & {
        _fullLayout: { xaxis: Ax; yaxis: Ax };
      };
      const { xaxis, yaxis } = gd._fullLayout;
      const r = gd.getBoundingClientRect();
      return {
        x:
          r.left + xaxis._offset + ((a - xaxis.range[0]) / (xaxis.range[1] - xaxis.range[0])) * xaxis._length,
        y: r.top + yaxis._offset + ((yaxis.range[1] - b) / (yaxis.range[1] - yaxis.range[0])) * yaxis._length,
      };
    },
    [a, b] as const,
  );
}

test('clicking the phase portrait sets that mode’s (a₀, b₀) in the URL and restarts from step 0', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=150&view=phase,loss');
  await runToEnd(page, 150);
  const chart = byTestId(page, 'phase-chart');
  await waitForChart(page, 'phase-chart');
  // mode 2 of the default two, so the click must leave mode 1's values alone
  await byTestId(page, 'phase-mode').selectOption({ value: '2' });
  await chart.scrollIntoViewIfNeeded();
  const target = { a: -1.2, b: 0.6 };
  const { x, y } = await phasePixel(page, target.a, target.b);
  await page.mouse.click(x, y);

  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('a0'))).not.toBeNull();
  const query = new URLSearchParams(await page.evaluate(() => location.search));
  const a0 = (query.get('a0') ?? '').split(',').map(Number);
  const b0 = (query.get('b0') ?? '').split(',').map(Number);
  expect(a0[0]).toBe(0.02);
  expect(b0[0]).toBe(0.02);
  expect(Math.abs(a0[1] - target.a)).toBeLessThan(0.05);
  expect(Math.abs(b0[1] - target.b)).toBeLessThan(0.05);
  // a parameter change restarts: step 0, and the store holds the same values as the address bar
  await waitForShownStep(page, (s) => s === 0);
  const state = await labState(page);
  expect(state.step).toBe(0);
  expect(state.params.a0).toEqual(a0);
  expect(state.params.b0).toEqual(b0);
  // the numeric controls (the keyboard route) show them too
  await expect(byTestId(page, 'param-a0').inputValue()).resolves.toBe(a0.join(','));
  expectClean(page);
  await page.close();
});

test('with init=random the phase portrait says a click sets nothing, and a click changes nothing', async () => {
  const page = await session.newPage();
  await openApp(page, '?v=1&steps=150&init=random&view=phase,loss');
  await runToEnd(page, 150);
  await waitForChart(page, 'phase-chart');
  await expect(byTestId(page, 'phase-caption').textContent()).resolves.toMatch(/sets nothing here/);
  await byTestId(page, 'phase-chart').scrollIntoViewIfNeeded();
  const { x, y } = await phasePixel(page, -1.2, 0.6);
  const before = await page.evaluate(() => location.search);
  await page.mouse.click(x, y);
  await page.waitForTimeout(500);
  // no a₀/b₀ written, no preset dropped, no restart
  expect(await page.evaluate(() => location.search)).toBe(before);
  expect((await labState(page)).step).toBe(150);
  expectClean(page);
  await page.close();
});

test('the phase portrait by keyboard: arrows move a cursor (not a training step), Enter starts the mode there', async () => {
  const query = '?v=1&steps=150&view=phase,loss';
  const page = await session.newPage();
  await openApp(page, query);
  await runToEnd(page, 150);
  await waitForChart(page, 'phase-chart');
  const keys = byTestId(page, 'phase-keys');
  await keys.focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
  for (let k = 0; k < 2; k++) await page.keyboard.press('ArrowUp');
  const { params } = parseQuery(query);
  const bounds = phaseBounds(params, 0);
  const round3 = (v: number) => Math.round(v * 1000) / 1000;
  const want = {
    a: round3(params.a0[0] + (4 * (bounds.a[1] - bounds.a[0])) / 40),
    b: round3(params.b0[0] + (2 * (bounds.b[1] - bounds.b[0])) / 40),
  };
  // the crosshair is drawn at the cursor
  await expect
    .poll(() =>
      page.evaluate(() => {
        const gd = document.querySelector('[data-testid="phase-chart"]') as HTMLElement & {
          layout: { shapes?: { name?: string; type: string; x0: number; y0: number }[] };
        };
        const line = (gd.layout.shapes ?? []).filter((s) => s.name === 'cursor' && s.type === 'line');
        return line.length === 2 ? [line[1].x0, line[0].y0] : null;
      }),
    )
    .toEqual([want.a, want.b]);
  await expect(byTestId(page, 'phase-keys-point').textContent()).resolves.toContain(`${want.a}, ${want.b}`);
  // → moved the cursor: it did not train a step
  expect((await labState(page)).step).toBe(150);
  await page.keyboard.press('Enter');
  await waitForShownStep(page, (s) => s === 0);
  const state = await labState(page);
  expect((state.params.a0 as number[])[0]).toBe(want.a);
  expect((state.params.b0 as number[])[0]).toBe(want.b);
  expect(new URLSearchParams(await page.evaluate(() => location.search)).get('a0')).toContain(String(want.a));
  expectClean(page);
  await page.close();
});

test('in a short card (one grid row at 1280×800) the phase portrait keeps its plane: no legend, ≥ 150 px tall', async () => {
  const page = await session.newPage({ width: 1280, height: 800 });
  await openApp(page, '?v=1&steps=100&view=loss,modes,phase');
  await waitForChart(page, 'phase-chart');
  const plane = () =>
    page.evaluate(() => {
      const gd = document.querySelector('[data-testid="phase-chart"]') as HTMLElement & {
        _fullLayout?: { yaxis?: { _length: number }; showlegend?: boolean };
      };
      return { height: gd._fullLayout?.yaxis?._length ?? 0, legend: gd._fullLayout?.showlegend ?? null };
    });
  await expect.poll(async () => (await plane()).height).toBeGreaterThanOrEqual(150);
  expect((await plane()).legend).toBe(false);
  await byTestId(page, 'phase-panel').screenshot({ path: artifactPath('phase-short-card.png') });
  expectClean(page);
  await page.close();
});
