// sim-client against the REAL worker module (sim.worker.ts → SimHost → engine, wasm backend), run in-process by
// InProcessWorker: configure, step, snapshot, play/pause, reset to the same weights, run to end, exports.
// May import: vitest, src/worker, src/engine (run-file), src/state (resolve), ./in-process-worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunFile } from '../../src/engine/run-file';
import { resolveParams } from '../../src/state/resolve';
import type { SnapshotMessage } from '../../src/worker/protocol';
import { createSimClient, type SimClient } from '../../src/worker/sim-client';
import { installInProcessWorker } from './in-process-worker';

let uninstall: () => void;
let client: SimClient;
const snaps: SnapshotMessage[] = [];

const params = (raw: Record<string, string> = {}) =>
  resolveParams({ steps: '60', every: '10', ...raw }).params;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until a snapshot satisfies `ok` (snapshots arrive asynchronously, like postMessage). */
async function until(ok: (s: SnapshotMessage) => boolean, timeout = 20_000): Promise<SnapshotMessage> {
  const start = Date.now();
  for (;;) {
    const found = snaps.find(ok);
    if (found) return found;
    if (Date.now() - start > timeout)
      throw new Error(`no matching snapshot; last: ${JSON.stringify(snaps.at(-1)?.step)}`);
    await sleep(5);
  }
}

/** Configures and returns the fresh snapshot (and clears the log). */
async function configure(raw: Record<string, string> = {}) {
  snaps.length = 0;
  const reply = await client.configure(params(raw));
  const fresh = await until((s) => s.fresh);
  return { reply, fresh };
}

beforeAll(async () => {
  uninstall = installInProcessWorker();
  client = createSimClient();
  client.onSnapshot((s) => snaps.push(s));
  await client.ready;
});

afterAll(() => {
  client?.dispose();
  uninstall?.();
});

describe('sim-client ↔ sim.worker', () => {
  it('initialises a TF.js backend in the worker', async () => {
    const ready = await client.ready;
    expect(['wasm', 'cpu']).toContain(ready.backend);
  });

  it('configure builds the runs and posts a fresh step-0 snapshot', async () => {
    const { reply, fresh } = await configure();
    expect(reply.runs.map((r) => r.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
    expect(fresh).toMatchObject({ type: 'snapshot', fresh: true, status: 'idle', step: 0, steps: 60 });
    expect(fresh.records).toHaveLength(3);
    expect(fresh.records[0].step).toEqual([0]);
    expect(fresh.records[0].loss[0]).toBeGreaterThan(0);
    // aligned task: per-mode values are recorded
    expect(fresh.records[0].a[0]).toHaveLength(2);
    expect(fresh.divergences).toEqual([null, null, null]);
  });

  it('step trains exactly that many steps, records every `every` steps and on the stop', async () => {
    await configure();
    await client.step(25);
    const s = await until((m) => m.step === 25);
    expect(s.status).toBe('paused');
    expect(s.records[0].step).toEqual([10, 20, 25]);
    expect(s.spectra[0]?.step).toBe(25);
    expect(s.records[2].loss[2]).toBeLessThan(s.records[2].loss[0]!);
  });

  it('play runs until paused; pause stops at once and nothing moves afterwards', async () => {
    await configure({ steps: '1000000', every: '5' });
    await client.play(2);
    const running = await until((m) => m.status === 'running' && m.step > 0);
    expect(running.step).toBeGreaterThan(0);
    await client.pause();
    const paused = await until((m) => m.status === 'paused');
    const count = snaps.length;
    await sleep(150);
    expect(snaps.length).toBe(count);
    // the pause snapshot records the step it stopped at (off the every-5 grid or not)
    expect(paused.records[0].step.at(-1)).toBe(paused.step);
  });

  it('reset returns to the SAME initial weights (a new Simulation from the same params)', async () => {
    await configure({ steps: '40' });
    const before = parseRunFile(await client.exportRun());
    await client.step(30);
    const trained = parseRunFile(await client.exportRun());
    expect(trained.runs[0].final.W).not.toEqual(before.runs[0].final.W);
    snaps.length = 0;
    await client.reset();
    const fresh = await until((m) => m.fresh);
    expect(fresh.step).toBe(0);
    const after = parseRunFile(await client.exportRun());
    for (let k = 0; k < after.runs.length; k++) {
      expect(after.runs[k].initial).toEqual(before.runs[k].initial);
      expect(after.runs[k].final).toEqual(before.runs[k].initial);
      expect(after.runs[k].R).toEqual(before.runs[k].R);
    }
  });

  it('run to end finishes at `steps`; the run file parses with parseRunFile and holds the history', async () => {
    await configure({ steps: '45', every: '10' });
    await client.runToEnd();
    const done = await until((m) => m.status === 'finished');
    expect(done.step).toBe(45);
    const file = parseRunFile(await client.exportRun());
    expect(file.params.steps).toBe(45);
    expect(['wasm', 'cpu']).toContain(file.backend);
    expect(file.runs.map((r) => r.rule)).toEqual(['bptt', 'tbptt', 'rflo']);
    expect(file.runs[0].history.step).toEqual([0, 10, 20, 30, 40, 45]);
    expect(file.runs[2].spectrum?.step).toBe(45);
    expect(file.runs[2].R).toBeDefined();
    // aligned task: each run carries the T → ∞ ODE and the finite-T map at the recorded steps, like the CLI's
    const map = file.runs[0].map as { step: number[]; loss: number[] };
    expect((file.runs[0].theory as { step: number[] }).step).toEqual([0, 10, 20, 30, 40, 45]);
    expect(map.loss[0]).toBeCloseTo(file.runs[0].history.loss[0] as number, 5);
    // play and step at the end do nothing
    await client.step(1);
    expect((await until((m) => m.status === 'finished' && m !== done)).step).toBe(45);
  });

  it('exports the histories as CSV, one row per run and record', async () => {
    await configure({ steps: '20', every: '10', rules: 'bptt,rflo' });
    await client.step(20);
    await until((m) => m.step === 20);
    const lines = (await client.exportCsv()).trim().split('\n');
    expect(lines[0]).toBe(
      'rule,seed,step,loss,cosBptt,cosAR,rankW,effRankW,rankB,effRankB,residualR,alignA,alignW,alignB,asymW,commB,commA,io,a1,a2,b1,b2,w1,w2',
    );
    expect(lines).toHaveLength(1 + 2 * 3);
    expect(lines[1]).toMatch(/^bptt,1,0,/);
    expect(lines[6]).toMatch(/^rflo,1,20,/);
  });

  it('reports a diverged run (rule, step, reason) and keeps training the others', async () => {
    // at η = 1 BPTT and RFLO blow up within a few steps; one-step tBPTT does not
    await configure({ steps: '200', lr: '1' });
    await client.runToEnd();
    const done = await until((m) => m.status === 'finished');
    const [bptt, tbptt, rflo] = done.divergences;
    expect(bptt?.reason).toMatch(/loss/);
    expect(rflo?.step).toBeLessThan(200);
    expect(tbptt).toBeNull();
    expect(done.step).toBe(200);
    // tBPTT at η = 1 is chaotic (its loss jumps between 0.03 and 1), so check that it kept training, finitely
    const steps = snaps.filter((m) => !m.fresh).flatMap((m) => m.records[1].step);
    const losses = snaps.filter((m) => !m.fresh).flatMap((m) => m.records[1].loss);
    expect(steps.at(-1)).toBe(200);
    expect(losses.every((l) => l !== null && Number.isFinite(l) && l < 2)).toBe(true);
    expect(new Set(losses).size).toBeGreaterThan(10);
  });

  it('answers a request it cannot serve with an error, not silence', async () => {
    const fresh = createSimClient();
    await expect(fresh.exportRun()).rejects.toThrow(/no simulation configured/);
    fresh.dispose();
  });
});
