// One SimClient over several training workers: a long run's seeds are split into blocks (engine/shards.ts), one
// per worker, and their snapshots merged back into the unsplit run order. Runs never interact, so every number is
// the one a single worker would compute; only the wall time changes. May import: ./sim-client, ./protocol, and
// the engine's TF.js-free modules (shards, run-file, merge-runs, checksum).
import type { RunInfo, SeedShard } from '../engine/batch-layout';
import { emptyHistory } from '../engine/history';
import type { EngineParams } from '../engine/params';
import { mergeRunFiles } from '../engine/merge-runs';
import { parseRunFile, serializeRunFile } from '../engine/run-file';
import { shardsFor } from '../engine/shards';
import type { ReplyResults, RunStatus, SnapshotMessage, Speed } from './protocol';
import type { SimClient } from './sim-client';

interface Part {
  client: SimClient;
  shard: SeedShard;
  /** the latest snapshot of the current configuration (null until its configure has been answered) */
  latest: SnapshotMessage | null;
  /** the worker's latest fresh snapshot: it comes just before the configure reply it belongs to */
  candidate: SnapshotMessage | null;
}

/** running while any part runs; finished when all have finished; else paused if any is, else idle */
export function mergedStatus(statuses: RunStatus[]): RunStatus {
  if (statuses.includes('running')) return 'running';
  if (statuses.length && statuses.every((s) => s === 'finished')) return 'finished';
  return statuses.includes('paused') || statuses.includes('finished') ? 'paused' : 'idle';
}

export interface PoolOptions {
  /** split a run whose estimated training time exceeds this (seconds; tests pass 0 to always split) */
  splitAboveS?: number;
}

/**
 * Splits runs over `workers` clients made by `create` (the first one alone for short runs). A client that fails is
 * disposed and replaced by a fresh one from `create`, so the next configure (Reset, a preset) works; if it was
 * training the current run, that run has stopped: the other parts are paused and onFault says why.
 */
export function createSimPool(
  create: () => SimClient,
  workers: number,
  options: PoolOptions = {},
): SimClient {
  let parts: Part[] = [];
  let generation = 0;
  let freshSent = false;
  const snapshotListeners = new Set<(s: SnapshotMessage) => void>();
  const faultListeners = new Set<(m: string) => void>();
  /** one client per worker; null: its worker failed before it ever started, made again when next needed */
  const slots: (SimClient | null)[] = [];
  const started = new WeakSet<SimClient>();

  const emit = (msg: SnapshotMessage) => snapshotListeners.forEach((fn) => fn(msg));

  /** One snapshot in the unsplit layout: `source`'s new records, the other parts' latest state. */
  const merged = (source: Part | null): SnapshotMessage => {
    const latest = parts.map((p) => p.latest as SnapshotMessage);
    // a part whose runs have all diverged has stopped for good (paused where it noticed): it neither holds the
    // step back nor pauses the merged run while the other parts train; when every part has, the run is paused
    const live = latest.filter((s) => !s.divergences.every((d) => d !== null));
    const counted = live.length ? live : latest;
    return {
      type: 'snapshot',
      generation,
      fresh: source === null,
      status: mergedStatus(counted.map((s) => s.status)),
      step: Math.min(...counted.map((s) => s.step)),
      steps: latest[0].steps,
      runs: latest.flatMap((s) => s.runs),
      records: parts.flatMap((p, k) =>
        source === null || p === source ? latest[k].records : latest[k].runs.map(() => emptyHistory()),
      ),
      spectra: latest.flatMap((s) => s.spectra),
      divergences: latest.flatMap((s) => s.divergences),
      // a checksum needs every part's digests at one step (after a pause, parts catch up one by one)
      digests: latest.every((s) => s.digests && s.step === latest[0].step)
        ? latest.flatMap((s) => s.digests as string[])
        : null,
    };
  };

  /** Listens to a new client; returns it. */
  const adopt = (client: SimClient): SimClient => {
    client.onSnapshot((msg) => {
      const part = parts.find((p) => p.client === client);
      if (!part) return;
      if (msg.fresh) part.candidate = msg;
      else if (part.latest) {
        part.latest = msg;
        if (freshSent) emit(merged(part));
      } // else: from a configuration before the current one
    });
    client.onFault((reason) => replace(client, reason));
    client.ready.then(
      () => started.add(client),
      () => undefined,
    );
    return client;
  };

  /** The client of slot k, made afresh if its worker failed before it started. */
  const live = (k: number): SimClient => (slots[k] ??= adopt(create()));

  /**
   * A worker failed: dispose it and put a fresh one in its place (one that failed before it ever started is made
   * again only when next needed, so a worker that cannot start is not restarted in a loop). If it was training the
   * current run, the run has stopped: the other parts pause and the failure is reported.
   */
  const replace = (client: SimClient, reason: string) => {
    const k = slots.indexOf(client);
    if (k < 0) return; // already replaced
    client.dispose();
    slots[k] = started.has(client) ? adopt(create()) : null;
    if (!parts.some((p) => p.client === client)) return; // an idle worker: nothing shown was lost
    const others = parts.filter((p) => p.client !== client);
    parts = [];
    generation++; // replies and snapshots of the stopped run are ignored from here on
    freshSent = false;
    others.forEach((p) => void p.client.pause().catch(() => undefined));
    faultListeners.forEach((fn) => fn(reason));
  };

  for (let k = 0; k < Math.max(1, workers); k++) live(k);
  const first = slots.map((c) => c as SimClient);

  const all = <T>(call: (c: SimClient) => Promise<T>) => Promise.all(parts.map((p) => call(p.client)));
  /** The current run's parts; none after a failure until the next configure. */
  const configured = () => {
    if (!parts.length) throw new Error('no simulation configured yet');
  };

  /** Brings every part to the same step after a pause (a part may have run a frame further than another). */
  const align = async () => {
    const steps = parts.map((p) => p.latest?.step ?? 0);
    const target = Math.max(...steps);
    await Promise.all(parts.map((p, k) => (steps[k] < target ? p.client.step(target - steps[k]) : null)));
  };

  const configureParts = async (params: EngineParams): Promise<{ runs: RunInfo[] }> => {
    const shards = shardsFor(params, slots.length, options.splitAboveS);
    const token = ++generation;
    freshSent = false;
    const current: Part[] = shards.map((shard, k) => ({
      client: live(k),
      shard,
      latest: null,
      candidate: null,
    }));
    parts = current;
    const replies = await Promise.all(
      current.map(async (p) => {
        // one block of all seeds is the unsplit run: no shard then
        const reply = await p.client.configure(params, shards.length > 1 ? p.shard : undefined);
        if (token === generation) p.latest = p.candidate;
        return reply;
      }),
    );
    if (token === generation && !freshSent && current.every((p) => p.latest)) {
      freshSent = true;
      emit(merged(null));
    }
    return { runs: replies.flatMap((r) => r.runs) };
  };
  let lastParams: EngineParams | null = null;

  return {
    ready: Promise.all(first.map((c) => c.ready)).then((results) => ({
      backend: results[0].backend,
      note: results.map((r) => r.note).find((n) => n) ?? null,
    })),
    configure(params) {
      lastParams = params;
      return configureParts(params);
    },
    warmUp(params, ms) {
      return Promise.all(slots.map((_, k) => live(k).warmUp(params, ms))).then((r) => ({
        steps: Math.min(...r.map((x) => x.steps)),
      }));
    },
    async play(speed: Speed) {
      configured();
      await all((c) => c.play(speed));
      return null;
    },
    async pause() {
      await all((c) => c.pause());
      if (parts.length > 1) await align();
      return null;
    },
    async step(count = 1) {
      configured();
      await all((c) => c.step(count));
      return null;
    },
    async reset(): Promise<ReplyResults['reset']> {
      if (!lastParams) throw new Error('no simulation configured yet');
      return configureParts(lastParams);
    },
    async runToEnd() {
      configured();
      await all((c) => c.runToEnd());
      return null;
    },
    setSpeed: (speed: Speed) => all((c) => c.setSpeed(speed)).then(() => null),
    async exportRun() {
      configured();
      const texts = await all((c) => c.exportRun());
      if (texts.length === 1) return texts[0];
      const files = texts.map(parseRunFile);
      return serializeRunFile(mergeRunFiles(files));
    },
    async exportCsv() {
      configured();
      const texts = await all((c) => c.exportCsv());
      // the same header in every part; bodies in part order are the unsplit row order
      const [head, ...bodies] = texts.map((t) => {
        const at = t.indexOf('\n');
        return at < 0 ? [t, ''] : [t.slice(0, at + 1), t.slice(at + 1)];
      });
      return head[0] + [head[1], ...bodies.map((b) => b[1])].join('');
    },
    async traceTrial(req) {
      // the run lives in one part: its index there is the unsplit index minus the runs of the parts before it
      let offset = 0;
      for (const p of parts) {
        const count = p.latest?.runs.length ?? 0;
        if (req.run < offset + count) return p.client.traceTrial({ ...req, run: req.run - offset });
        offset += count;
      }
      throw new Error(`run ${req.run} does not exist (this simulation has ${offset} runs)`);
    },
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    onFault(listener) {
      faultListeners.add(listener);
      return () => faultListeners.delete(listener);
    },
    dispose() {
      slots.forEach((c) => c?.dispose());
    },
  };
}
