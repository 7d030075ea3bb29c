// `npm run bench`: engine speed, measured in this process and printed as figures and ratios (never asserted):
//   1. kernels per training step (tf.profile, reshapes included) and ms per step at T = 10, 50, 200;
//   2. the engine against the numpy peer (../shared/peers/numpy_peer.py) on the same sizes, one core each;
//   3. the cost of a metrics snapshot against the training between two snapshots (THEORY 4's rank workload);
//   4. whole runs of that workload on 1 and 2 threads; the engine against the plain-JS float64 reference.
// Imports engine, state and CLI modules; never part of the test suite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../engine/backend';
import type { Weights } from '../engine/network';
import type { EngineParams } from '../engine/params';
import { applyUpdate, referenceExpectedUpdate } from '../engine/reference';
import { choosePlan } from '../engine/plans/choose-plan';
import { Simulation } from '../engine/simulation';
import { defaultParams } from '../state/params';
import { presetById } from '../state/presets';
import { applyConstraints } from '../state/resolve';
import { parseQuery } from '../state/url';
import { runParallel } from './parallel-run';

const here = dirname(fileURLToPath(import.meta.url));
const PEER = resolve(here, '../../../shared/peers/numpy_peer.py');

const params = (over: Partial<EngineParams>) => applyConstraints({ ...defaultParams(), ...over }, []);
const rankWorkload = () => parseQuery(presetById('rank-of-changes')!.query).params;

/** Waits for the backend to finish queued work (wasm is synchronous; this keeps the timing honest elsewhere). */
const settle = () => tf.tidy(() => tf.zeros([1])).dataSync();

/** ms per training step after `warm` steps (the first ~1000 steps of a fresh process run slower). */
function msPerStep(sim: Simulation, warm: number, steps: number): number {
  sim.plan.advance(warm);
  settle();
  const t0 = performance.now();
  sim.plan.advance(steps);
  settle();
  return (performance.now() - t0) / steps;
}

/** Kernels of one plain step (the second: a plan may reuse the step its evaluation at construction took). */
async function kernelsPerStep(sim: Simulation): Promise<{ all: number; reshapes: number }> {
  sim.plan.advance(1);
  const profile = await tf.profile(() => sim.plan.advance(1));
  return {
    all: profile.kernels.length,
    reshapes: profile.kernels.filter((k) => k.name === 'Reshape').length,
  };
}

async function kernelTable(): Promise<void> {
  console.log(
    '1. Kernels per training step (tf.profile, reshapes included) and time per step, after warm-up',
  );
  console.log(
    '   workload                                   plan       kernels (of them reshapes)   ms/step',
  );
  const rows: [string, EngineParams][] = [];
  for (const T of [10, 50, 200]) {
    rows.push([`default sizes, 3 rules, T = ${T}`, params({ T })]);
    rows.push([
      `default sizes, + e-prop, T = ${T}`,
      params({ T, rules: ['bptt', 'tbptt', 'rflo', 'eprop'] }),
    ]);
  }
  rows.push(['rank workload (80 runs, n = 32, T = 20)', rankWorkload()]);
  for (const [label, p] of rows) {
    for (const plan of ['doubling', 'chain'] as const) {
      const sim = new Simulation(p, { plan });
      const chosen = plan === choosePlan(p);
      const kernels = await kernelsPerStep(sim);
      const heavy = p.T >= 200 || p.n >= 32;
      const ms = msPerStep(sim, heavy ? 20 : 300, heavy ? 40 : 1000);
      console.log(
        `   ${label.padEnd(42)} ${(plan + (chosen ? '*' : '')).padEnd(10)} ${String(kernels.all).padStart(7)} (${String(kernels.reshapes).padStart(3)})          ${ms.toFixed(2).padStart(9)}`,
      );
      sim.dispose();
    }
  }
  console.log('   * the plan the engine picks for these parameters\n');
}

/** The numpy peer's seconds for 3000 steps of the given sizes (null, with the reason, when it cannot run). */
function numpyPeer(args: string[]): { seconds: number | null; note: string } {
  if (!existsSync(PEER)) return { seconds: null, note: `no numpy peer at ${PEER}` };
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error) return { seconds: null, note: 'python3 is not installed' };
  if (probe.status !== 0) return { seconds: null, note: 'python3 has no numpy (pip install numpy)' };
  const run = spawnSync('python3', [PEER, '300', ...args], {
    encoding: 'utf8',
    // one core, like the engine's figure: BLAS threads would use the others
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  const seconds = Number(run.stdout.trim().split('\n').at(-1));
  return run.status === 0 && Number.isFinite(seconds)
    ? { seconds, note: 'numpy peer, float32, one BLAS thread' }
    : { seconds: null, note: `numpy peer failed: ${run.stderr.trim().split('\n').at(-1) ?? run.status}` };
}

function peerTable(): void {
  console.log('2. Training only (no metrics), one core, 3000 steps: the engine against the numpy peer');
  console.log('   workload                                   engine      numpy   numpy / engine');
  const cases: [string, EngineParams, string[]][] = [
    [
      'default preset sizes (n=4, i=o=2, T=10)',
      params({}),
      ['n=4', 'i=2', 'o=2', 'T=10', 'seeds=1', 'rules=bptt+tbptt+rflo'],
    ],
    ['rank workload (80 runs, n=32, T=20)', rankWorkload(), []],
  ];
  for (const [label, p, args] of cases) {
    const sim = new Simulation({ ...p, every: p.steps });
    const big = p.n >= 32;
    const engine = (msPerStep(sim, big ? 200 : 1000, big ? 600 : 3000) * 3000) / 1000;
    sim.dispose();
    const peer = numpyPeer(args);
    const ratio = peer.seconds === null ? `— (${peer.note})` : `${(peer.seconds / engine).toFixed(2)}×`;
    console.log(
      `   ${label.padEnd(42)} ${engine.toFixed(2).padStart(6)} s ${peer.seconds === null ? '      —' : `${peer.seconds.toFixed(2).padStart(6)} s`}   ${ratio}`,
    );
  }
  console.log('   (> 1×: the engine is faster; the engine after warm-up, the peer as it prints)\n');
}

function snapshotTable(): void {
  const p = rankWorkload();
  console.log(
    `3. Metrics at the default every = ${p.every}, rank workload: a snapshot against the training it reports on`,
  );
  const sim = new Simulation(p);
  sim.stepMany(500);
  sim.snapshot();
  let train = 0;
  let snap = 0;
  const rounds = 30;
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    sim.stepMany(p.every); // includes the divergence check at the interval's end
    settle();
    train += performance.now() - t0;
    t0 = performance.now();
    sim.snapshot();
    snap += performance.now() - t0;
  }
  sim.dispose();
  console.log(
    `   training ${(train / rounds).toFixed(1)} ms per ${p.every} steps; snapshot ${(snap / rounds).toFixed(1)} ms = ${((100 * snap) / train).toFixed(0)} % of it (target < 20 %)\n`,
  );
}

function referenceRate(p: EngineParams, budgetMs: number): number {
  const sim = new Simulation({ ...p, seeds: 1 });
  const nets: Weights[] = sim.initial.map((w) => structuredClone(w));
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budgetMs) {
    sim.runs.forEach((run, k) => {
      const s = { rule: run.rule, R: sim.feedback[k], what: p.what, truncation: p.truncation };
      nets[k] = applyUpdate(
        nets[k],
        referenceExpectedUpdate(s, nets[k], sim.task.teacher, p.T, p.loss),
        p.lr,
      );
    });
    steps++;
  }
  sim.dispose();
  return (steps * sim.runs.length * 1000) / (performance.now() - t0); // run-steps per second
}

async function wholeRuns(): Promise<void> {
  const rank = rankWorkload();
  console.log(
    '4. Whole runs of the rank workload (3000 steps, 80 runs, with metrics), fresh processes per thread',
  );
  const threads = [1, ...(availableParallelism() > 1 ? [2] : [])];
  for (const every of [rank.every, 100]) {
    for (const t of threads) {
      const t0 = performance.now();
      await runParallel({ ...rank, every }, t);
      console.log(
        `   every = ${String(every).padEnd(4)} ${t} thread${t > 1 ? 's' : ' '}: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
  }
  const js = referenceRate(rank, 3000);
  const sim = new Simulation({ ...rank, every: rank.steps });
  const engine = (1000 / msPerStep(sim, 100, 300)) * sim.runs.length;
  sim.dispose();
  console.log(
    `   run-steps per second: engine ${engine.toFixed(0)}, plain-JS float64 reference ${js.toFixed(1)} (${(engine / js).toFixed(0)}× faster)`,
  );
}

async function main(): Promise<void> {
  const backend = await initBackend();
  console.log(
    `TF.js backend: ${backend.name}${backend.note ? ` (${backend.note})` : ''}; Node ${process.version}; ${availableParallelism()} cores\n`,
  );
  await kernelTable();
  peerTable();
  snapshotTable();
  await wholeRuns();
}

void main();
