// The UI's small pure helpers: rule styles, summary over seeds, divergence wording, shortcut decisions, status line.
// May import: vitest, src/ui pure modules, src/state, test/state helpers.
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/engine/params';
import { resolveParams } from '../../src/state/resolve';
import { PLOT_CONFIG } from '../../src/ui/charts/plotly-loader';
import { divergenceMessage, likelyCause } from '../../src/ui/divergence-text';
import { RULE_STYLE, ruleLabel, withAlpha } from '../../src/ui/rule-style';
import { shortcutFor } from '../../src/ui/shortcuts';
import { statusText, type StatusInput } from '../../src/ui/status-text';
import { CONVERGED_FRACTION, finalLossText, summarize } from '../../src/ui/summary';
import { powerOfTen } from '../../src/ui/SummaryTable';
import { historyAt } from '../state/fake-client';

const P = resolveParams({}).params;

describe('rule styles', () => {
  it('give every rule its own colour and its own dash pattern', () => {
    const styles = RULE_IDS.map((r) => RULE_STYLE[r]);
    expect(new Set(styles.map((s) => s.color)).size).toBe(RULE_IDS.length);
    expect(new Set(styles.map((s) => s.dash)).size).toBe(RULE_IDS.length);
  });

  it('label e-prop as our reading and tBPTT with its truncation', () => {
    expect(ruleLabel('eprop')).toMatch(/our reading/);
    expect(ruleLabel('tbptt', { truncation: 1 })).toMatch(/one-step/);
    expect(ruleLabel('tbptt', { truncation: 3 })).toMatch(/k = 3/);
    expect(withAlpha('#0072B2', 0.5)).toBe('rgba(0, 114, 178, 0.5)');
  });
});

describe('summary over seeds', () => {
  it('counts converged runs by the stated criterion, takes the loss median and the rank mean ± sd', () => {
    const runs = [
      { rule: 'bptt' as const },
      { rule: 'bptt' as const },
      { rule: 'bptt' as const },
      { rule: 'rflo' as const },
    ];
    const mk = (initial: number, final: number, rank: number) => {
      const h = historyAt([0, 10]);
      h.loss = [initial, final];
      h.effRankW = [0, rank];
      return h;
    };
    const histories = [mk(1, 1e-4, 4), mk(1, 2e-3, 5), mk(2, 1e-5, 6), mk(1, 0.5, 1)];
    const [bptt, rflo] = summarize(runs, histories, [null, null, null, null]);
    expect(CONVERGED_FRACTION).toBe(1e-3);
    expect(bptt).toMatchObject({
      rule: 'bptt',
      runs: 3,
      converged: 2,
      diverged: 0,
      finalLossMedian: 1e-4,
      effRankMean: 5,
    });
    expect(bptt.effRankSd).toBeCloseTo(1);
    expect(rflo).toMatchObject({ runs: 1, converged: 0, effRankMean: 1, effRankSd: 0 });
    expect(powerOfTen(1e-3)).toBe('10⁻³');
  });

  it('a diverged run has no final value: left out of the median, the converged count and the rank', () => {
    const runs = [{ rule: 'bptt' as const }, { rule: 'bptt' as const }, { rule: 'rflo' as const }];
    const mk = (final: number, rank: number) => {
      const h = historyAt([0, 10]);
      h.loss = [1, final];
      h.effRankW = [0, rank];
      return h;
    };
    // the diverged runs' last records: a converged-looking loss and a blow-up, neither is a final value
    const histories = [mk(1e-4, 4), mk(1e-6, 9), mk(2.02e27, 7)];
    const stop = (step: number) => ({ step, reason: 'loss exceeded 1e6 × its initial loss' });
    const [bptt, rflo] = summarize(runs, histories, [null, stop(12), stop(2)]);
    expect(bptt).toMatchObject({ runs: 2, converged: 1, diverged: 1, finalLossMedian: 1e-4, effRankMean: 4 });
    expect(finalLossText(bptt)).toBe('1.00e-4');
    expect(rflo).toMatchObject({
      runs: 1,
      converged: 0,
      diverged: 1,
      finalLossMedian: null,
      effRankMean: null,
    });
    expect(finalLossText(rflo)).toBe('diverged at step 2');
    // every seed of a rule diverged, at different steps
    const both = summarize(runs.slice(0, 2), histories.slice(0, 2), [stop(30), stop(12)])[0];
    expect(finalLossText(both)).toBe('diverged at steps 12–30');
  });

  it('a run with only its first record has not converged', () => {
    const h = historyAt([0]);
    expect(summarize([{ rule: 'bptt' }], [h], [null])[0].converged).toBe(0);
  });
});

describe('divergence messages', () => {
  it('name the rule, the step and the reason, and blame |w| → 1 when a mode got there', () => {
    const h = historyAt([0, 10]);
    h.w = [
      [0.1, 0.2],
      [0.5, -0.97],
    ];
    const text = divergenceMessage(
      { rule: 'rflo', seed: 3 },
      { step: 412, reason: 'loss became non-finite (NaN)' },
      h,
      P,
      2,
    );
    expect(text).toMatch(/\|w\| had reached 0\.970/);
    expect(text).toMatch(/^RFLO \(seed 3\) diverged at step 412: loss became non-finite/);
    expect(text).toMatch(/\|w\| → 1/);
    expect(text).toMatch(/other runs go on/);
  });

  it('blame the learning rate otherwise, and when |w| has already exploded', () => {
    expect(likelyCause(historyAt([0]), { ...P, lr: 3 })).toMatch(/learning rate η = 3/);
    const h = historyAt([0, 10]);
    h.w = [
      [0, 0],
      [5.3, 0.1],
    ];
    expect(likelyCause(h, { ...P, lr: 1 }, { step: 13, reason: 'x' })).toMatch(/η = 1 .*after 13 steps/);
    // the record at the divergence step itself is not evidence
    const at = historyAt([0, 10]);
    at.w = [
      [0.5, 0.1],
      [0.97, 0.1],
    ];
    expect(likelyCause(at, P, { step: 10, reason: 'x' })).toMatch(/learning rate/);
  });
});

describe('keyboard shortcuts', () => {
  const body = { tagName: 'BODY' };
  it('map space, →, n, r and ? on the page', () => {
    expect(shortcutFor({ key: ' ', target: body })).toBe('togglePlay');
    expect(shortcutFor({ key: 'ArrowRight', target: body })).toBe('step');
    expect(shortcutFor({ key: 'n', target: body })).toBe('step');
    expect(shortcutFor({ key: 'r', target: body })).toBe('reset');
    expect(shortcutFor({ key: '?', target: body })).toBe('help');
    expect(shortcutFor({ key: 'x', target: body })).toBeNull();
  });

  it('are ignored while typing, and with modifier keys', () => {
    for (const target of [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      for (const key of [' ', 'n', 'r', '?', 'ArrowRight']) expect(shortcutFor({ key, target })).toBeNull();
    }
    expect(shortcutFor({ key: 'r', ctrlKey: true, target: body })).toBeNull();
  });

  it('leave space to a focused button or checkbox (or play would toggle twice)', () => {
    expect(shortcutFor({ key: ' ', target: { tagName: 'BUTTON' } })).toBeNull();
    expect(shortcutFor({ key: ' ', target: { tagName: 'INPUT', type: 'checkbox' } })).toBeNull();
    expect(shortcutFor({ key: 'n', target: { tagName: 'BUTTON' } })).toBe('step');
  });
});

describe('status line', () => {
  const base: StatusInput = {
    status: 'idle',
    step: 0,
    lastAction: 'none',
    source: 'live',
    fault: null,
    runs: [
      { rule: 'bptt', seed: 1 },
      { rule: 'rflo', seed: 1 },
    ],
    divergences: [null, null],
    params: P,
  };
  it('says running, paused, stepped, finished and diverged', () => {
    expect(statusText({ ...base, status: 'running', step: 50 })).toBe('Running.');
    expect(statusText({ ...base, status: 'paused', step: 50 })).toBe('Paused at step 50.');
    expect(statusText({ ...base, status: 'paused', step: 51, lastAction: 'step' })).toBe(
      'Stepped to step 51.',
    );
    expect(statusText({ ...base, status: 'finished', step: 3000 })).toBe('Finished at step 3000.');
    expect(statusText({ ...base, status: 'running', divergences: [null, { step: 7, reason: 'x' }] })).toBe(
      'Running. Diverged: RFLO at step 7.',
    );
    expect(statusText({ ...base, fault: 'boom' })).toMatch(/^Error: boom\./);
  });

  it('says stopped, not paused or finished, when every run has diverged', () => {
    const stop = (step: number) => ({ step, reason: 'x' });
    const all = { ...base, status: 'paused' as const, step: 10, divergences: [stop(4), stop(2)] };
    expect(statusText(all)).toBe(
      'Stopped at step 10: every run has diverged, nothing is left to train (Reset, or a smaller lr). Diverged: BPTT at step 4, RFLO at step 2.',
    );
    // one run still training: an ordinary pause
    expect(statusText({ ...all, divergences: [null, stop(2)] })).toBe(
      'Paused at step 10. Diverged: RFLO at step 2.',
    );
  });
});

describe('Plotly config', () => {
  it('never offers to upload a chart to a third party, and leaves export to our own buttons', () => {
    expect(PLOT_CONFIG.showSendToCloud).toBe(false);
    expect(PLOT_CONFIG.modeBarButtonsToRemove).toEqual(
      expect.arrayContaining(['sendDataToCloud', 'toImage']),
    );
    expect(PLOT_CONFIG.displaylogo).toBe(false);
  });
});

describe('status when every run diverged', () => {
  it('says training stopped because every run diverged, not "Paused"', async () => {
    const { statusText } = await import('../../src/ui/status-text');
    const { resolveParams } = await import('../../src/state/resolve');
    const p = resolveParams({ rules: 'bptt' }).params;
    const text = statusText({
      status: 'paused',
      step: 40,
      lastAction: 'play',
      source: 'live',
      fault: null,
      runs: [{ rule: 'bptt', seed: 1 }],
      divergences: [{ step: 33, reason: 'loss too large' }],
      params: p,
    });
    expect(text).toMatch(/^Stopped at step 40: every run has diverged/);
    expect(text).toMatch(/Diverged: BPTT at step 33\./);
  });
});
