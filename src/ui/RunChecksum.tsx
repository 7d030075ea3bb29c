// The run checksum beside Copy link: 12 hex digits over every run's weights at the step shown, so a class sees at a
// glance that everyone reproduced the same run. May import: state (store selectors), ./store-context.
import { selectChecksum } from '../state/store';
import { useAppStore } from './store-context';

export function RunChecksum() {
  const checksum = useAppStore(selectChecksum);
  const step = useAppStore((s) => s.step);
  const title = checksum
    ? `Checksum of every run's weights A, W, B at step ${step} (float32). The same link on the same backend gives the same checksum; the run file and the CLI print it too.`
    : 'The checksum of the weights appears when training is paused or finished.';
  return (
    <span className="run-checksum" title={title}>
      checksum{' '}
      <code data-testid="run-checksum" aria-label={checksum ? `run checksum ${checksum}` : 'no checksum yet'}>
        {checksum ?? '…'}
      </code>
    </span>
  );
}
