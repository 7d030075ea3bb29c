// The sweep worker's client for the sweep panel (main.tsx provides it; without one the panel cannot run).
// May import: react and the worker client's types.
import { createContext, useContext } from 'react';
import type { SweepClient } from '../../worker/sweep-client';

export const SweepClientContext = createContext<SweepClient | null>(null);

export const useSweepClient = (): SweepClient | null => useContext(SweepClientContext);
