// One source of truth for "which theory applies": the run file's blocks and the app's overlays come from the
// same predictModes, so they agree for every rule, including tBPTT with k = T (BPTT's ODE in both).
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../src/engine/params';
import type { RunFile } from '../../src/engine/run-file';
import { odeRuleFor, predictModes } from '../../src/theory';
import { attachTheory } from '../../src/theory/run-file-blocks';
import { predictTheory } from '../../src/ui/theory';
import { params } from '../engine/helpers';

const STEPS = Array.from({ length: 31 }, (_, k) => k);

function fileFor(p: ReturnType<typeof params>): RunFile {
  const runs = p.rules.map((rule) => ({ rule, seed: p.seed, history: { step: STEPS } }));
  return attachTheory({ params: p, runs } as unknown as RunFile);
}

describe('predictModes: the run file and the app agree', () => {
  it.each([1, 3, 6])(
    'tBPTT with k = %i (T = 6): the same ODE and map in the file as on the charts',
    (truncation) => {
      const p = params({ rules: ['bptt', 'tbptt', 'rflo', 'eprop'], T: 6, truncation, steps: 30 });
      const file = fileFor(p);
      for (const kind of ['ode', 'map'] as const) {
        const app = predictTheory(p, kind, 31);
        p.rules.forEach((rule, k) => {
          const block = kind === 'ode' ? file.runs[k].theory : file.runs[k].map;
          const drawn = app[k].trace;
          if (drawn) expect(block, `${rule} ${kind}`).toEqual(drawn);
          else if (rule !== 'eprop' || kind === 'ode')
            expect(block, `${rule} ${kind}`).toHaveProperty('notApplicable');
        });
      }
      const tbptt = p.rules.indexOf('tbptt');
      if (truncation === 6) {
        // k = T is BPTT: both draw BPTT's ODE, never "not applicable"
        expect(odeRuleFor(p, 'tbptt')).toBe('bptt');
        expect(file.runs[tbptt].theory).toEqual(predictModes(p, 'bptt', 'ode', STEPS));
      } else if (truncation === 3) {
        expect(file.runs[tbptt].theory).toHaveProperty('notApplicable');
        expect(predictTheory(p, 'ode', 31)[tbptt].trace).toBeNull();
      }
      expect(file.runs[p.rules.indexOf('eprop')].theory).toHaveProperty('notApplicable');
    },
  );

  it('a random init or the random task: no blocks in the file, and the same reason on the charts', () => {
    for (const over of [{ init: 'random' as const }, { task: 'random' as const }]) {
      const p = params({ ...over, steps: 30 });
      const file = fileFor(p);
      for (const run of file.runs) expect(run.theory).toBeUndefined();
      const rule: RuleId = 'bptt';
      const reason = predictModes(p, rule, 'map', STEPS);
      expect(reason).toHaveProperty('notApplicable');
      expect(predictTheory(p, 'map', 31)[0].reason).toContain(
        (reason as { notApplicable: string }).notApplicable,
      );
    }
  });
});
