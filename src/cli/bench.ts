// `npm run bench`: engine throughput against the plain-JS float64 reference of the same updates, measured in
// the same process (ratios, not absolute claims), and the wall time of THEORY 4's rank workload.
// Imports engine and state modules; never part of the test suite (timing is measured, not asserted).
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../engine/backend';
import type { Weights } from '../engine/network';
import type { EngineParams } from '../engine/params';
import { applyUpdate, referenceExpectedUpdate, referenceSampledUpdate } from '../engine/reference';
import { Rng } from '../engine/rng';
import type { RunFile } from '../engine/run-file';
import { Simulation } from '../engine/simulation';
import { defaultParams } from '../state/params';
import { presetById } from '../state/presets';
import { applyConstraints } from '../state/resolve';
import { parseQuery } from '../state/url';
import { availableParallelism } from 'node:os';
import { runParallel } from './parallel-run';

const params = (over: Partial<EngineParams>) => applyConstraints({ ...defaultParams(), ...over }, []);

/** Repeats `step` until `budgetMs` has passed (at least twice); returns calls per second. */
function rate(step: () => void, budgetMs: number): number {
  step(); // warm-up (JIT, wasm kernels)
  const t0 = performance.now();
  let calls = 0;
  while (calls < 2 || performance.now() - t0 < budgetMs) {
    step();
    calls++;
  }
  return (calls * 1000) / (performance.now() - t0);
}

function engineRunSteps(p: EngineParams, budgetMs: number): number {
  const sim = new Simulation(p);
  const perStep = rate(() => {
    sim.stepMany(5);
    tf.tidy(() => tf.zeros([1])).dataSync(); // wait for the backend: count finished work only
  }, budgetMs);
  sim.dispose();
  return perStep * 5 * sim.runs.length;
}

function referenceRunSteps(p: EngineParams, budgetMs: number): number {
  const sim = new Simulation({ ...p, seeds: 1 });
  const nets: Weights[] = sim.initial.map((w) => structuredClone(w));
  const rng = new Rng(p.seed, 'samples');
  const perStep = rate(() => {
    sim.runs.forEach((run, k) => {
      const s = { rule: run.rule, R: sim.feedback[k], what: p.what, truncation: p.truncation };
      const u =
        p.gradient === 'expected'
          ? referenceExpectedUpdate(s, nets[k], sim.task.teacher, p.T, p.loss)
          : referenceSampledUpdate(
              s,
              nets[k],
              sim.task.teacher,
              Array.from({ length: p.batch }, () =>
                Array.from({ length: p.T }, () => Array.from({ length: p.i }, () => rng.normal())),
              ),
              p.loss,
            );
      nets[k] = applyUpdate(nets[k], u, p.lr);
    });
  }, budgetMs);
  sim.dispose();
  return perStep * sim.runs.length;
}

async function main(): Promise<void> {
  const backend = await initBackend();
  console.log(
    `TF.js backend: ${backend.name}${backend.note ? ` (${backend.note})` : ''}; Node ${process.version}\n`,
  );
  console.log(
    'Throughput (run-steps/s), random task, rules bptt,tbptt,rflo,eprop, i=4, o=1, T=20, batch 32:',
  );
  console.log('n    gradient   engine      JS float64   engine / JS');
  for (const n of [4, 32, 128])
    for (const gradient of ['expected', 'sampled'] as const) {
      const p = params({
        task: 'random',
        rules: ['bptt', 'tbptt', 'rflo', 'eprop'],
        n,
        i: 4,
        o: 1,
        teacherN: 8,
        T: 20,
        gradient,
        batch: 32,
        lr: 0.01,
      });
      const engine = engineRunSteps(p, 1500);
      const reference = referenceRunSteps(p, n === 128 ? 3000 : 1500);
      console.log(
        `${String(n).padEnd(4)} ${gradient.padEnd(10)} ${engine.toFixed(0).padStart(8)}   ${reference.toFixed(1).padStart(10)}   ${(engine / reference).toFixed(1).padStart(8)}×`,
      );
    }

  // THEORY 4's rank experiment exactly as the app's scenario-6 preset defines it, metrics every 100 steps
  const rank = { ...parseQuery(presetById('rank-of-changes')!.query).params, every: 100 };
  console.log(
    '\nRank workload (THEORY 4): random task, 20 seeds × 4 rules, n=32, i=4, o=1, teacherN=8, T=20, 3000 expected steps, metrics every 100:',
  );
  const wall: Record<number, number> = {};
  let file: RunFile | null = null;
  const threadCounts = [1, ...(availableParallelism() > 1 ? [2] : [])];
  for (const threads of threadCounts) {
    const t0 = performance.now();
    file = await runParallel(rank, threads);
    wall[threads] = (performance.now() - t0) / 1000;
  }
  const eff = (rule: string) => {
    const xs = file!.runs.filter((r) => r.rule === rule).map((r) => r.history.effRankW.at(-1) as number);
    return `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  };
  const jsRate = referenceRunSteps({ ...rank, seeds: 1 }, 3000);
  const jsSeconds = (rank.steps * 80) / jsRate;
  for (const threads of threadCounts)
    console.log(
      `  engine, ${threads} thread${threads > 1 ? 's' : ' '}: ${wall[threads].toFixed(1)} s (target < 10 s)`,
    );
  console.log(
    `  JS float64 reference, extrapolated from ${(3000 / 1000).toFixed(0)} s of it: ${jsSeconds.toFixed(0)} s (${(jsSeconds / wall[1]).toFixed(1)}× the 1-thread engine)`,
  );
  console.log(
    `  effective rank of ΔW: bptt ${eff('bptt')}, eprop ${eff('eprop')}, tbptt ${eff('tbptt')}, rflo ${eff('rflo')}`,
  );
}

void main();
