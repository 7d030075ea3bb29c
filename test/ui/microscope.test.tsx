// The microscope's pure builders (colour scale, bars, keys, labels) and its trial view rendered from a REAL traced
// trial (engine/trial-trace.ts): every rule's Σ_t equals its ΔW_ij, ranks shown, the current step emphasised.
// May import: vitest, react-dom/server, src.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { impulseResponses } from '../../src/engine/network';
import { Simulation } from '../../src/engine/simulation';
import { traceTrial } from '../../src/engine/trial-trace';
import { createAppStore } from '../../src/state/store';
import {
  contributionSummary,
  divergingColor,
  formatNumber,
  heatCells,
  signedBars,
  stepAfterKey,
  stepCaption,
  synapseLabel,
} from '../../src/ui/microscope/microscope-view';
import { MicroscopePanel } from '../../src/ui/microscope/MicroscopePanel';
import { TrialView } from '../../src/ui/microscope/TrialView';
import { StoreContext } from '../../src/ui/store-context';
import { params, withBackend } from '../engine/helpers';
import { FakeClient } from '../state/fake-client';

withBackend();

function trace(synapse: [number, number] = [2, 0]) {
  const sim = new Simulation(params({ task: 'random', n: 4, i: 2, o: 1, T: 5, truncation: 2, initScale: 1 }));
  sim.stepMany(5);
  const t = traceTrial({
    params: sim.params,
    network: sim.weights()[0],
    R: sim.feedback[0],
    teacherImpulse: impulseResponses(sim.task.teacher, 5),
    runSeed: 1,
    trial: 0,
    synapse,
  });
  sim.dispose();
  return t;
}

describe('microscope builders', () => {
  it('colours 0 white and ±max the scale’s two ends, clamping beyond', () => {
    expect(divergingColor(0, 1)).toBe('rgb(255, 255, 255)');
    expect(divergingColor(1, 1)).toBe('rgb(178, 24, 43)');
    expect(divergingColor(-2, 1)).toBe('rgb(33, 102, 172)');
    expect(divergingColor(0.5, 0)).toBe('rgb(255, 255, 255)');
    expect(heatCells([[1, -1]]).map((c) => c.fill)).toEqual(['rgb(178, 24, 43)', 'rgb(33, 102, 172)']);
  });

  it('draws positive bars up from the zero line and negative ones down, to one scale', () => {
    const [up, down, none] = signedBars([2, -1, 0], 30, 40);
    expect(up).toMatchObject({ y: 0, height: 20 });
    expect(down).toMatchObject({ y: 20, height: 10 });
    expect(none.height).toBe(0);
    expect(up.x).toBeLessThan(down.x);
    expect(signedBars([1], 10, 40, 4)[0].height).toBe(5);
  });

  it('moves the time step with ←/→/Home/End inside 1..T and ignores other keys', () => {
    expect(stepAfterKey('ArrowLeft', 3, 10)).toBe(2);
    expect(stepAfterKey('ArrowLeft', 1, 10)).toBe(1);
    expect(stepAfterKey('ArrowRight', 10, 10)).toBe(10);
    expect(stepAfterKey('Home', 7, 10)).toBe(1);
    expect(stepAfterKey('End', 2, 10)).toBe(10);
    expect(stepAfterKey('n', 2, 10)).toBeNull();
  });

  it('labels synapses 1-based and numbers readably', () => {
    expect(synapseLabel([0, 11])).toBe('W₁,₁₂');
    expect(formatNumber(0.000123456)).toBe('1.235e-4');
    expect(formatNumber(-0.5)).toBe('-0.5000');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('the trial view (a real trial)', () => {
  it('shows each rule’s Σ_t equal to its ΔW_ij, its rank, and the step’s own vectors', () => {
    const tr = trace();
    const html = renderToStaticMarkup(
      <TrialView trace={tr} t={3} params={{ truncation: 2 }} onPick={() => {}} />,
    );
    for (const r of tr.rules) {
      const { sum, dW } = contributionSummary(r, tr.synapse);
      expect(Math.abs(sum - dW)).toBeLessThan(1e-5 * Math.max(1e-6, Math.abs(dW)) + 1e-7);
      const shownSum = html.match(new RegExp(`data-testid="microscope-sum-${r.rule}">([^<]+)<`))?.[1];
      const shownDW = html.match(new RegExp(`data-testid="microscope-dw-${r.rule}">([^<]+)<`))?.[1];
      expect(shownDW).toBe(formatNumber(dW));
      expect(shownSum).toBe(shownDW);
      expect(html).toContain(`data-testid="microscope-rank-${r.rule}">rank ${r.rankW} (effective `);
    }
    // RFLO's single-trial ΔW is an outer product
    expect(html).toContain('data-testid="microscope-rank-rflo">rank 1 (effective 1.00)');
    // the current step (t = 3) is the emphasised bar of each rule's contributions
    expect(html.match(/class="bar-current"/g)).toHaveLength(4);
    expect(html).toContain(`aria-label="h_3: ${tr.h[3].map(formatNumber).join(', ')}"`);
    expect(html).toContain(`aria-label="x_2: ${tr.x[2].map(formatNumber).join(', ')}"`);
    expect(html).toContain(stepCaption(tr, 3).replace(/'/g, '&#x27;'));
    // the picked synapse is outlined on W and on every ΔW map
    expect(html.match(/class="heat-selected"/g)).toHaveLength(5);
  });

  it('says when the error arrives', () => {
    const tr = trace();
    expect(stepCaption(tr, 5)).toMatch(/^t = 5 = T: .*the error ε arrives/);
    expect(stepCaption(tr, 2)).toMatch(/^t = 2: h_2 = W h_1 \+ B x_1\. The error arrives only at T = 5/);
  });
});

describe('the panel', () => {
  it('is closed until opened, and says a loaded file has no trial to step through', () => {
    const store = createAppStore({ client: new FakeClient() });
    const render = () =>
      renderToStaticMarkup(
        <StoreContext.Provider value={store}>
          <MicroscopePanel />
        </StoreContext.Provider>,
      );
    const html = render();
    expect(html).toMatch(/<details>/);
    expect(html).toContain('data-testid="microscope-slider"');
    const now = { ...store.getState(), source: 'file' as const };
    store.getInitialState = () => now;
    expect(render()).toContain('data-testid="microscope-note"');
  });
});
