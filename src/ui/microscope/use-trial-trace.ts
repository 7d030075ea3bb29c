// Asks the worker for the microscope's trial whenever the request or the network changes; drops stale answers.
// May import: react, ../store-context, worker protocol types.
import { useEffect, useState } from 'react';
import type { ReplyResults, TrialRequest } from '../../worker/protocol';
import { useAppStore } from '../store-context';

export interface TrialState {
  reply: ReplyResults['traceTrial'] | null;
  error: string | null;
}

/**
 * @param request null: nothing to trace (panel closed, no runs, a loaded file)
 * @param network a primitive that changes whenever the network may have (the step shown)
 * @param config the parameters object (a new one whenever they change, the same one otherwise)
 */
export function useTrialTrace(request: TrialRequest | null, network: string, config: unknown): TrialState {
  const traceTrial = useAppStore((s) => s.traceTrial);
  const [state, setState] = useState<TrialState>({ reply: null, error: null });
  // one key for the request's values, so a new object with the same values asks nothing
  const key = request ? JSON.stringify(request) : null;
  useEffect(() => {
    if (key === null) return;
    let current = true;
    traceTrial(JSON.parse(key) as TrialRequest).then(
      (reply) => current && setState({ reply, error: null }),
      (err: unknown) =>
        current &&
        setState((s) => ({ reply: s.reply, error: err instanceof Error ? err.message : String(err) })),
    );
    return () => {
      current = false;
    };
  }, [key, network, config, traceTrial]);
  return state;
}
