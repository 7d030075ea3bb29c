// Computes a pinned run's histories: its parameters trained to the end in a worker of its own, so the run on screen
// is never interrupted. May import: ./sim-client, ./decimate, ./protocol and engine types.
import type { RunInfo } from '../engine/batch-layout';
import { emptyHistory, type RunHistory } from '../engine/history';
import type { EngineParams } from '../engine/params';
import { appendHistory, thinHistories } from './decimate';
import type { SnapshotMessage } from './protocol';
import type { SimClient } from './sim-client';

/** A finished run as the charts draw it. */
export interface PinnedHistories {
  runs: RunInfo[];
  histories: RunHistory[];
}

/** What the store asks of it (tests pass a fake). */
export interface PinRunner {
  /** trains `params` from step 0 to their last step; rejects when the worker fails */
  run(params: EngineParams): Promise<PinnedHistories>;
  dispose(): void;
}

/**
 * Runs one pin at a time (the machine's cores are the run on screen's), each on a fresh client from `makeClient`
 * that is disposed when it is done, so a pin's weights never outlive its histories.
 * @param cap points kept per run (the charts' cap)
 */
export function createPinRunner(makeClient: () => SimClient, cap: number): PinRunner {
  let queue: Promise<unknown> = Promise.resolve();
  let current: SimClient | null = null;
  let disposed = false;

  const runNow = async (params: EngineParams): Promise<PinnedHistories> => {
    if (disposed) throw new Error('pinned runs stopped');
    const client = makeClient();
    current = client;
    let result: PinnedHistories = { runs: [], histories: [] };
    const take = (msg: SnapshotMessage) => {
      if (msg.fresh) result = { runs: msg.runs, histories: msg.records };
      else result.histories.forEach((h, k) => appendHistory(h, msg.records[k] ?? emptyHistory()));
      thinHistories(result.histories, cap);
    };
    const stopListening = client.onSnapshot(take);
    try {
      await client.ready;
      await client.configure(params);
      // one request trains to the end; its final snapshot is posted before the reply, so every record is in
      await client.step(params.steps);
      return result;
    } finally {
      stopListening();
      client.dispose();
      current = null;
    }
  };

  return {
    run(params) {
      const next = queue.then(
        () => runNow(params),
        () => runNow(params),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    dispose() {
      disposed = true;
      current?.dispose();
    },
  };
}
