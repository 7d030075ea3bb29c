// React access to the app store: a context holding the vanilla store, and a hook taking a narrow selector.
// May import: react, zustand (useStore) and the store's types.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../state/store';

export const StoreContext = createContext<AppStore | null>(null);

export function useStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi needs a <StoreContext.Provider>');
  return store;
}

/** Subscribes to exactly what `selector` returns (return primitives or stable references, not new objects). */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}
