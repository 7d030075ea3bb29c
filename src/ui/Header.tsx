// The top bar's first row: title, presets menu, parameters toggle, charts menu, share, copy link, projector mode,
// the guided card of the chosen preset, the run checksum, shortcuts and About. May import: state (presets), ./store-context, ./CopyLink, ./ChartsMenu,
// ./RunChecksum.
import { PRESET_GUIDES } from '../state/preset-guides';
import { matchingPresetId, PRESETS } from '../state/presets';
import { ChartsMenu } from './ChartsMenu';
import { CopyLink } from './CopyLink';
import { RunChecksum } from './RunChecksum';
import { useAppStore } from './store-context';

interface Props {
  onAbout(): void;
  onShortcuts(): void;
  onShare(): void;
  /** opens the guided card of this preset */
  onGuide(presetId: string): void;
  paramsOpen: boolean;
  onToggleParams(): void;
}

export function Header({ onAbout, onShortcuts, onShare, onGuide, paramsOpen, onToggleParams }: Props) {
  const params = useAppStore((s) => s.params);
  const present = useAppStore((s) => s.view.present);
  const applyPreset = useAppStore((s) => s.applyPreset);
  const setPresent = useAppStore((s) => s.setPresent);
  const chosen = matchingPresetId(params);
  const description = PRESETS.find((p) => p.id === chosen)?.description;
  return (
    <header className="top">
      <h1 title="BPTT, truncated BPTT, RFLO and e-prop learning the same linear RNN teacher, side by side">
        Locality Lab
      </h1>
      <label className="presets">
        <span className="visually-hidden">Preset</span>
        <select
          data-testid="presets-menu"
          value={chosen}
          title={description}
          onChange={(e) => e.target.value && applyPreset(e.target.value)}
        >
          <option value="">{chosen ? 'Choose a preset…' : 'Custom settings'}</option>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {`${p.scenario}. ${p.label}`}
            </option>
          ))}
        </select>
      </label>
      <div className="top-actions">
        <button
          type="button"
          data-testid="params-toggle"
          aria-expanded={paramsOpen}
          aria-controls="parameters"
          onClick={onToggleParams}
        >
          Parameters
        </button>
        <ChartsMenu />
        <button type="button" data-testid="share-button" onClick={onShare}>
          Share
        </button>
        <CopyLink />
        <RunChecksum />
        <button
          type="button"
          data-testid="present-button"
          aria-pressed={present}
          onClick={() => setPresent(!present)}
        >
          Projector
        </button>
        <button type="button" onClick={onShortcuts} aria-keyshortcuts="?" aria-label="Keyboard shortcuts">
          ⌨
        </button>
        <button type="button" data-testid="about-button" onClick={onAbout}>
          About
        </button>
      </div>
      {description && (
        <p className="preset-line">
          {PRESET_GUIDES[chosen] && (
            <button
              type="button"
              className="guide-button"
              data-testid="guide-button"
              title="What to predict, what to look at, what it means"
              onClick={() => onGuide(chosen)}
            >
              Guide
            </button>
          )}
          <span className="preset-description" data-testid="preset-description" title={description}>
            {description}
          </span>
        </p>
      )}
    </header>
  );
}
