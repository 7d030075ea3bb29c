// The top bar: title, presets menu, copy link and run checksum, projector mode, shortcuts and About buttons.
// May import: state (presets), ./store-context, ./CopyLink, ./RunChecksum.
import { matchingPresetId, PRESETS } from '../state/presets';
import { CopyLink } from './CopyLink';
import { RunChecksum } from './RunChecksum';
import { useAppStore } from './store-context';

interface Props {
  onAbout(): void;
  onShortcuts(): void;
}

export function Header({ onAbout, onShortcuts }: Props) {
  const params = useAppStore((s) => s.params);
  const present = useAppStore((s) => s.view.present);
  const applyPreset = useAppStore((s) => s.applyPreset);
  const setPresent = useAppStore((s) => s.setPresent);
  const chosen = matchingPresetId(params);
  const description = PRESETS.find((p) => p.id === chosen)?.description;
  return (
    <header className="top">
      <div className="brand">
        <h1>Locality Lab</h1>
        <p className="tagline">
          BPTT, truncated BPTT, RFLO and e-prop learning the same linear RNN teacher, side by side.
        </p>
      </div>
      <div className="top-actions">
        <label className="presets">
          Preset{' '}
          <select
            data-testid="presets-menu"
            value={chosen}
            onChange={(e) => e.target.value && applyPreset(e.target.value)}
          >
            <option value="">{chosen ? 'Choose a preset…' : 'Custom settings'}</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {`Scenario ${p.scenario}: ${p.label}`}
              </option>
            ))}
          </select>
        </label>
        <CopyLink />
        <RunChecksum />
        <button type="button" aria-pressed={present} onClick={() => setPresent(!present)}>
          Projector mode
        </button>
        <button type="button" onClick={onShortcuts} aria-keyshortcuts="?">
          Shortcuts
        </button>
        <button type="button" data-testid="about-button" onClick={onAbout}>
          About
        </button>
      </div>
      {description && <p className="preset-description">{description}</p>}
    </header>
  );
}
