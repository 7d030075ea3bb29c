// The theory lines of a sweep's phase diagrams, computed in the boundaries worker whenever the table changes;
// empty until they arrive (the maps draw at once, the lines follow). May import: react, state, worker clients.
import { useEffect, useState } from 'react';
import type { Boundary } from '../../state/sweep-boundaries';
import { parseGrid } from '../../state/sweep-grid';
import { parseQuery } from '../../state/url';
import { createBoundariesClient } from '../../worker/boundaries-client';

/** `baseQuery` and `gridText` as a sweep table holds them (strings: a recoloured view asks for nothing new). */
export function useBoundaries(baseQuery: string | null, gridText: string | null): Boundary[] {
  const key = baseQuery === null || gridText === null ? null : `${baseQuery}\n${gridText}`;
  // the lines with the table they belong to: a new table shows none until its own arrive
  const [result, setResult] = useState<{ key: string; boundaries: Boundary[] } | null>(null);
  const [client] = useState(createBoundariesClient);
  useEffect(() => () => client.dispose(), [client]);
  useEffect(() => {
    const grid = gridText === null ? null : parseGrid(gridText);
    if (key === null || baseQuery === null || !grid?.ok) return;
    let live = true;
    client.compute(parseQuery(baseQuery).params, grid.grid).then(
      (boundaries) => live && boundaries && setResult({ key, boundaries }),
      (e: unknown) => console.warn('theory boundaries failed:', e),
    );
    return () => {
      live = false;
    };
  }, [client, key, baseQuery, gridText]);
  return result !== null && result.key === key ? result.boundaries : [];
}
