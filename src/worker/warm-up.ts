// The warm-up a fresh worker runs at page load: the first ~1000 steps of a fresh worker run at half speed (JIT
// tiers, wasm code caches, XNNPACK's first operators), so a throwaway copy of the run takes that cost first.
// May import: the engine and ./training-loop's constants (no DOM, React or zustand).
import type { SeedShard } from '../engine/batch-layout';
import { estimateMemory, MEMORY_BUDGET_BYTES } from '../engine/memory-estimate';
import type { EngineParams } from '../engine/params';
import { Simulation } from '../engine/simulation';
import { CHUNK_MS, type HostScheduler } from './training-loop';

/**
 * Trains a throwaway copy of `params` in short chunks for about `ms`, yielding between them, and stops early once
 * `interrupted()` says a request is waiting. Returns the steps trained.
 */
export async function warmUp(
  params: EngineParams,
  shard: SeedShard | undefined,
  ms: number,
  scheduler: HostScheduler,
  interrupted: () => boolean,
): Promise<number> {
  if (!warmUpFits(params)) return 0;
  const sim = new Simulation({ ...params, every: params.steps }, { shard });
  const start = scheduler.now();
  let steps = 0;
  try {
    while (!interrupted() && scheduler.now() - start < ms && steps < params.steps) {
      const t0 = scheduler.now();
      while (scheduler.now() - t0 < CHUNK_MS && steps < params.steps) {
        sim.stepMany(1);
        steps++;
      }
      await new Promise<void>((resolve) => scheduler.later(resolve, 0));
    }
  } finally {
    sim.dispose();
  }
  return steps;
}

/**
 * Whether a warm-up copy fits beside the configured run: it trains a second Simulation of the same size (its
 * tensors, not its history), and a run near the memory budget would then need twice the budget.
 */
export function warmUpFits(params: EngineParams): boolean {
  const run = estimateMemory(params);
  return run.totalBytes + run.tensorBytes <= MEMORY_BUDGET_BYTES;
}
