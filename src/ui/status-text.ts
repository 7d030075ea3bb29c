// The aria-live status line's sentence (running / paused / stepped / finished / diverged / all stopped), pure.
// May import: state types, ./rule-style.
import type { RunAction } from '../state/run-slice';
import type { RunStatus } from '../worker/protocol';
import type { Divergence } from '../engine/simulation';
import type { EngineParams, RuleId } from '../engine/params';
import { ruleLabel } from './rule-style';

export interface StatusInput {
  status: RunStatus;
  step: number;
  lastAction: RunAction;
  source: 'live' | 'file';
  fault: string | null;
  /** why the simulation stopped when its worker failed (see the run slice) */
  failure?: string | null;
  runs: { rule: RuleId; seed: number }[];
  divergences: (Divergence | null)[];
  params: EngineParams;
}

const everyRunDiverged = (s: StatusInput) => s.runs.length > 0 && s.runs.every((_, k) => s.divergences[k]);

/** Short on purpose: screen readers read it whenever it changes (so the step is left out while running). */
export function statusText(s: StatusInput): string {
  if (s.failure)
    return `The simulation stopped: ${s.failure}. Press Reset or choose a preset to start again.`;
  const parts: string[] = [];
  if (s.fault) parts.push(`Error: ${s.fault}.`);
  if (s.source === 'file')
    parts.push(`Showing a loaded run file (step ${s.step}); play or reset retrains it.`);
  else if (s.status === 'running')
    parts.push(s.lastAction === 'runToEnd' ? 'Running to the end…' : 'Running.');
  else if (s.status === 'paused' && everyRunDiverged(s))
    parts.push(
      `Stopped at step ${s.step}: every run has diverged, nothing is left to train (Reset, or a smaller lr).`,
    );
  else if (s.status === 'paused')
    parts.push(s.lastAction === 'step' ? `Stepped to step ${s.step}.` : `Paused at step ${s.step}.`);
  else if (s.status === 'finished') parts.push(`Finished at step ${s.step}.`);
  else parts.push('Ready: press Play (or Space) to train.');
  const diverged = s.runs
    .map((r, k) =>
      s.divergences[k]
        ? `${ruleLabel(r.rule, s.params)}${s.params.seeds > 1 ? ` seed ${r.seed}` : ''} at step ${s.divergences[k]!.step}`
        : '',
    )
    .filter(Boolean);
  if (diverged.length) parts.push(`Diverged: ${diverged.join(', ')}.`);
  return parts.join(' ');
}
