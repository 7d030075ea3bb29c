// The sweep panel's state: run a draft in the worker (progress, cancel), or load a table; the result is a sweep
// table either way. May import: react, state, engine types, ./sweep-context.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_OUTCOME_OPTIONS } from '../../engine/sweep/outcome';
import type { EngineParams } from '../../engine/params';
import { maxBatchRuns } from '../../state/budget';
import type { SweepGrid } from '../../state/sweep-grid';
import { makeTable, parseSweepTable, type SweepTable, sweepRows } from '../../state/sweep-table';
import { SweepCancelled } from '../../worker/sweep-client';
import { useSweepClient } from './sweep-context';

export type SweepStatus =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number; startedAt: number }
  | { kind: 'done'; seconds: number | null; source: string }
  | { kind: 'error'; message: string };

export function useSweep() {
  const client = useSweepClient();
  const [status, setStatus] = useState<SweepStatus>({ kind: 'idle' });
  const [table, setTable] = useState<SweepTable | null>(null);
  const live = useRef(true);
  // mounted → live; an unmount cancels the sweep (StrictMode mounts twice in development: set it on each mount)
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      client?.cancel();
    };
  }, [client]);

  const run = useCallback(
    async (grid: SweepGrid, base: EngineParams, cells: EngineParams[]) => {
      if (!client) return;
      const startedAt = performance.now();
      setStatus({ kind: 'running', done: 0, total: cells.length ? base.steps : 0, startedAt });
      try {
        const result = await client.run(
          cells,
          (done, total) => {
            if (live.current) setStatus({ kind: 'running', done, total, startedAt });
          },
          maxBatchRuns(base),
        );
        if (!live.current) return;
        const rows = sweepRows(grid, cells, result.records, DEFAULT_OUTCOME_OPTIONS);
        setTable(makeTable(grid, base, DEFAULT_OUTCOME_OPTIONS, rows));
        setStatus({
          kind: 'done',
          seconds: result.seconds,
          source: `${cells.length} cells × ${base.rules.length * base.seeds} runs on ${result.backend}`,
        });
      } catch (err) {
        if (!live.current) return;
        if (err instanceof SweepCancelled) setStatus({ kind: 'idle' });
        else setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    },
    [client],
  );

  const cancel = useCallback(() => client?.cancel(), [client]);

  const load = useCallback((text: string, name: string) => {
    try {
      const t = parseSweepTable(text);
      setTable(t);
      setStatus({ kind: 'done', seconds: null, source: `loaded ${name}` });
    } catch (err) {
      setStatus({ kind: 'error', message: `${name}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }, []);

  return { available: client !== null, status, table, run, cancel, load };
}
