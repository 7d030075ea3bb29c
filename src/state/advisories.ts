// Advice about a valid setting that does not do what its name promises (nothing is replaced, so not a notice:
// the CLI refuses on notices, and this must not be refused). Pure; imports engine params types only.
import type { EngineParams } from '../engine/params';

export interface Advisory {
  key: keyof EngineParams;
  message: string;
}

/** Whether anything in a run depends on its seed beyond the shared teacher and bases. */
export function seedsDiffer(p: EngineParams): boolean {
  return p.task !== 'aligned' || p.init !== 'aligned' || p.gradient !== 'expected';
}

export function advisories(p: EngineParams): Advisory[] {
  const out: Advisory[] = [];
  if (p.seeds > 1 && !seedsDiffer(p))
    out.push({
      key: 'seeds',
      message:
        `seeds: the ${p.seeds} runs per rule are identical here: with the aligned task, an aligned init and the ` +
        'expected gradient nothing is random (set init = random or gradient = sampled to vary them)',
    });
  return out;
}
