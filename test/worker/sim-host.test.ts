// SimHost's training loop under a hand-driven clock and timer queue: paced frames train exactly `speed` steps,
// chunks are time-boxed, snapshots are throttled, pause wins over queued work. May import: vitest, src/worker, src/state.
import { beforeAll, describe, expect, it } from 'vitest';
import { combineDigests } from '../../src/engine/checksum';
import { parseRunFile } from '../../src/engine/run-file';
import { resolveParams } from '../../src/state/resolve';
import type { SnapshotMessage, WorkerMessage } from '../../src/worker/protocol';
import { SimHost } from '../../src/worker/sim-host';
import { CHUNK_MS, FRAME_MS } from '../../src/worker/training-loop';
import { warmUpFits } from '../../src/worker/warm-up';

/** A host whose clock moves only when told, or by `perRead` ms each time the host reads it. */
function harness(perRead = 0) {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const posted: WorkerMessage[] = [];
  const host = new SimHost((m) => posted.push(structuredClone(m)), {
    now: () => (now += perRead),
    later: (fn, ms) => void timers.push({ at: now + ms, fn }),
  });
  let id = 1;
  const send = (req: Record<string, unknown>) => host.handle({ id: id++, ...req } as never);
  /** runs the earliest timer, moving the clock to it */
  const runTimer = () => {
    timers.sort((a, b) => a.at - b.at);
    const t = timers.shift();
    if (!t) return false;
    now = Math.max(now, t.at);
    t.fn();
    return true;
  };
  const snapshots = () => posted.filter((m): m is SnapshotMessage => m.type === 'snapshot');
  return {
    host,
    send,
    runTimer,
    timers,
    snapshots,
    posted,
    tick: (ms: number) => (now += ms),
    time: () => now,
  };
}

const P = resolveParams({ steps: '100', every: '10' }).params;

beforeAll(async () => {
  await harness().send({ kind: 'init' });
});

describe('SimHost loop', () => {
  it('paced play trains exactly `speed` steps per frame, then waits for the next frame', async () => {
    const h = harness();
    await h.send({ kind: 'configure', params: P });
    await h.send({ kind: 'play', speed: 3 });
    expect(h.timers).toHaveLength(1);
    h.runTimer();
    expect(h.snapshots().at(-1)!.status).toBe('running');
    // the next frame is scheduled a frame period later
    expect(h.timers[0].at - h.time()).toBe(FRAME_MS);
    h.runTimer();
    h.runTimer();
    await h.send({ kind: 'pause' });
    const last = h.snapshots().at(-1)!;
    expect(last.status).toBe('paused');
    expect(last.step).toBe(9);
  });

  it('pause before a queued chunk runs means that chunk trains nothing', async () => {
    const h = harness();
    await h.send({ kind: 'configure', params: P });
    await h.send({ kind: 'play', speed: 'max' });
    await h.send({ kind: 'pause' });
    while (h.runTimer());
    expect(h.snapshots().at(-1)).toMatchObject({ status: 'paused', step: 0 });
  });

  it('"max" chunks stop after CHUNK_MS and yield at once; snapshots are throttled to one a frame', async () => {
    // each clock read costs 1 ms; a chunk trains in calls of up to `every` steps and reads the clock around each
    const h = harness(1);
    await h.send({ kind: 'configure', params: { ...P, steps: 100000 } });
    await h.send({ kind: 'play', speed: 'max' });
    const posts = h.snapshots().length;
    const before = h.time();
    h.runTimer();
    // it stopped once CHUNK_MS had passed, overrunning by at most one call's clock reads
    expect(h.time() - before).toBeGreaterThanOrEqual(CHUNK_MS);
    expect(h.time() - before).toBeLessThanOrEqual(CHUNK_MS + 4);
    // the next chunk is queued with no delay (a MessageChannel yield in the worker), so requests get in between
    expect(h.timers).toHaveLength(1);
    expect(h.timers[0].at).toBeLessThanOrEqual(h.time());
    await h.send({ kind: 'pause' });
    const paused = h.snapshots().at(-1)!;
    expect(paused.status).toBe('paused');
    expect(paused.step).toBeGreaterThan(0);
    expect(paused.step).toBeLessThan(100000);
    // at most one running snapshot for a chunk shorter than a frame, plus the pause's
    expect(h.snapshots().length - posts).toBeLessThanOrEqual(2);
    expect(CHUNK_MS).toBeLessThan(FRAME_MS);
  });

  it('reaches `steps`, records the last step, says finished and ignores play and step afterwards', async () => {
    const h = harness();
    await h.send({ kind: 'configure', params: { ...P, steps: 25 } });
    await h.send({ kind: 'runToEnd' });
    while (h.runTimer());
    const done = h.snapshots().at(-1)!;
    expect(done).toMatchObject({ status: 'finished', step: 25 });
    await h.send({ kind: 'step', count: 1 });
    await h.send({ kind: 'play', speed: 5 });
    while (h.runTimer());
    expect(h.snapshots().at(-1)).toMatchObject({ status: 'finished', step: 25 });
    // records: 0, 10, 20 in earlier snapshots and 25 at the end
    const steps = h.snapshots().flatMap((s) => s.records[0].step);
    expect(steps).toEqual([0, 10, 20, 25]);
  });

  it('snapshots carry the weights’ digests except while running; they give the run file’s checksum', async () => {
    const h = harness();
    await h.send({ kind: 'configure', params: P });
    const fresh = h.snapshots().at(-1)!;
    expect(fresh.digests).toHaveLength(3);
    await h.send({ kind: 'play', speed: 3 });
    h.runTimer();
    expect(h.snapshots().at(-1)).toMatchObject({ status: 'running', digests: null });
    await h.send({ kind: 'pause' });
    const paused = h.snapshots().at(-1)!;
    expect(paused.status).toBe('paused');
    expect(paused.digests).toHaveLength(3);
    expect(paused.digests).not.toEqual(fresh.digests);
    await h.send({ kind: 'exportRun' });
    const reply = h.posted.at(-1) as { result: { text: string } };
    expect(parseRunFile(reply.result.text).checksum).toBe(combineDigests(paused.digests!));
  });

  it('replies to every request with its id, and with an error message for an impossible one', async () => {
    const h = harness();
    await h.send({ kind: 'exportRun' });
    const reply = h.posted.find((m) => m.type === 'reply');
    expect(reply).toMatchObject({
      type: 'reply',
      id: 1,
      kind: 'exportRun',
      ok: false,
      error: 'no simulation configured yet',
    });
    // only refused: the worker itself is fine
    expect(h.posted.some((m) => m.type === 'fault')).toBe(false);
  });

  it('the engine failing in a request is a fault, posted before the reply, and training stops', async () => {
    const h = harness();
    await h.send({ kind: 'configure', params: P });
    await h.send({ kind: 'play', speed: 5 });
    // a configuration the engine cannot build (T = 0, past the parameter checks)
    await h.send({ kind: 'configure', params: { ...P, gradient: 'sampled', T: 0 } });
    const last = h.posted.slice(-2);
    expect(last[0]).toMatchObject({ type: 'fault' });
    expect(last[1]).toMatchObject({ type: 'reply', kind: 'configure', ok: false });
    const before = h.posted.length;
    while (h.runTimer());
    expect(h.posted).toHaveLength(before);
  });

  it('skips the warm-up when a second copy of the run would not fit the memory budget', async () => {
    expect(warmUpFits(P)).toBe(true);
    // within the budget on its own (the link is accepted as it is), but not twice
    const big = resolveParams({
      rules: 'bptt,tbptt,rflo,eprop',
      n: '128',
      i: '64',
      o: '64',
      modes: '1',
      T: '80',
    });
    expect(big.notices).toEqual([]);
    expect(warmUpFits(big.params)).toBe(false);
    const h = harness();
    await h.send({ kind: 'warmUp', params: big.params, ms: 60_000 });
    expect(h.posted.find((m) => m.type === 'reply')).toMatchObject({ ok: true, result: { steps: 0 } });
  });

  it('a diverged run records no values from its divergence on (its lines end there); the others go on', async () => {
    // η = 0.5: RFLO blows up at step 6, BPTT and tBPTT converge
    const h = harness();
    await h.send({ kind: 'configure', params: { ...P, lr: 0.5 } });
    await h.send({ kind: 'runToEnd' });
    while (h.runTimer());
    const done = h.snapshots().at(-1)!;
    expect(done).toMatchObject({ status: 'finished', step: 100 });
    const [bptt, tbptt, rflo] = done.divergences;
    expect(bptt).toBeNull();
    expect(tbptt).toBeNull();
    expect(rflo!.step).toBe(6);
    const steps = (k: number) => h.snapshots().flatMap((m) => m.records[k].step);
    expect(steps(0)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    // every run keeps one record per recorded step (aligned for thinning and the seed median), RFLO's empty
    expect(steps(2)).toEqual(steps(0));
    const rfloLoss = h.snapshots().flatMap((m) => m.records[2].loss);
    expect(rfloLoss[0]).not.toBeNull();
    expect(rfloLoss.slice(1).every((l) => l === null)).toBe(true);
    expect(done.spectra[2]?.step).toBe(0);
  });

  it('pauses, not finishes, once every run has diverged, and does not train on', async () => {
    // η = 5: all three rules blow up within 4 steps
    const h = harness();
    await h.send({ kind: 'configure', params: { ...P, lr: 5 } });
    await h.send({ kind: 'runToEnd' });
    while (h.runTimer());
    const stopped = h.snapshots().at(-1)!;
    expect(stopped.status).toBe('paused');
    expect(stopped.step).toBe(10);
    expect(stopped.divergences.every((d) => d !== null)).toBe(true);
    // play and step leave it where it is
    await h.send({ kind: 'play', speed: 5 });
    await h.send({ kind: 'step', count: 5 });
    while (h.runTimer());
    expect(h.snapshots().at(-1)).toMatchObject({ status: 'paused', step: 10 });
    const records = h.snapshots().flatMap((m) => m.records[0].step);
    expect(records.at(-1)).toBe(10);
    expect(
      h
        .snapshots()
        .flatMap((m) => m.records[0].loss)
        .slice(1)
        .every((l) => l === null),
    ).toBe(true);
  });
});

describe('SimHost when every run diverges', () => {
  it('stops training and pauses (not "finished"), short of the last step', async () => {
    const h = harness(1);
    await h.send({
      kind: 'configure',
      params: resolveParams({ steps: '2000', every: '10', lr: '8' }).params,
    });
    await h.send({ kind: 'play', speed: 'max' });
    for (let k = 0; k < 10_000 && h.runTimer(); k++);
    const last = h.snapshots().at(-1)!;
    expect(last.divergences.every((d) => d !== null)).toBe(true);
    expect(last.status).toBe('paused');
    expect(last.step).toBeLessThan(2000);
    // Play again does nothing but report the same state
    await h.send({ kind: 'play', speed: 'max' });
    expect(h.snapshots().at(-1)!.status).toBe('paused');
  });
});
