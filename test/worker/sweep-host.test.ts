// The sweep worker's host and client under a hand-driven timer queue: chunks until done with the runner's own
// records, throttled progress, cancel at once (tensors released, no message after), a new run replaces the old.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/engine/backend';
import { SweepRunner } from '../../src/engine/sweep/sweep-runner';
import { defaultParams } from '../../src/state/params';
import { sweepClientFor, SweepCancelled, type SweepWorkerLike } from '../../src/worker/sweep-client';
import { SweepHost } from '../../src/worker/sweep-host';
import type { SweepMessage, SweepRequest } from '../../src/worker/sweep-protocol';

beforeAll(async () => {
  await initBackend();
});

const cells = [0.01, 0.02, 0.04]
  .map((lr) => ({ ...defaultParams(), rules: ['bptt', 'rflo'] as const, lr, steps: 120 }))
  .map((c) => ({ ...c, rules: [...c.rules] }));

function harness() {
  let now = 0;
  const timers: (() => void)[] = [];
  const posted: SweepMessage[] = [];
  const host = new SweepHost((m) => posted.push(structuredClone(m)), {
    now: () => (now += 1), // every read moves the clock 1 ms
    later: (fn) => void timers.push(fn),
  });
  const drain = (max = Infinity) => {
    for (let k = 0; k < max && timers.length; k++) timers.shift()!();
  };
  return { host, posted, drain, timers };
}

describe('SweepHost', () => {
  it('trains in chunks to the runner’s own records, with progress on the way', async () => {
    const { host, posted, drain } = harness();
    await host.handle({ kind: 'run', id: 1, cells });
    drain();
    const done = posted.find((m) => m.type === 'done');
    expect(done).toBeDefined();
    if (done?.type !== 'done') return;
    expect(done.records).toEqual(new SweepRunner(cells).runToEnd());
    const progress = posted.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ type: 'progress', id: 1, done: 120, total: 120 });
    expect(posted.at(-1)?.type).toBe('done');
  });

  it('cancel stops at once: its tensors are released and nothing more is posted', async () => {
    const { host, posted, drain, timers } = harness();
    const before = tf.memory().numTensors;
    await host.handle({ kind: 'run', id: 7, cells });
    drain(1); // one chunk in: the batch is live
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await host.handle({ kind: 'cancel', id: 7 });
    expect(tf.memory().numTensors).toBe(before);
    expect(posted.at(-1)).toEqual({ type: 'cancelled', id: 7 });
    const count = posted.length;
    drain();
    expect(posted.length).toBe(count);
    expect(timers.length).toBe(0);
  });

  it('a new run replaces the one in progress', async () => {
    const { host, posted, drain } = harness();
    await host.handle({ kind: 'run', id: 1, cells });
    drain(1);
    await host.handle({ kind: 'run', id: 2, cells: cells.slice(0, 1) });
    drain();
    expect(posted.filter((m) => m.type === 'cancelled')).toEqual([{ type: 'cancelled', id: 1 }]);
    const done = posted.filter((m) => m.type === 'done');
    expect(done.map((m) => m.id)).toEqual([2]);
  });
});

describe('sweepClientFor', () => {
  /** A worker stand-in over a real SweepHost in this process, messages delivered asynchronously. */
  function inProcess(): SweepWorkerLike {
    const listeners: ((e: MessageEvent<SweepMessage>) => void)[] = [];
    const host = new SweepHost(
      (m) => setTimeout(() => listeners.forEach((fn) => fn({ data: structuredClone(m) } as MessageEvent)), 0),
      { now: () => performance.now(), later: (fn, ms) => setTimeout(fn, ms) },
    );
    return {
      postMessage: (req: SweepRequest) => setTimeout(() => void host.handle(structuredClone(req)), 0),
      addEventListener: (_t, fn) => listeners.push(fn),
      terminate: () => {},
    };
  }

  it('resolves with the records; cancel rejects with SweepCancelled and a later run still works', async () => {
    const worker = inProcess();
    const client = sweepClientFor(() => worker);
    const seen: number[] = [];
    const first = client.run(cells, (done) => seen.push(done));
    client.cancel();
    await expect(first).rejects.toBeInstanceOf(SweepCancelled);
    const result = await client.run(cells.slice(0, 2), (done) => seen.push(done));
    expect(result.records).toHaveLength(4);
    expect(result.backend).toBe(tf.getBackend());
    expect(seen.at(-1)).toBe(120);
  });
});
