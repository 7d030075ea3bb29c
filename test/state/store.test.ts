// The store's actions against a fake worker client: a fresh store per test from createAppStore().
// May import: vitest, src/state, src/engine (types, run-file constants), ./fake-client.
import { DEFAULT_VIEW } from '../../src/state/url';
import { describe, expect, it } from 'vitest';
import { combineDigests, runChecksum } from '../../src/engine/checksum';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION } from '../../src/engine/run-file';
import { labSnapshot } from '../../src/state/debug-hook';
import { CHART_HISTORY_CAP } from '../../src/state/metrics-slice';
import { PRESETS } from '../../src/state/presets';
import { resolveParams } from '../../src/state/resolve';
import { createAppStore, selectChecksum, type StoreDeps } from '../../src/state/store';
import { syncUrlWithStore } from '../../src/state/url-sync';
import { statusText } from '../../src/ui/status-text';
import { FakeClient, historyAt, snapshot } from './fake-client';

function setup(deps: Partial<StoreDeps> = {}) {
  const client = new FakeClient();
  const store = createAppStore({ client, ...deps });
  return { client, store, s: () => store.getState() };
}

/** Lets rejected requests reach the store's catch handlers. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('params slice', () => {
  it('starts from the link: parameters, view options and one notice per problem', () => {
    const { s } = setup({ search: '?v=1&lr=0.2&T=abc&hide=seed&present=1' });
    expect(s().params.lr).toBe(0.2);
    expect(s().params.T).toBe(resolveParams({}).params.T);
    expect(s().view).toEqual({ ...DEFAULT_VIEW, hide: ['seed'], present: true, theory: 'map' });
    expect(s().urlNotices.map((n) => n.key)).toEqual(['T']);
    expect(s().steps).toBe(s().params.steps);
  });

  it('setParam applies a valid value and reconfigures the worker once', () => {
    const { client, s } = setup();
    expect(s().setParam('lr', '0.1')).toEqual({ ok: true });
    expect(s().params.lr).toBe(0.1);
    expect(client.kinds()).toEqual(['configure']);
    expect((client.calls[0].arg as { lr: number }).lr).toBe(0.1);
    // the same value again (Enter, then blur) does not restart the run
    expect(s().setParam('lr', '0.10')).toEqual({ ok: true });
    expect(client.kinds()).toEqual(['configure']);
  });

  it('a change while training restarts from step 0 and keeps going: playing plays, running to the end runs on', () => {
    const { client, store, s } = setup();
    store.setState({ status: 'running', lastAction: 'play' });
    s().setParam('lr', '0.1');
    expect(client.kinds()).toEqual(['configure', 'play']);
    store.setState({ status: 'running', lastAction: 'runToEnd' });
    s().setParam('lr', '0.2');
    expect(client.kinds()).toEqual(['configure', 'play', 'configure', 'runToEnd']);
    // paused: the change restarts at step 0 and waits
    store.setState({ status: 'paused', lastAction: 'pause' });
    s().setParam('lr', '0.3');
    expect(client.kinds().slice(4)).toEqual(['configure']);
  });

  it('setParam refuses an invalid entry with a message and changes nothing', () => {
    const { client, s } = setup();
    const before = s().params;
    const result = s().setParam('T', '1e');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/not a number/);
    expect(s().setParam('rules', '').ok).toBe(false);
    expect(s().setParam('what', '1').ok).toBe(false);
    expect(s().params).toBe(before);
    expect(client.calls).toEqual([]);
  });

  it('setParam reports what a change forced elsewhere (the user’s per-mode values cut to fewer modes)', () => {
    const { s } = setup();
    expect(s().params.modes).toBe(2);
    s().setParam('modes', '1'); // only default lists are cut: nothing of the user's is lost, so no notice
    expect(s().params.aStar).toHaveLength(1);
    expect(s().editNotices).toEqual([]);
    s().setParam('modes', '2');
    expect(s().params.wStar).toHaveLength(2);
    s().setParam('wStar', '0.3,0.7');
    s().setParam('modes', '1');
    expect(s().params.wStar).toEqual([0.3]);
    expect(s().editNotices.map((n) => n.key)).toEqual(['wStar']);
  });

  it('setParams applies several values with ONE restart, or refuses them all', () => {
    const { client, s } = setup();
    expect(s().setParams({ a0: '0.5,0.02', b0: '-1,0.02' })).toEqual({ ok: true });
    expect(s().params.a0).toEqual([0.5, 0.02]);
    expect(s().params.b0).toEqual([-1, 0.02]);
    expect(client.kinds()).toEqual(['configure']);
    const before = s().params;
    const refused = s().setParams({ a0: '1', b0: 'x' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/^b0: /);
    expect(s().params).toBe(before);
    expect(client.kinds()).toEqual(['configure']);
  });

  it('setTheory changes the view option only: no restart, and the same choice again changes nothing', () => {
    const { client, s } = setup({ search: '?v=1&theory=ode' });
    expect(s().view.theory).toBe('ode');
    const view = s().view;
    s().setTheory('ode');
    expect(s().view).toBe(view);
    s().setTheory('off');
    expect(s().view).toEqual({ ...DEFAULT_VIEW, hide: [], present: false, theory: 'off' });
    expect(client.calls).toEqual([]);
  });

  it('applyPreset loads the preset’s query; an unknown id is refused', () => {
    const { client, s } = setup({ search: '?v=1&present=1' });
    const rank = PRESETS.find((p) => p.id === 'rank-of-changes')!;
    expect(s().applyPreset(rank.id)).toBe(true);
    expect(s().params.task).toBe('random');
    expect(s().params.seeds).toBe(20);
    expect(s().view.present).toBe(true);
    expect(client.kinds()).toEqual(['configure']);
    expect(s().applyPreset('nope')).toBe(false);
  });
});

describe('run slice', () => {
  it('run controls send the matching requests, with the chosen speed', () => {
    const { client, s } = setup();
    s().setSpeed('max');
    s().play();
    s().pause();
    s().stepOnce();
    s().runToEnd();
    s().reset();
    expect(client.kinds()).toEqual(['setSpeed', 'play', 'pause', 'step', 'runToEnd', 'reset']);
    expect(client.calls[1].arg).toBe('max');
    expect(s().lastAction).toBe('reset');
  });

  it('togglePlay pauses while running and plays otherwise', () => {
    const { client, store, s } = setup();
    s().togglePlay();
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    store.setState({ status: 'running' });
    s().togglePlay();
    expect(client.kinds()).toEqual(['play', 'pause']);
  });

  it('a finished run does not play or step again (reset does)', () => {
    const { client, s } = setup();
    client.emit(snapshot({ fresh: true, status: 'finished', step: 3000, records: [0, 3000] }));
    s().play();
    s().stepOnce();
    s().runToEnd();
    expect(client.calls).toEqual([]);
    s().reset();
    expect(client.kinds()).toEqual(['reset']);
  });

  it('a failed request is shown as the fault', async () => {
    const { client, s } = setup();
    client.failNext = { kind: 'play', message: 'no simulation configured yet' };
    s().play();
    await settle();
    expect(s().fault).toBe('no simulation configured yet');
  });

  it('a failed worker stops the run with its reason (not "Running." on and on); Reset starts again', async () => {
    const { client, s } = setup();
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    s().play();
    client.emit(snapshot({ status: 'running', step: 40, records: [10, 20, 30, 40] }));
    expect(s().status).toBe('running');
    // a request in flight when the worker fails ends with it; its rejection must not replace the reason
    client.failNext = { kind: 'setSpeed', message: 'the engine failed (memory access out of bounds)' };
    s().setSpeed(5);
    client.fault('the engine failed (memory access out of bounds)');
    await settle();
    expect(s().status).toBe('paused');
    expect(s().failure).toBe('the engine failed (memory access out of bounds)');
    expect(s().fault).toBeNull();
    expect(statusText(s())).toBe(
      'The simulation stopped: the engine failed (memory access out of bounds). Press Reset or choose a preset to start again.',
    );
    // a snapshot still in flight from the failed run is not shown
    client.emit(snapshot({ status: 'running', step: 50, records: [50] }));
    expect(s().status).toBe('paused');
    expect(s().step).toBe(40);
    s().reset();
    expect(s().failure).toBeNull();
    expect(client.kinds().at(-1)).toBe('reset');
  });

  it('after a failure, Play and a preset rebuild the run on the fresh worker first', () => {
    const { client, s } = setup();
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    client.fault('the training worker ended unexpectedly');
    s().play();
    expect(client.kinds().slice(-2)).toEqual(['configure', 'play']);
    expect(s().failure).toBeNull();
    client.fault('the training worker ended unexpectedly');
    expect(s().applyPreset(PRESETS[0].id)).toBe(true);
    expect(client.kinds().at(-1)).toBe('configure');
    expect(s().failure).toBeNull();
  });
});

describe('metrics slice', () => {
  it('a fresh snapshot replaces the histories; later ones append', () => {
    const { client, s } = setup();
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    expect(s().histories.map((h) => h.step)).toEqual([[0], [0], [0]]);
    expect(s().runs.map((r) => r.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
    const before = s().histories;
    client.emit(snapshot({ status: 'running', step: 20, records: [10, 20] }));
    expect(s().histories[0].step).toEqual([0, 10, 20]);
    expect(s().step).toBe(20);
    expect(s().status).toBe('running');
    expect(s().histories).not.toBe(before); // what the charts memoise on
    expect(s().spectra[0]).toEqual({ step: 20, W: [1, 0.5], B: [1] });
  });

  it('drops snapshots of the previous simulation still in flight after configure or reset', () => {
    const { client, s } = setup();
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    s().reset();
    client.emit(snapshot({ status: 'running', step: 30, records: [30] }));
    expect(s().histories[0].step).toEqual([0]);
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0], generation: 2 }));
    client.emit(snapshot({ status: 'paused', step: 5, records: [5], generation: 2 }));
    expect(s().histories[0].step).toEqual([0, 5]);
    expect(s().status).toBe('paused');
  });

  it('paces running frames to uiFrameMs, merging them; a status change shows at once', () => {
    let now = 0;
    const timers: (() => void)[] = [];
    const { client, s } = setup({ uiFrameMs: 100, now: () => now, later: (fn) => timers.push(fn) });
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    now = 150;
    client.emit(snapshot({ step: 10, records: [10] }));
    expect(s().step).toBe(10);
    now = 160;
    client.emit(snapshot({ step: 20, records: [20] }));
    client.emit(snapshot({ step: 30, records: [30] }));
    // not shown yet: one timer waits for the frame
    expect(s().step).toBe(10);
    expect(timers).toHaveLength(1);
    now = 250;
    timers[0]();
    expect(s().step).toBe(30);
    expect(s().histories[0].step).toEqual([0, 10, 20, 30]);
    now = 260;
    client.emit(snapshot({ status: 'paused', step: 33, records: [33] }));
    expect(s().status).toBe('paused');
    expect(s().step).toBe(33);
  });

  it('keeps at most CHART_HISTORY_CAP points per run, always the newest', () => {
    const { client, s } = setup();
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    for (let k = 1; k <= 50; k++) {
      const records = Array.from({ length: 200 }, (_, j) => ((k - 1) * 200 + j + 1) * 10);
      client.emit(snapshot({ step: records[199], records }));
    }
    const steps = s().histories[0].step;
    expect(steps.length).toBeLessThanOrEqual(CHART_HISTORY_CAP);
    expect(steps[0]).toBe(0);
    expect(steps[steps.length - 1]).toBe(100000);
    expect(s().histories[1].step).toEqual(steps);
    // strictly increasing: thinning never reorders
    expect(steps.every((v, k) => k === 0 || v > steps[k - 1])).toBe(true);
  });
});

function runFileText(): string {
  const params = resolveParams({ steps: '40', rules: 'bptt,rflo' }).params;
  const W = {
    A: [[1, 0]],
    W: [
      [0, 0],
      [0, 0],
    ],
    B: [[1], [0]],
  };
  return JSON.stringify({
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    backend: 'wasm',
    params,
    teacher: W,
    runs: ['bptt', 'rflo'].map((rule) => ({
      rule,
      seed: 1,
      initial: W,
      final: W,
      diverged: rule === 'rflo' ? { step: 30, reason: 'loss became non-finite (NaN)' } : null,
      history: historyAt([0, 10, 20, 30, 40]),
      spectrum: { step: 40, W: [2, 1], B: [1] },
    })),
  });
}

describe('run files', () => {
  it('loading a run file shows its charts without training; live snapshots are ignored meanwhile', () => {
    const { client, s } = setup();
    expect(s().loadRunFile(runFileText(), 'a.json')).toBe(true);
    expect(s().source).toBe('file');
    expect(s().params.steps).toBe(40);
    expect(s().runs.map((r) => r.rule)).toEqual(['bptt', 'rflo']);
    expect(s().histories[1].step).toEqual([0, 10, 20, 30, 40]);
    expect(s().divergences[1]?.step).toBe(30);
    expect(s().status).toBe('finished');
    expect(client.kinds()).toEqual(['pause']);
    client.emit(snapshot({ step: 99, records: [99], status: 'paused' }));
    expect(s().step).toBe(40);
  });

  it('the checksum shown: the worker’s digests when not running, the file’s final weights when loaded', () => {
    const { client, store, s } = setup();
    expect(selectChecksum(s())).toBeNull();
    client.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    const digests = ['0000000000000000', '0000000000000001', '0000000000000002'];
    expect(selectChecksum(s())).toBe(combineDigests(digests));
    client.emit(snapshot({ status: 'running', step: 10, records: [10] }));
    expect(selectChecksum(s())).toBeNull();
    expect(labSnapshot(store).checksum).toBeNull();
    client.emit(snapshot({ status: 'paused', step: 12, records: [12], digests: digests.slice(1) }));
    expect(selectChecksum(s())).toBe(combineDigests(digests.slice(1)));
    expect(labSnapshot(store).checksum).toBe(combineDigests(digests.slice(1)));
    s().loadRunFile(runFileText());
    const file = JSON.parse(runFileText());
    expect(selectChecksum(s())).toBe(runChecksum(file.runs.map((r: { final: never }) => r.final)));
  });

  it('playing a loaded file retrains it from its parameters', () => {
    const { client, s } = setup();
    s().loadRunFile(runFileText());
    s().play();
    expect(client.kinds()).toEqual(['pause', 'configure', 'play']);
    expect((client.calls[1].arg as { steps: number }).steps).toBe(40);
    expect(s().source).toBe('live');
  });

  it('exports the loaded file’s own text and its CSV; a live run asks the worker', async () => {
    const { client, s } = setup();
    expect(await s().exportRun()).toBe(client.exportText);
    const text = runFileText();
    s().loadRunFile(text);
    expect(await s().exportRun()).toBe(text);
    const csv = await s().exportCsv();
    expect(csv.split('\n')[0]).toMatch(/^rule,seed,step,loss/);
    expect(csv.trim().split('\n')).toHaveLength(1 + 2 * 5);
  });

  it('a file that is not a run file gives parseRunFile’s message and leaves the view alone', () => {
    const { s } = setup();
    const before = s().params;
    expect(s().loadRunFile('{"format":"something-else"}', 'b.json')).toBe(false);
    expect(s().runFileError).toMatch(/^b\.json is not a valid run file: not a run file: "format"/);
    expect(s().loadRunFile('not json', 'c.json')).toBe(false);
    expect(s().runFileError).toMatch(/not JSON/);
    expect(s().params).toBe(before);
    expect(s().source).toBe('live');
  });
});

describe('outside React', () => {
  it('keeps the address bar equal to the parameters (replaceState, defaults omitted)', () => {
    const { s, store } = setup({ search: '?v=1&present=1' });
    const urls: string[] = [];
    const win = {
      location: { pathname: '/lab/', hash: '' } as Location,
      history: {
        replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void urls.push(String(url)),
      },
    };
    syncUrlWithStore(store, win);
    expect(urls).toEqual(['/lab/?v=1&present=1']);
    s().setParam('lr', '0.1');
    expect(urls[1]).toBe('/lab/?v=1&lr=0.1&present=1');
    s().setPresent(false);
    expect(urls[2]).toBe('/lab/?v=1&lr=0.1');
    s().setTheory('ode');
    expect(urls[3]).toBe('/lab/?v=1&lr=0.1&theory=ode');
    s().setTheory('map');
    expect(urls[4]).toBe('/lab/?v=1&lr=0.1');
    expect(urls).toHaveLength(5);
  });

  it('the testing hook reports step, status, latest losses, runs and params', () => {
    const { client, store } = setup();
    client.emit(snapshot({ fresh: true, status: 'paused', step: 20, records: [0, 10, 20] }));
    const snap = labSnapshot(store);
    expect(snap.step).toBe(20);
    expect(snap.status).toBe('paused');
    expect(snap.losses).toEqual([1 / 21, 1 / 21, 1 / 21]);
    expect(snap.runs).toEqual([
      { rule: 'bptt', seed: 1 },
      { rule: 'tbptt', seed: 1 },
      { rule: 'rflo', seed: 1 },
    ]);
    expect(snap.params).toEqual(store.getState().params);
    expect(snap.params).not.toBe(store.getState().params);
  });
});
