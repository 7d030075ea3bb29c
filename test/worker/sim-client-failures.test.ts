// sim-client when its worker fails: an uncaught error, an unreadable message, an engine fault, or a worker that
// ends without a word (its lifeline released) are each reported once with the reason, end the requests waiting on
// it, and refuse later ones; a worker disposed on purpose is no failure. May import: vitest, src/worker.
import { describe, expect, it } from 'vitest';
import type { SimRequest, WorkerMessage } from '../../src/worker/protocol';
import { clientFor, FAILURE, WorkerFailure, type WorkerLike } from '../../src/worker/sim-client';

/** A worker stand-in the test drives by hand: it records requests and answers only when told. */
class HandWorker implements WorkerLike {
  readonly sent: SimRequest[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((e: never) => void)[]>();

  postMessage(msg: SimRequest): void {
    this.sent.push(msg);
  }
  addEventListener(type: string, fn: (e: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  terminate(): void {
    this.terminated = true;
  }
  dispatch(type: string, event: unknown): void {
    for (const fn of this.listeners.get(type) ?? []) fn(event as never);
  }
  /** the worker posts `data` to the page */
  post(data: WorkerMessage): void {
    this.dispatch('message', { data });
  }
  answerInit(): void {
    const init = this.sent.find((m) => m.kind === 'init') as SimRequest;
    this.post({
      type: 'reply',
      id: init.id,
      kind: 'init',
      ok: true,
      result: { backend: 'wasm', note: null },
    });
  }
}

/** A client over a HandWorker whose lifeline the test can cut. */
function setup() {
  const worker = new HandWorker();
  const watch = { started: 0, cancelled: 0, exit: () => {} };
  const client = clientFor(worker, {
    watchExit: (onExit) => {
      watch.started++;
      watch.exit = onExit;
      return () => watch.cancelled++;
    },
  });
  const faults: string[] = [];
  client.onFault((reason) => faults.push(reason));
  return { worker, client, watch, faults };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a failing worker', () => {
  it('an uncaught error in the worker: reported once with its message, handled, requests ended and refused', async () => {
    const { worker, client, faults } = setup();
    worker.answerInit();
    const step = client.step(5);
    let prevented = false;
    worker.dispatch('error', {
      message: 'Uncaught Error: injected',
      preventDefault: () => (prevented = true),
    });
    expect(faults).toEqual(['the training worker crashed (Uncaught Error: injected)']);
    expect(prevented).toBe(true);
    await expect(step).rejects.toBeInstanceOf(WorkerFailure);
    await expect(step).rejects.toThrow(faults[0]);
    // a later request is refused at once, not sent to a worker that cannot answer
    const before = worker.sent.length;
    await expect(client.pause()).rejects.toBeInstanceOf(WorkerFailure);
    expect(worker.sent).toHaveLength(before);
    // and a second error is not a second report
    worker.dispatch('error', { message: 'again' });
    expect(faults).toHaveLength(1);
  });

  it('a message that cannot be read', async () => {
    const { worker, client, faults } = setup();
    const ready = client.ready;
    worker.dispatch('messageerror', {});
    expect(faults).toEqual([FAILURE.unreadable]);
    await expect(ready).rejects.toBeInstanceOf(WorkerFailure);
  });

  it('the engine failing in the worker (a fault message): reported as such, its reply never awaited', async () => {
    const { worker, client, faults } = setup();
    worker.answerInit();
    const configure = client.configure({} as never);
    worker.post({ type: 'fault', message: 'memory access out of bounds' });
    expect(faults).toEqual(['the engine failed (memory access out of bounds)']);
    await expect(configure).rejects.toBeInstanceOf(WorkerFailure);
    // snapshots of a failed worker are not passed on
    const snaps: unknown[] = [];
    client.onSnapshot((s) => snaps.push(s));
    worker.post({ type: 'snapshot' } as WorkerMessage);
    expect(snaps).toEqual([]);
  });

  it('a worker that ends without a word (closed, or killed for memory): its lifeline tells, once it had started', async () => {
    const { worker, client, watch, faults } = setup();
    await settle();
    // the lifeline is watched only once the worker has answered init (it holds its lock by then)
    expect(watch.started).toBe(0);
    worker.answerInit();
    await client.ready;
    await settle();
    expect(watch.started).toBe(1);
    const play = client.play(10);
    watch.exit();
    expect(faults).toEqual([FAILURE.exited]);
    expect(faults[0]).toMatch(/ended unexpectedly/);
    await expect(play).rejects.toBeInstanceOf(WorkerFailure);
    expect(watch.cancelled).toBe(1);
  });

  it('a worker disposed on purpose is no failure: its lifeline watch is cancelled first', async () => {
    const { worker, client, watch, faults } = setup();
    worker.answerInit();
    await client.ready;
    await settle();
    const pending = client.step(1);
    client.dispose();
    expect(watch.cancelled).toBe(1);
    expect(worker.terminated).toBe(true);
    watch.exit(); // the browser releases the lock of the terminated worker
    expect(faults).toEqual([]);
    await expect(pending).rejects.toThrow(/disposed/);
  });
});
