// Whether a CSS media query matches, kept current (phone-width figures, the collapsed parameter panel).
// May import: react only. False where there is no window (server rendering in tests).
import { useSyncExternalStore } from 'react';

export const NARROW_QUERY = '(max-width: 700px)';

export function matchesNow(query: string): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia(query).matches
  );
}

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => matchesNow(query),
    () => false,
  );
}
