// The pins slice: pinned runs (their queries live in view.pins, so the URL keeps them) and their computed histories,
// with the actions pin current, pin from link and unpin. May import: ./url, ./store types, worker pin-runner types.
import type { PinnedHistories, PinRunner } from '../worker/pin-runner';
import type { SliceContext } from './store';
import { formatQuery, PIN_MAX, readPinLink } from './url';

/** A pinned run's curves: being trained in its own worker, ready, or lost (the worker failed). */
export type PinData =
  { status: 'computing' } | ({ status: 'ready' } & PinnedHistories) | { status: 'failed'; reason: string };

export type PinResult = { ok: true; query: string } | { ok: false; message: string };

export interface PinsSlice {
  /** by pin query (view.pins holds the order); a pin whose data is absent has not been asked for yet */
  pinData: Record<string, PinData>;
  /** Pins the run on screen (its parameters; its curves are reused when it has run to the end). */
  pinCurrent(): PinResult;
  /** Pins another run from its link (a full URL or a query): "compare with a link". */
  pinLink(text: string): PinResult;
  unpin(query: string): void;
  /** Starts computing every pin that has no data yet (the page's own pins at start, then each new one). */
  computePins(): void;
}

/** The pin runner of a store without one (tests of other slices): every pin fails, and says why. */
export const NO_PIN_RUNNER: PinRunner = {
  run: () => Promise.reject(new Error('no worker for pinned runs')),
  dispose: () => undefined,
};

export function createPinsSlice({ set, get, deps }: SliceContext): PinsSlice {
  const setData = (query: string, data: PinData) => {
    // a pin removed while it computed stays removed
    if (!get().view.pins.includes(query)) return;
    set({ pinData: { ...get().pinData, [query]: data } });
  };

  const add = (query: string, data?: PinData): PinResult => {
    const { pins } = get().view;
    const at = pins.indexOf(query);
    if (at >= 0) return { ok: false, message: `this run is already pinned (pin ${at + 1})` };
    if (pins.length >= PIN_MAX) return { ok: false, message: `at most ${PIN_MAX} pins: unpin one first` };
    set({ view: { ...get().view, pins: [...pins, query] } });
    if (data) setData(query, data);
    get().computePins();
    return { ok: true, query };
  };

  return {
    pinData: {},

    pinCurrent() {
      const s = get();
      const query = formatQuery(s.params);
      // a link reproduces its run exactly, so a finished run's curves on screen are the pin's curves
      const finished = s.source === 'live' && s.status === 'finished' && s.step >= s.params.steps;
      return add(
        query,
        finished
          ? { status: 'ready', runs: structuredClone(s.runs), histories: structuredClone(s.histories) }
          : undefined,
      );
    },

    pinLink(text) {
      const read = readPinLink(text);
      if (!read.ok) return { ok: false, message: `This link cannot be pinned: ${read.problem}.` };
      return add(read.query);
    },

    unpin(query) {
      const { pins } = get().view;
      if (!pins.includes(query)) return;
      const pinData = { ...get().pinData };
      delete pinData[query];
      set({ view: { ...get().view, pins: pins.filter((p) => p !== query) }, pinData });
    },

    computePins() {
      for (const query of get().view.pins) {
        if (get().pinData[query]) continue;
        const read = readPinLink(query);
        if (!read.ok) {
          setData(query, { status: 'failed', reason: read.problem });
          continue;
        }
        setData(query, { status: 'computing' });
        deps.pinRunner.run(read.params).then(
          (result) => setData(query, { status: 'ready', ...result }),
          (err: unknown) =>
            setData(query, { status: 'failed', reason: err instanceof Error ? err.message : String(err) }),
        );
      }
    },
  };
}
