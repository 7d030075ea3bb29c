// window.__localityLab: a small read-only testing/debugging hook (end-to-end tests read the run through it).
// May import: ./store types and engine types. Exposes copies only; nothing in it can change the app.
import type { EngineParams } from '../engine/params';
import type { RunStatus } from '../worker/protocol';
import { type AppStore, selectChecksum } from './store';

export interface LabSnapshot {
  step: number;
  status: RunStatus;
  /** the latest recorded loss of each run (null while none is finite) */
  losses: (number | null)[];
  runs: { rule: string; seed: number }[];
  params: EngineParams;
  /** the run checksum of the step shown (null while training runs) */
  checksum: string | null;
}

export function labSnapshot(store: AppStore): LabSnapshot {
  const s = store.getState();
  return {
    step: s.step,
    status: s.status,
    losses: s.histories.map((h) => h.loss[h.loss.length - 1] ?? null),
    runs: s.runs.map((r) => ({ rule: r.rule, seed: r.seed })),
    params: structuredClone(s.params),
    checksum: selectChecksum(s),
  };
}

/** Installs the hook on `win` (documented in the README as a testing/debugging aid). */
export function installDebugHook(store: AppStore, win: object): void {
  Object.defineProperty(win, '__localityLab', {
    value: Object.freeze({ getState: () => labSnapshot(store) }),
    configurable: true,
  });
}
