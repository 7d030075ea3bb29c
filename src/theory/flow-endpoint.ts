// Where the T → ∞ flow of one mode ends (THEORY 3.2, 3.3): the optimal-manifold point a run approaches at small
// learning rate, at which its learning-rate limit is evaluated; and the same for the finite-T map's flow.
// May import: ./types, ./mode-odes, ./mode-maps.
import type { LossKind, ModeFeedback, ModeState, ModeTeacher, TheoryRule } from './types';
import { integrateModeOde } from './mode-odes';
import { modeLoss, modeLossInfinite, modeUpdate } from './mode-maps';

/** The flow counts as arrived once its loss is below this fraction of the start's. */
const ARRIVED = 1e-10;
/** The first chunk of flow time (doubled until arrival) and the latest time looked at. */
const FIRST_CHUNK = 4;
const MAX_TIME = 4096;

/**
 * Integrates the flow of THEORY 3.2 (RK4, time t = η·step with η = 1) in doubling chunks until the loss falls
 * below ARRIVED × its start, and returns that point (on the optimal manifold {a b = p, w = q} up to ARRIVED), or
 * null when it does not arrive by MAX_TIME (a plateau too long, |w| reaching 1, a blow-up).
 */
export function flowEndpoint(
  rule: TheoryRule,
  init: ModeState,
  teacher: ModeTeacher,
  feedback: ModeFeedback,
): ModeState | null {
  const start = modeLossInfinite(init, teacher);
  if (!Number.isFinite(start)) return null;
  if (start === 0) return init;
  let state = init;
  for (let chunk = FIRST_CHUNK, t = 0; t < MAX_TIME; t += chunk, chunk *= 2) {
    const run = integrateModeOde({
      rule,
      init: state,
      teacher,
      feedback,
      lr: 1,
      record: [chunk],
      dtMax: 0.05,
    });
    if (run.stopped || !run.a.length) return null;
    state = { a: run.a[0], b: run.b[0], w: run.w[0] };
    if (run.loss[0] <= ARRIVED * start) return state;
  }
  return null;
}

/** The finite-T flow's step in time, and the latest time looked at (a plateau from 1e-3 leaves by t ≈ 10). */
const MAP_DT = 0.02;
const MAP_MAX_TIME = 1000;

/**
 * The same for the flow of the finite-T map (THEORY 3.1: θ̇ = −Δθ with Δθ = modeUpdate at horizon T, loss and
 * truncation), where the run at a small η ends: fixed-step RK4, null when |w| reaches 1, the values stop being
 * finite, or it has not arrived by MAP_MAX_TIME.
 */
export function mapFlowEndpoint(
  rule: TheoryRule,
  init: ModeState,
  teacher: ModeTeacher,
  feedback: ModeFeedback,
  T: number,
  loss: LossKind,
  truncation = 1,
): ModeState | null {
  const lossAt = (x: ModeState) => modeLoss(x, teacher, T, loss);
  const start = lossAt(init);
  if (!Number.isFinite(start)) return null;
  if (start === 0) return init;
  const field = (x: ModeState): ModeState => {
    const r = modeUpdate(rule, x, teacher, feedback, T, loss, truncation);
    return { a: -r.da, b: -r.db, w: -r.dw };
  };
  const plus = (x: ModeState, k: ModeState, h: number): ModeState => ({
    a: x.a + h * k.a,
    b: x.b + h * k.b,
    w: x.w + h * k.w,
  });
  let x = init;
  for (let step = 1; step * MAP_DT <= MAP_MAX_TIME; step++) {
    const k1 = field(x);
    const k2 = field(plus(x, k1, MAP_DT / 2));
    const k3 = field(plus(x, k2, MAP_DT / 2));
    const k4 = field(plus(x, k3, MAP_DT));
    x = {
      a: x.a + (MAP_DT / 6) * (k1.a + 2 * k2.a + 2 * k3.a + k4.a),
      b: x.b + (MAP_DT / 6) * (k1.b + 2 * k2.b + 2 * k3.b + k4.b),
      w: x.w + (MAP_DT / 6) * (k1.w + 2 * k2.w + 2 * k3.w + k4.w),
    };
    if (!(Math.abs(x.w) < 1) || !Number.isFinite(x.a * x.b)) return null;
    // the loss is O(T) to evaluate: look every 64 steps
    if (step % 64 === 0 && lossAt(x) <= ARRIVED * start) return x;
  }
  return null;
}
