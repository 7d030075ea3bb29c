// The browser entry: starts the training worker, builds the store from the page's URL, keeps the URL in sync,
// installs the testing hook and renders the app. May import: state, worker client, ui.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installDebugHook } from './state/debug-hook';
import { createAppStore } from './state/store';
import { syncUrlWithStore } from './state/url-sync';
import { App } from './ui/App';
import { StoreContext } from './ui/store-context';
import { createSimClient } from './worker/sim-client';
import { wasmAssetUrls } from './worker/wasm-assets';
import './ui/styles/base.css';
import './ui/styles/page.css';
import './ui/styles/params.css';
import './ui/styles/charts.css';
import './ui/styles/dialogs.css';
import './ui/styles/responsive.css';

const client = createSimClient({ wasmPaths: wasmAssetUrls(window.location.href) });
const store = createAppStore({ client, search: window.location.search, uiFrameMs: 100 });
syncUrlWithStore(store, window);
installDebugHook(store, window);
store.getState().configure();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
