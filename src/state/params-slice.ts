// The params slice: the simulation's parameters, the URL's view options and notices, and the actions that
// change them (each change reconfigures the worker). May import: ./url, ./resolve, ./params, ./presets, ./store types.
import type { EngineParams } from '../engine/params';
import { sameValue, type ParamValue } from './param-codecs';
import { PARAM_TABLE, type ParamKey } from './params';
import { presetById } from './presets';
import { checkValue, type Notice, resolveParams } from './resolve';
import type { SliceContext } from './store';
import { type ChartId, parseQuery, type TheoryView, type ViewOptions } from './url';

export type SetParamResult = { ok: true } | { ok: false; message: string };

export interface ParamsSlice {
  params: EngineParams;
  view: ViewOptions;
  /** what the page's link had wrong and what was used instead (one notice per problem) */
  urlNotices: Notice[];
  /** adjustments the last control edit caused elsewhere (e.g. lists cut to the number of modes) */
  editNotices: Notice[];
  /** Validates one control's raw text; refuses with a message, or applies it (and retrains from step 0). */
  setParam(key: ParamKey, raw: string): SetParamResult;
  /** Several parameters at once, all or nothing (e.g. a₀ and b₀ from a click on the phase portrait): one restart. */
  setParams(raw: Partial<Record<ParamKey, string>>): SetParamResult;
  /** Replaces every parameter from a link query (a preset); view options are kept. */
  applyQuery(search: string): void;
  /** Applies a preset by id; false for an unknown id. */
  applyPreset(id: string): boolean;
  setPresent(on: boolean): void;
  /** The charts shown (in order) and the one drawn large (a view option: the run is not restarted). */
  setCharts(charts: ChartId[], large: ChartId | null): void;
  /** The theory overlay of the loss and mode charts (a view option: the run is not restarted). */
  setTheory(theory: TheoryView): void;
  dismissUrlNotices(): void;
}

export function paramsEqual(x: EngineParams, y: EngineParams): boolean {
  const a = x as unknown as Record<string, ParamValue>;
  const b = y as unknown as Record<string, ParamValue>;
  return PARAM_TABLE.every((row) => sameValue(a[row.key], b[row.key]));
}

export function createParamsSlice({ set, get, deps }: SliceContext): ParamsSlice {
  const initial = parseQuery(deps.search);
  return {
    params: initial.params,
    view: initial.view,
    urlNotices: initial.notices,
    editNotices: [],

    setParam(key, raw) {
      return get().setParams({ [key]: raw });
    },

    setParams(raw) {
      const entries = Object.entries(raw) as [ParamKey, string][];
      for (const [key, value] of entries) {
        const checked = checkValue(key, value);
        if (!checked.ok)
          return { ok: false, message: entries.length > 1 ? `${key}: ${checked.message}` : checked.message };
      }
      const { params, notices } = resolveParams(Object.fromEntries(entries), get().params);
      set({ editNotices: notices });
      // committing the same value twice (Enter, then blur) must not restart a run
      if (!paramsEqual(params, get().params)) {
        // a change while training restarts from step 0 and goes on as it was going (playing or running to the end)
        const { status, lastAction } = get();
        set({ params });
        get().configure();
        if (status === 'running') {
          if (lastAction === 'runToEnd') get().runToEnd();
          else get().play();
        }
      }
      return { ok: true };
    },

    applyQuery(search) {
      // a preset opens on the charts that make its point; the rest of the view (projector, hidden controls) stays
      const { params, view } = parseQuery(search);
      set({ params, editNotices: [], view: { ...get().view, charts: view.charts, large: view.large } });
      get().configure();
    },

    applyPreset(id) {
      const preset = presetById(id);
      if (!preset) return false;
      get().applyQuery(preset.query);
      return true;
    },

    setPresent(on) {
      set({ view: { ...get().view, present: on } });
    },

    setCharts(charts, large) {
      const shown = charts.length ? charts : get().view.charts;
      set({ view: { ...get().view, charts: shown, large: large && shown.includes(large) ? large : null } });
    },

    setTheory(theory) {
      if (get().view.theory !== theory) set({ view: { ...get().view, theory } });
    },

    dismissUrlNotices() {
      set({ urlNotices: [] });
    },
  };
}
