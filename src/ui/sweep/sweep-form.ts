// The sweep form's state as plain data: axes being edited, rules, presets, and the grid and cells they give.
// Pure; may import state and engine types.
import { RULE_IDS, type EngineParams, type RuleId } from '../../engine/params';
import { applyConstraints } from '../../state/resolve';
import {
  cellCount,
  cellParams,
  formatGrid,
  gridProblems,
  parseGrid,
  SWEEP_KEYS,
  type SweepGrid,
  type SweepKey,
} from '../../state/sweep-grid';

export interface AxisDraft {
  /** a sweep key, or "key.m" for one mode of a per-mode list */
  name: string;
  from: string;
  to: string;
  count: string;
  log: boolean;
}

export interface SweepDraft {
  axes: [AxisDraft, AxisDraft | null];
  rules: RuleId[];
}

export interface SweepPreset {
  id: string;
  label: string;
  draft: SweepDraft;
}

const axis = (name: string, from: number, to: number, count: number, log = false): AxisDraft => ({
  name,
  from: String(from),
  to: String(to),
  count: String(count),
  log,
});

/** The presets: where RFLO lands from each start, each rule's η limit, ŵ against w*, BPTT's plateau. */
export const SWEEP_PRESETS: SweepPreset[] = [
  {
    id: 'rflo-basins',
    label: 'RFLO’s basins (a₀ × b₀)',
    draft: { axes: [axis('a0', -1.5, 1.5, 16), axis('b0', -1.5, 1.5, 16)], rules: ['bptt', 'rflo'] },
  },
  {
    id: 'lr-limit',
    label: 'Learning-rate limit per rule (η × w*)',
    draft: {
      axes: [axis('lr', 0.01, 2, 16, true), axis('wStar', -0.9, 0.9, 16)],
      rules: ['bptt', 'tbptt', 'rflo'],
    },
  },
  {
    id: 'what-wstar',
    label: 'ŵ against w* (RFLO)',
    draft: { axes: [axis('what', 0, 0.95, 16), axis('wStar', -0.9, 0.9, 16)], rules: ['rflo'] },
  },
  {
    id: 'saddle-plateau',
    label: 'BPTT’s plateau (a₀ × η)',
    draft: {
      axes: [axis('a0', 0.0005, 0.5, 16, true), axis('lr', 0.002, 0.1, 16, true)],
      rules: ['bptt', 'tbptt', 'rflo'],
    },
  },
  {
    id: 'a0-ahat',
    label: 'RFLO’s branches (a₀ × â)',
    draft: { axes: [axis('a0', -2, 2, 16), axis('aHat', -1, 1, 16)], rules: ['rflo'] },
  },
];

export const DEFAULT_DRAFT: SweepDraft = {
  axes: [axis('lr', 0.005, 0.1, 16), axis('aHat', -1, 1, 16)],
  rules: ['bptt', 'tbptt', 'rflo'],
};

/** The names an axis may take (the per-mode ones also mode by mode, up to `modes`). */
export function axisNames(modes: number): string[] {
  const perMode = ['a0', 'b0', 'w0', 'aStar', 'bStar', 'wStar', 'aHat'];
  return SWEEP_KEYS.flatMap((key: SweepKey) =>
    perMode.includes(key) && modes > 1
      ? [key, ...Array.from({ length: modes }, (_, m) => `${key}.${m + 1}`)]
      : [key],
  );
}

export const draftText = (d: SweepDraft): string =>
  d.axes
    .filter((a): a is AxisDraft => a !== null)
    .map((a) => `${a.name}=${a.from.trim()}:${a.to.trim()}:${a.count.trim()}${a.log ? ':log' : ''}`)
    .join(',');

export type DraftResult =
  { ok: true; grid: SweepGrid; base: EngineParams; cells: EngineParams[] } | { ok: false; problem: string };

/** The grid, base and every cell of a draft over the current parameters, or the first problem (one line). */
export function resolveDraft(draft: SweepDraft, params: EngineParams): DraftResult {
  if (!draft.rules.length) return { ok: false, problem: 'pick at least one rule' };
  const parsed = parseGrid(draftText(draft));
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const base = applyConstraints(
    { ...structuredClone(params), rules: RULE_IDS.filter((r) => draft.rules.includes(r)) },
    [],
  );
  const problems = gridProblems(parsed.grid, base);
  if (problems.length) return { ok: false, problem: problems[0] };
  const cells: EngineParams[] = [];
  for (let c = 0; c < cellCount(parsed.grid); c++) {
    const cell = cellParams(base, parsed.grid, c);
    if (cell.notices.length) return { ok: false, problem: `cell ${c}: ${cell.notices[0].problem}` };
    cells.push(cell.params);
  }
  return { ok: true, grid: parsed.grid, base, cells };
}

/** The CLI command for the same sweep (the panel shows it, to run it larger or on a cluster). */
export function cliCommand(grid: SweepGrid, query: string): string {
  return `npm run sweep -- --grid "${formatGrid(grid)}" --query "${query}" --out sweep/`;
}
