// The app store (zustand, vanilla API): typed slices params, run, metrics and pins with named actions, built by a
// factory so tests get fresh stores. May import: zustand/vanilla, the slices, engine/checksum, worker client types.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { combineDigests } from '../engine/checksum';
import type { PinRunner } from '../worker/pin-runner';
import type { SimClient } from '../worker/sim-client';
import { createMetricsSlice, type MetricsSlice } from './metrics-slice';
import { createParamsSlice, type ParamsSlice } from './params-slice';
import { createPinsSlice, NO_PIN_RUNNER, type PinsSlice } from './pins-slice';
import { createRunSlice, type RunSlice } from './run-slice';

export type AppState = ParamsSlice & RunSlice & MetricsSlice & PinsSlice;
export type AppStore = StoreApi<AppState>;

export interface StoreDeps {
  /** the simulation worker (or a fake with the same shape in tests) */
  client: SimClient;
  /** trains pinned runs to their end in a worker of their own (none: pins say they cannot be computed) */
  pinRunner?: PinRunner;
  /** the page's query string; parsed once into params, view and notices */
  search?: string;
  /**
   * While running, snapshots are merged and shown at most this often (ms), so the counter and the charts
   * change together and Plotly is not asked for more frames than it can draw. 0: show each at once.
   */
  uiFrameMs?: number;
  /** clock and timer (tests pass fakes) */
  now?: () => number;
  later?: (fn: () => void, ms: number) => void;
}

/** What a slice creator gets: the store's set/get and the injected dependencies. */
export interface SliceContext {
  set: StoreApi<AppState>['setState'];
  get: StoreApi<AppState>['getState'];
  deps: Required<StoreDeps>;
}

export function createAppStore(deps: StoreDeps): AppStore {
  const full: Required<StoreDeps> = {
    search: '',
    uiFrameMs: 0,
    pinRunner: NO_PIN_RUNNER,
    now: () => performance.now(),
    later: (fn, ms) => void setTimeout(fn, ms),
    ...deps,
  };
  const store = createStore<AppState>()((set, get) => {
    const ctx: SliceContext = { set, get, deps: full };
    return {
      ...createParamsSlice(ctx),
      ...createRunSlice(ctx),
      ...createMetricsSlice(ctx),
      ...createPinsSlice(ctx),
    };
  });
  // the link's own pins start computing at once (each in the pin runner's worker)
  store.getState().computePins();
  store.setState({ steps: store.getState().params.steps });
  full.client.onSnapshot((msg) => store.getState().receiveSnapshot(msg));
  // the worker failed and was replaced: what it trained is gone, so training is stopped (not "Running." forever)
  full.client.onFault((reason) => {
    store.getState().discardPendingSnapshots();
    store.setState({ failure: reason, fault: null, status: 'paused' });
  });
  full.client.ready.then(
    (r) => store.setState({ backend: r.backend, backendNote: r.note }),
    (err: unknown) => store.setState({ fault: `could not start the training backend: ${String(err)}` }),
  );
  return store;
}

// ---- narrow selectors (components subscribe to exactly what they draw) ----

export const selectParams = (s: AppState) => s.params;
export const selectView = (s: AppState) => s.view;
export const selectStatus = (s: AppState) => s.status;
export const selectStep = (s: AppState) => s.step;
export const selectSteps = (s: AppState) => s.steps;
export const selectUrlNotices = (s: AppState) => s.urlNotices;
export const selectFault = (s: AppState) => s.fault;
/** the run checksum of the step shown (engine/checksum.ts), null while training runs or before any run */
export const selectChecksum = (s: AppState) =>
  s.digests && s.digests.length ? combineDigests(s.digests) : null;
export const selectFailure = (s: AppState) => s.failure;
export const selectPins = (s: AppState) => s.view.pins;
export const selectPinData = (s: AppState) => s.pinData;
