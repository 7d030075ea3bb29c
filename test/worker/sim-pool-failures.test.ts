// sim-pool over fake clients: a failed worker is replaced from the factory (at once if it had started, at the next
// configure if it never did), the run it trained stops with the reason and the next configure works; a part whose
// runs have all diverged neither holds the step back nor pauses the others. May import: vitest, src, ../state/fake-client.
import { describe, expect, it } from 'vitest';
import type { EngineParams } from '../../src/engine/params';
import { resolveParams } from '../../src/state/resolve';
import type { SnapshotMessage } from '../../src/worker/protocol';
import { createSimPool } from '../../src/worker/sim-pool';
import { FakeClient, snapshot } from '../state/fake-client';

/** A pool of `workers` fakes (splitting every run with seeds), the fakes made so far, and what it emitted. */
function setup(workers = 2, ready?: () => Promise<{ backend: string; note: string | null }>) {
  const made: FakeClient[] = [];
  const pool = createSimPool(
    () => {
      const client = new FakeClient(ready?.());
      made.push(client);
      return client;
    },
    workers,
    { splitAboveS: 0 },
  );
  const faults: string[] = [];
  const snaps: SnapshotMessage[] = [];
  pool.onFault((r) => faults.push(r));
  pool.onSnapshot((s) => snaps.push(s));
  return { pool, made, faults, snaps };
}

const P: EngineParams = resolveParams({ seeds: '2', steps: '100' }).params;
const settle = () => new Promise((r) => setTimeout(r, 0));

/** Configures the pool; each of `clients` posts its fresh snapshot before its reply, as a worker does. */
async function configure(pool: ReturnType<typeof setup>['pool'], clients: FakeClient[]) {
  const done = pool.configure(P);
  for (const c of clients) c.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
  return done;
}

describe('a failing worker in the pool', () => {
  it('stops the run it trained with the reason, is replaced by a fresh worker, and the next configure works', async () => {
    const { pool, made, faults } = setup();
    await settle();
    const [a, b] = made;
    await configure(pool, [a, b]);
    await pool.play(10);
    a.fault('the engine failed (memory access out of bounds)');
    expect(faults).toEqual(['the engine failed (memory access out of bounds)']);
    expect(a.disposed).toBe(true);
    expect(made).toHaveLength(3);
    // the other part is paused: half a run is no run
    expect(b.kinds().at(-1)).toBe('pause');
    // nothing is configured any more: playing on is refused
    await expect(pool.play(10)).rejects.toThrow(/no simulation configured/);
    // Reset (or a preset) configures the fresh worker and the surviving one
    const fresh = made[2];
    await configure(pool, [fresh, b]);
    expect(fresh.kinds()).toEqual(['configure']);
    await pool.play(10);
    expect(fresh.kinds()).toEqual(['configure', 'play']);
    // the failed worker was asked nothing more
    expect(a.kinds()).toEqual(['configure', 'play']);
  });

  it('a fault of the failed worker reported twice, or of a worker not in the run, stops nothing', async () => {
    const { pool, made, faults } = setup();
    await settle();
    // one seed: a short run stays in the first worker, the second is idle
    const done = pool.configure({ ...P, seeds: 1 });
    made[0].emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    await done;
    made[1].fault('the training worker crashed (Uncaught Error: x)');
    expect(faults).toEqual([]);
    expect(made[1].disposed).toBe(true);
    expect(made).toHaveLength(3); // replaced all the same
    await pool.play(10); // the run goes on
    expect(made[0].kinds().at(-1)).toBe('play');
    made[1].fault('again');
    expect(made).toHaveLength(3);
  });

  it('a worker that fails before it ever started is made again only when next needed (no restart loop)', async () => {
    let starts = 0;
    // the first two workers start; every later one never answers init
    const { pool, made, faults } = setup(2, () =>
      starts++ < 2 ? Promise.resolve({ backend: 'fake', note: null }) : new Promise(() => {}),
    );
    await settle();
    await configure(pool, [made[0], made[1]]);
    made[0].fault('the training worker ended unexpectedly');
    expect(made).toHaveLength(3);
    made[2].fault('the engine failed (could not start)'); // before it started
    expect(made).toHaveLength(3);
    expect(faults).toEqual(['the training worker ended unexpectedly']);
    const done = pool.configure(P); // the next configure makes the missing worker
    expect(made).toHaveLength(4);
    for (const c of [made[3], made[1]])
      c.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
    await done;
    expect(made[3].kinds()).toEqual(['configure']);
  });
});

describe('a part whose runs have all diverged', () => {
  it('neither holds the merged step back nor pauses the run while another part trains', async () => {
    const { pool, made, snaps } = setup();
    await settle();
    const [a, b] = made;
    await configure(pool, [a, b]);
    const stop = { step: 4, reason: 'loss exceeded' };
    const diverged = {
      ...snapshot({ status: 'paused', step: 10, records: [] }),
      divergences: [stop, stop, stop],
    };
    a.emit(diverged);
    b.emit(snapshot({ status: 'running', step: 500, records: [500] }));
    expect(snaps.at(-1)).toMatchObject({ status: 'running', step: 500 });
    b.emit(snapshot({ status: 'finished', step: 3000, records: [3000] }));
    expect(snaps.at(-1)).toMatchObject({ status: 'finished', step: 3000 });
    // when every part has stopped so, the run is paused where they stopped
    b.emit({ ...snapshot({ status: 'paused', step: 20, records: [] }), divergences: [stop, stop, stop] });
    expect(snaps.at(-1)).toMatchObject({ status: 'paused', step: 10 });
  });
});
