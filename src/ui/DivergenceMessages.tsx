// A visible message for each diverged run: rule, step, reason and likely cause (the other runs keep going).
// May import: ./divergence-text, ./store-context.
import { divergenceMessage } from './divergence-text';
import { useAppStore } from './store-context';

export function DivergenceMessages() {
  const runs = useAppStore((s) => s.runs);
  const divergences = useAppStore((s) => s.divergences);
  const histories = useAppStore((s) => s.histories);
  const params = useAppStore((s) => s.params);
  const items = runs
    .map((run, k) =>
      divergences[k] ? divergenceMessage(run, divergences[k]!, histories[k], params, params.seeds) : null,
    )
    .filter((m): m is string => m !== null);
  if (!items.length) return null;
  return (
    <div className="divergence" data-testid="divergence-message" role="alert">
      <h2>Diverged</h2>
      <ul>
        {items.map((text, k) => (
          <li key={k}>{text}</li>
        ))}
      </ul>
    </div>
  );
}
