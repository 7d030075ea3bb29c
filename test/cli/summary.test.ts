// The CLI's summary table: a diverged run has no final loss (left out of the median); a rule whose runs all
// diverged says where. May import: vitest, src/cli/summary, src/engine types, ../state/fake-client (histories).
import { describe, expect, it } from 'vitest';
import type { RunFile, RunRecord } from '../../src/engine/run-file';
import { summaryTable } from '../../src/cli/summary';
import { historyAt } from '../state/fake-client';

const run = (rule: RunRecord['rule'], loss: number, diverged: RunRecord['diverged']): RunRecord => {
  const history = historyAt([0, 10]);
  history.loss = [1, loss];
  return { rule, seed: 1, diverged, history, spectrum: null } as unknown as RunRecord;
};

describe('summaryTable', () => {
  it('leaves diverged runs out of the final loss and names the step when every run of a rule diverged', () => {
    const stop = { step: 2, reason: 'loss exceeded 1e6 × its initial loss' };
    const file = {
      runs: [run('bptt', 0.001, null), run('bptt', 5e26, { ...stop, step: 40 }), run('rflo', 2.02e27, stop)],
    } as unknown as RunFile;
    const [, , bptt, rflo] = summaryTable(file).split('\n');
    expect(bptt).toMatch(/^bptt\s+2\s+0\.00100\s/);
    expect(bptt).toMatch(/1 \(first at step 40\)$/);
    expect(rflo).toMatch(/^rflo\s+1\s+diverged at step 2\s/);
    expect(rflo).not.toMatch(/e\+27/);
  });
});
