// The pin runner against the REAL worker module (in-process): a pin trained to its end gives the same histories as
// the same parameters trained by Run to end; pins run one at a time, each on a client disposed afterwards.
// May import: vitest, src/worker, src/state (resolve), ./in-process-worker.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunHistory } from '../../src/engine/history';
import { resolveParams } from '../../src/state/resolve';
import { appendHistory } from '../../src/worker/decimate';
import { createPinRunner } from '../../src/worker/pin-runner';
import type { SnapshotMessage } from '../../src/worker/protocol';
import { createSimClient, type SimClient } from '../../src/worker/sim-client';
import { installInProcessWorker } from './in-process-worker';

let uninstall: () => void;
beforeAll(() => {
  uninstall = installInProcessWorker();
});
afterAll(() => uninstall?.());

const params = (raw: Record<string, string>) => resolveParams({ steps: '60', every: '10', ...raw }).params;

/** The histories a plain client records for `p` with Run to end (what the page shows). */
async function runToEndHistories(p: ReturnType<typeof params>): Promise<RunHistory[]> {
  const client = createSimClient();
  let histories: RunHistory[] = [];
  const done = new Promise<void>((resolve) =>
    client.onSnapshot((s: SnapshotMessage) => {
      if (s.fresh) histories = s.records;
      else s.records.forEach((r, k) => appendHistory(histories[k], r));
      if (s.status === 'finished') resolve();
    }),
  );
  await client.configure(p);
  await client.runToEnd();
  await done;
  client.dispose();
  return histories;
}

it('trains each pin to its end, one at a time, to the same losses as Run to end', async () => {
  const made: SimClient[] = [];
  let live = 0;
  let mostLive = 0;
  const runner = createPinRunner(() => {
    const c = createSimClient();
    const dispose = c.dispose.bind(c);
    live++;
    mostLive = Math.max(mostLive, live);
    made.push({ ...c, dispose: () => (live--, dispose()) });
    return made[made.length - 1];
  }, 2000);
  const a = params({ lr: '0.05' });
  const b = params({ lr: '0.02', rules: 'bptt' });
  const [pinA, pinB] = await Promise.all([runner.run(a), runner.run(b)]);
  expect(made).toHaveLength(2);
  // one at a time, and each worker gone once its pin is done
  expect(mostLive).toBe(1);
  expect(live).toBe(0);
  expect(pinA.runs.map((r) => r.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
  expect(pinB.runs.map((r) => r.rule)).toEqual(['bptt']);
  for (const h of [...pinA.histories, ...pinB.histories]) expect(h.step).toEqual([0, 10, 20, 30, 40, 50, 60]);
  const reference = await runToEndHistories(a);
  expect(pinA.histories.map((h) => h.loss)).toEqual(reference.map((h) => h.loss));
  // a disposed client refuses requests: nothing of a pin's worker outlives its histories
  for (const c of made) await expect(c.pause()).rejects.toThrow(/disposed/);
  runner.dispose();
  await expect(runner.run(a)).rejects.toThrow('pinned runs stopped');
});
