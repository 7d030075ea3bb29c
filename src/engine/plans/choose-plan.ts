// Picks the training plan for a set of parameters from a measured cost model. Imports engine types only.
// The choice depends on the parameters alone (never on how the runs are split over threads or workers), so a
// link gives the same plan, and the same numbers, everywhere.
import type { EngineParams } from '../params';
import type { PlanName } from './plan';

/** Cost of one kernel launch on the wasm backend, whatever its size (measured: 6–12 µs). */
const KERNEL_S = 8e-6;
/** Batched matMul's scalar loop per multiply-add, per-output overhead included (fitted to T = 50 and 200). */
const BATCHED_MATMUL_S_PER_MAC = 3.5e-9;
/** Depthwise convolution (XNNPACK) per multiply-add (measured 6–8 GFLOP/s). */
const CONV_S_PER_MAC = 0.3e-9;

export interface PlanEstimate {
  plan: PlanName;
  kernels: number;
  seconds: number;
}

/**
 * Estimated seconds per training step of each plan (all runs). `cells`: a sweep batching that many cells of these
 * parameters (each cell is rules × seeds more runs).
 */
export function estimatePlans(p: EngineParams, cells = 1): PlanEstimate[] {
  const runs = p.rules.length * p.seeds * cells;
  const { n, i, o, T } = p;
  const eprop = p.rules.includes('eprop');
  let levels = 0;
  while (2 ** levels < T) levels++;
  const L = 2 ** levels;
  const doublingKernels = 3 * levels + 15 + (eprop ? 6 : 0);
  const doublingMacs =
    runs *
    (levels * n ** 3 +
      2 * n ** 3 * L +
      2 * o * L * n * n +
      n * L * n * i +
      2 * o * L * L * i * n +
      o * L * n * n);
  // 3 kernels per lag forward, 4 backward (the reshapes included), e-prop's repeated product
  const chainKernels = 7 * T + 30 + (eprop ? T : 0);
  const chainMacs = runs * T * (n * n * (i + 2 * o) + 2 * o * n * (n + i));
  return [
    {
      plan: 'doubling',
      kernels: doublingKernels,
      seconds: doublingKernels * KERNEL_S + doublingMacs * BATCHED_MATMUL_S_PER_MAC,
    },
    { plan: 'chain', kernels: chainKernels, seconds: chainKernels * KERNEL_S + chainMacs * CONV_S_PER_MAC },
  ];
}

/** @param cells a sweep's cell count: its plan is chosen for the whole grid, so every shard trains with the same one */
export function choosePlan(p: EngineParams, cells = 1): PlanName {
  if (p.gradient === 'sampled') return 'sampled';
  const [doubling, chain] = estimatePlans(p, cells);
  return doubling.seconds <= chain.seconds ? 'doubling' : 'chain';
}
