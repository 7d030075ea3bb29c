// Keeps the address bar equal to the current parameters and view options (history.replaceState, no reload).
// May import: ./url and ./store types. Browser-only (takes the window as an argument so tests can fake it).
import type { AppState, AppStore } from './store';
import { formatQuery } from './url';

type HistoryLike = Pick<Window, 'location'> & { history: Pick<History, 'replaceState'> };

/** The page URL for a state: same path and hash, the canonical query. */
export function urlFor(
  state: Pick<AppState, 'params' | 'view'>,
  location: Pick<Location, 'pathname' | 'hash'>,
): string {
  return location.pathname + formatQuery(state.params, state.view) + location.hash;
}

/** Writes the URL now and after every params/view change; returns the unsubscribe. */
export function syncUrlWithStore(store: AppStore, win: HistoryLike): () => void {
  let written = '';
  const write = (state: AppState) => {
    const url = urlFor(state, win.location);
    if (url === written) return;
    written = url;
    win.history.replaceState(null, '', url);
  };
  write(store.getState());
  return store.subscribe((state, prev) => {
    if (state.params !== prev.params || state.view !== prev.view) write(state);
  });
}
