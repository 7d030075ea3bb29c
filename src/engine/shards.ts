// How runs are split over threads or workers: contiguous blocks of seeds (runs are seed-major, so the blocks'
// runs, concatenated, are the unsplit order). Imports engine types only (no TF.js: the main thread uses it).
import type { SeedShard } from './batch-layout';
import type { EngineParams } from './params';
import { estimatePlans } from './plans/choose-plan';

/** Splits seed indices 0..seeds−1 into at most `parts` contiguous, nearly equal blocks. */
export function splitSeeds(seeds: number, parts: number): SeedShard[] {
  const count = Math.max(1, Math.min(parts, seeds));
  return Array.from({ length: count }, (_, k) => {
    const first = Math.floor((k * seeds) / count);
    return { first, count: Math.floor(((k + 1) * seeds) / count) - first };
  });
}

/**
 * Below this estimated training time a run stays in one worker: a step's cost is then per-kernel overhead, which
 * a split does not divide, and every extra worker adds its messages and its share of the display.
 */
export const SPLIT_ABOVE_S = 1;

/** The seed blocks for up to `workers` workers: one block unless the run is long and has several seeds. */
export function shardsFor(p: EngineParams, workers: number, splitAboveS = SPLIT_ABOVE_S): SeedShard[] {
  // the sampled form runs the chain once per minibatch sample, roughly
  const sampled = p.gradient === 'sampled' ? Math.max(1, p.batch / 8) : 1;
  const perStep = Math.min(...estimatePlans(p).map((e) => e.seconds)) * sampled;
  return splitSeeds(p.seeds, perStep * p.steps > splitAboveS ? workers : 1);
}
