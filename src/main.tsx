// The browser entry: starts the training worker, builds the store from the page's URL, keeps the URL in sync,
// installs the testing hook and renders the app. May import: state, worker client, ui.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installDebugHook } from './state/debug-hook';
import { createAppStore } from './state/store';
import { syncUrlWithStore } from './state/url-sync';
import { App } from './ui/App';
import { StoreContext } from './ui/store-context';
import { CHART_HISTORY_CAP } from './state/metrics-slice';
import { createPinRunner } from './worker/pin-runner';
import { createSimClient } from './worker/sim-client';
import { createSimPool } from './worker/sim-pool';
import { createSweepClient } from './worker/sweep-client';
import { SweepClientContext } from './ui/sweep/sweep-context';
import { wasmAssetUrls } from './worker/wasm-assets';
import './ui/styles/base.css';
import './ui/styles/page.css';
import './ui/styles/params.css';
import './ui/styles/charts.css';
import './ui/styles/dialogs.css';
import './ui/styles/responsive.css';
import './ui/styles/dashboard.css';

const WARM_UP_MS = 2500;

// one training worker per core (at most 4): long runs are split over them by seeds (worker/sim-pool.ts)
const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
const wasmPaths = wasmAssetUrls(window.location.href);
// the pool makes a fresh worker whenever one fails (out of memory, a crash), so Reset and presets work again
const client = createSimPool(() => createSimClient({ wasmPaths }), workers);
// the sweep panel's own worker, started on the first sweep
const sweepClient = createSweepClient(wasmPaths);
// pinned runs train in a worker of their own, one at a time, so the run on screen is never interrupted
const pinRunner = createPinRunner(() => createSimClient({ wasmPaths }), CHART_HISTORY_CAP);
const store = createAppStore({ client, pinRunner, search: window.location.search, uiFrameMs: 100 });
syncUrlWithStore(store, window);
installDebugHook(store, window);
store.getState().configure();
// the first ~1000 steps of a fresh worker run at half speed (JIT, wasm tiers): pay that while the page is read;
// any request (Play, Run to end, an edit) interrupts it within one 25 ms chunk
window.setTimeout(() => void client.warmUp(store.getState().params, WARM_UP_MS).catch(() => undefined), 500);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <SweepClientContext.Provider value={sweepClient}>
        <App />
      </SweepClientContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
