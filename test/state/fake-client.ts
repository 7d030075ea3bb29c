// A fake SimClient for store tests: records every request and lets a test push snapshots and faults.
// May import: worker/engine types only.
import { emptyHistory, type RunHistory } from '../../src/engine/history';
import type { EngineParams, RuleId } from '../../src/engine/params';
import type { RunStatus, SnapshotMessage, Speed, TrialRequest } from '../../src/worker/protocol';
import type { SimClient } from '../../src/worker/sim-client';

export interface Call {
  kind: string;
  arg?: unknown;
}

export class FakeClient implements SimClient {
  readonly calls: Call[] = [];
  readonly ready: Promise<{ backend: string; note: string | null }>;
  disposed = false;

  /** @param ready when the fake's worker has started (default: at once) */
  constructor(
    ready: Promise<{ backend: string; note: string | null }> = Promise.resolve({
      backend: 'fake',
      note: null,
    }),
  ) {
    this.ready = ready;
  }
  private snapshotListeners = new Set<(s: SnapshotMessage) => void>();
  private faultListeners = new Set<(m: string) => void>();
  /** make the next request of this kind fail with this message */
  failNext: { kind: string; message: string } | null = null;
  exportText = '{"fake":true}';

  private answer<T>(kind: string, arg: unknown, value: T): Promise<T> {
    this.calls.push({ kind, arg });
    if (this.failNext?.kind === kind) {
      const { message } = this.failNext;
      this.failNext = null;
      return Promise.reject(new Error(message));
    }
    return Promise.resolve(value);
  }

  configure = (params: EngineParams) => this.answer('configure', structuredClone(params), { runs: [] });
  warmUp = (_params: EngineParams, _ms: number) => this.answer('warmUp', undefined, { steps: 0 });
  play = (speed: Speed) => this.answer('play', speed, null);
  pause = () => this.answer('pause', undefined, null);
  step = (count = 1) => this.answer('step', count, null);
  reset = () => this.answer('reset', undefined, { runs: [] });
  runToEnd = () => this.answer('runToEnd', undefined, null);
  setSpeed = (speed: Speed) => this.answer('setSpeed', speed, null);
  exportRun = () => this.answer('exportRun', undefined, this.exportText);
  exportCsv = () => this.answer('exportCsv', undefined, 'rule,seed\n');
  /** what traceTrial answers (a test sets it; without one the request fails like a worker without a run) */
  trialReply: Awaited<ReturnType<SimClient['traceTrial']>> | null = null;
  traceTrial = (req: TrialRequest) =>
    this.trialReply
      ? this.answer('traceTrial', req, this.trialReply)
      : this.answer('traceTrial', req, null).then(() =>
          Promise.reject(new Error('no simulation configured yet')),
        );
  onSnapshot(fn: (s: SnapshotMessage) => void) {
    this.snapshotListeners.add(fn);
    return () => this.snapshotListeners.delete(fn);
  }
  onFault(fn: (m: string) => void) {
    this.faultListeners.add(fn);
    return () => this.faultListeners.delete(fn);
  }
  dispose() {
    this.disposed = true;
  }

  kinds(): string[] {
    return this.calls.map((c) => c.kind);
  }

  emit(s: SnapshotMessage): void {
    this.snapshotListeners.forEach((fn) => fn(s));
  }

  fault(message: string): void {
    this.faultListeners.forEach((fn) => fn(message));
  }
}

/** A history with one record per step in `steps` (loss = 1/(1+step)). */
export function historyAt(steps: number[]): RunHistory {
  const h = emptyHistory();
  for (const s of steps) {
    h.step.push(s);
    h.loss.push(1 / (1 + s));
    h.alignA.push(null);
    h.alignW.push(null);
    h.alignB.push(null);
    h.asymW.push(0.5);
    h.commB.push(0.25);
    h.commA.push(0.25);
    h.io.push(null);
    h.rankW.push(1);
    h.effRankW.push(1);
    h.rankB.push(1);
    h.effRankB.push(1);
    h.residualR.push(null);
    h.cosBptt.push(1);
    h.cosAR.push(0);
  }
  return h;
}

const RUNS = (rules: RuleId[]) => rules.map((rule) => ({ rule, seed: 1, seedIndex: 0 }));

export function snapshot(part: {
  fresh?: boolean;
  status?: RunStatus;
  step: number;
  records: number[];
  rules?: RuleId[];
  steps?: number;
  generation?: number;
  /** per-run digests; by default null while running and '00…0k' (run k) otherwise */
  digests?: string[] | null;
}): SnapshotMessage {
  const rules = part.rules ?? ['bptt', 'tbptt', 'rflo'];
  return {
    type: 'snapshot',
    generation: part.generation ?? 1,
    fresh: part.fresh ?? false,
    status: part.status ?? 'running',
    step: part.step,
    steps: part.steps ?? 3000,
    runs: RUNS(rules),
    records: rules.map(() => historyAt(part.records)),
    spectra: rules.map(() => ({ step: part.step, W: [1, 0.5], B: [1] })),
    divergences: rules.map(() => null),
    digests:
      part.digests !== undefined
        ? part.digests
        : (part.status ?? 'running') === 'running'
          ? null
          : rules.map((_, k) => k.toString(16).padStart(16, '0')),
  };
}
