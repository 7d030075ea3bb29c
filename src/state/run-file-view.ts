// Reads a run file's text into what the charts need (params checked by the table, histories completed).
// May import: engine run-file/history (no TF.js), ./resolve, ./params, ./param-codecs.
import type { RunInfo } from '../engine/batch-layout';
import { emptyHistory, type RunHistory, type Spectrum } from '../engine/history';
import type { EngineParams } from '../engine/params';
import { parseRunFile, type RunFile } from '../engine/run-file';
import type { Divergence } from '../engine/simulation';
import { formatValue, type ParamValue } from './param-codecs';
import { PARAM_TABLE } from './params';
import { resolveParams } from './resolve';

export interface RunFileView {
  file: RunFile;
  params: EngineParams;
  runs: RunInfo[];
  histories: RunHistory[];
  spectra: (Spectrum | null)[];
  divergences: (Divergence | null)[];
  /** the last recorded step */
  step: number;
}

const isArray = (x: unknown): x is unknown[] => Array.isArray(x);

/** parseRunFile's checks, then the parameter table's (a file is untrusted input, like a URL). */
export function readRunFile(text: string): { ok: true; view: RunFileView } | { ok: false; message: string } {
  let file: RunFile;
  try {
    file = parseRunFile(text);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const given = file.params as unknown as Record<string, ParamValue | undefined>;
  const raw: Record<string, string> = {};
  for (const row of PARAM_TABLE) {
    const v = given[row.key];
    if (typeof v === 'number' || typeof v === 'string' || isArray(v)) raw[row.key] = formatValue(row, v);
  }
  const { params } = resolveParams(raw);
  const histories = file.runs.map((r) => {
    // columns a file left out become empty, so every chart can still index them
    const h = { ...emptyHistory(), ...(r.history as Partial<RunHistory>) };
    for (const key of Object.keys(h) as (keyof RunHistory)[]) if (!isArray(h[key])) h[key] = [] as never;
    return structuredClone(h);
  });
  const runs = file.runs.map((r) => ({ rule: r.rule, seed: r.seed, seedIndex: r.seed - params.seed }));
  const step = Math.max(0, ...histories.map((h) => h.step[h.step.length - 1] ?? 0));
  return {
    ok: true,
    view: {
      file,
      params,
      runs,
      histories,
      spectra: file.runs.map((r) => r.spectrum ?? null),
      divergences: file.runs.map((r) => r.diverged ?? null),
      step,
    },
  };
}
