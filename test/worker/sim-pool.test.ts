// sim-pool over REAL worker modules (in-process): a run split over two workers gives the same numbers, records,
// run file and CSV as one worker; pause brings the parts to one step; short runs stay in one worker.
// May import: vitest, src/worker, src/engine (run-file), src/state (resolve), ./in-process-worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineDigests } from '../../src/engine/checksum';
import { parseRunFile } from '../../src/engine/run-file';
import { resolveParams } from '../../src/state/resolve';
import type { SnapshotMessage } from '../../src/worker/protocol';
import { createSimClient, type SimClient } from '../../src/worker/sim-client';
import { createSimPool, mergedStatus } from '../../src/worker/sim-pool';
import { installInProcessWorker } from './in-process-worker';

let uninstall: () => void;
let single: SimClient;
let pool: SimClient;
const poolSnaps: SnapshotMessage[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const params = (raw: Record<string, string> = {}) =>
  resolveParams({ steps: '40', every: '10', seeds: '3', task: 'random', n: '6', ...raw }).params;

async function until(ok: (s: SnapshotMessage) => boolean, timeout = 30_000): Promise<SnapshotMessage> {
  const start = Date.now();
  for (;;) {
    const found = poolSnaps.find(ok);
    if (found) return found;
    if (Date.now() - start > timeout)
      throw new Error(`no matching snapshot; last step ${poolSnaps.at(-1)?.step}`);
    await sleep(5);
  }
}

beforeAll(async () => {
  uninstall = installInProcessWorker();
  single = createSimClient();
  // splitAboveS 0: every run with two or more seeds is split
  pool = createSimPool(() => createSimClient(), 2, { splitAboveS: 0 });
  pool.onSnapshot((s) => poolSnaps.push(s));
  await Promise.all([single.ready, pool.ready]);
}, 120_000);

afterAll(() => {
  single?.dispose();
  pool?.dispose();
  uninstall?.();
});

describe('sim-pool', () => {
  it('merges statuses: running while any part runs, finished only when all have', () => {
    expect(mergedStatus(['running', 'finished'])).toBe('running');
    expect(mergedStatus(['finished', 'finished'])).toBe('finished');
    expect(mergedStatus(['paused', 'finished'])).toBe('paused');
    expect(mergedStatus(['idle', 'idle'])).toBe('idle');
  });

  it('a run split over two workers equals the unsplit run: runs, records, final weights, run file and CSV', async () => {
    const p = params();
    const reply = await pool.configure(p);
    const expected = await single.configure(p);
    expect(reply.runs).toEqual(expected.runs); // seed-major order survives the split
    const fresh = await until((m) => m.fresh);
    expect(fresh.records).toHaveLength(9);
    await Promise.all([pool.runToEnd(), single.runToEnd()]);
    const done = await until((m) => m.status === 'finished');
    expect(done.step).toBe(40);
    await sleep(50);
    const [mine, theirs] = await Promise.all([pool.exportRun(), single.exportRun()]);
    const a = parseRunFile(mine);
    const b = parseRunFile(theirs);
    expect(a.runs.map((r) => [r.rule, r.seed])).toEqual(b.runs.map((r) => [r.rule, r.seed]));
    // bit-identical numbers: each run's arithmetic does not depend on which runs share its batch
    expect(a.runs.map((r) => r.final)).toEqual(b.runs.map((r) => r.final));
    expect(a.runs.map((r) => r.history)).toEqual(b.runs.map((r) => r.history));
    // one checksum over all runs, whichever worker trained them: in the merged file and the merged snapshot
    expect(a.checksum).toBe(b.checksum);
    expect(combineDigests(done.digests!)).toBe(b.checksum);
    expect(await pool.exportCsv()).toBe(await single.exportCsv());
    // every record reached the merged snapshots, in the unsplit layout
    const steps = poolSnaps.filter((m) => !m.fresh).map((m) => m.records.map((h) => h.step));
    const perRun = Array.from({ length: 9 }, (_, k) => [0, ...steps.flatMap((s) => s[k])]);
    perRun.forEach((s) => expect(s).toEqual(b.runs[0].history.step));
  });

  it('the microscope traces a run of the second part exactly as the unsplit worker does', async () => {
    // still the finished 3-seed run of the previous test: runs 0–2 in the first part, 3–8 in the second
    const req = { run: 7, trial: 2, synapse: [1, 4] as [number, number] };
    const [mine, theirs] = await Promise.all([pool.traceTrial(req), single.traceTrial(req)]);
    expect(mine.run).toEqual({ rule: 'tbptt', seed: 3, seedIndex: 2 });
    expect(mine).toEqual(theirs);
    expect(mine.step).toBe(40);
    await expect(pool.traceTrial({ ...req, run: 9 })).rejects.toThrow(
      'run 9 does not exist (this simulation has 9 runs)',
    );
    await expect(single.traceTrial({ ...req, synapse: [6, 0] })).rejects.toThrow(
      /synapse \(6, 0\) is not in W/,
    );
  });

  it('pause leaves every part at the same step', async () => {
    poolSnaps.length = 0;
    await pool.configure(params({ steps: '100000', every: '5' }));
    await until((m) => m.fresh);
    await pool.play(3);
    await until((m) => m.status === 'running' && m.step > 20);
    await pool.pause();
    await sleep(100);
    const last = poolSnaps.at(-1)!;
    expect(last.status).toBe('paused');
    const file = parseRunFile(await pool.exportRun());
    const ends = file.runs.map((r) => r.history.step.at(-1));
    expect(new Set(ends).size).toBe(1);
    expect(ends[0]).toBe(last.step);
  });

  it('a worker whose engine fails is replaced by a fresh one: the failure is reported, the next run works', async () => {
    let made = 0;
    const lone = createSimPool(() => (made++, createSimClient()), 1);
    const faults: string[] = [];
    lone.onFault((r) => faults.push(r));
    await lone.ready;
    // a configuration the engine cannot build (T = 0 forced past the parameter checks)
    const broken = { ...params({ seeds: '1' }), gradient: 'sampled' as const, T: 0 };
    await expect(lone.configure(broken)).rejects.toThrow(/the engine failed/);
    expect(faults).toEqual([expect.stringMatching(/^the engine failed \(/)]);
    expect(made).toBe(2);
    const fresh: SnapshotMessage[] = [];
    lone.onSnapshot((m) => fresh.push(m));
    const reply = await lone.configure(params({ seeds: '1', steps: '20' }));
    expect(reply.runs).toHaveLength(3);
    await lone.step(5);
    await expect.poll(() => fresh.at(-1)?.step).toBe(5);
    lone.dispose();
  });

  it('keeps a short run in one worker (a split would not divide per-kernel overhead)', async () => {
    const short = createSimPool(() => createSimClient(), 2);
    const reply = await short.configure(params({ seeds: '2', steps: '20' }));
    expect(reply.runs).toHaveLength(6);
    const file = parseRunFile(await short.exportRun());
    expect(file.runs).toHaveLength(6);
    short.dispose();
  });
});
