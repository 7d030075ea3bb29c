// Data export and import: download the run file (the CLI's format) and the CSV; load a run file by picker or
// drag-and-drop (charts without retraining, or parseRunFile's message); the numpy script that replays a run file.
// May import: ./store-context, ./download, the engine's python-script (text only).
import { type DragEvent, useState } from 'react';
import { REPLAY_SCRIPT, REPLAY_SCRIPT_NAME } from '../engine/python-script';
import { saveText } from './download';
import { useAppStore } from './store-context';

/** Reads dropped or picked files; shared with the app root's drop zone. */
export async function loadFirstFile(
  files: FileList | null,
  load: (text: string, name: string) => boolean,
): Promise<void> {
  const file = files?.[0];
  if (file) load(await file.text(), file.name);
}

export function useRunFileDrop() {
  const load = useAppStore((s) => s.loadRunFile);
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        setOver(false);
        void loadFirstFile(e.dataTransfer.files, load);
      },
    },
  };
}

export function RunFilePanel() {
  const exportRun = useAppStore((s) => s.exportRun);
  const exportCsv = useAppStore((s) => s.exportCsv);
  const load = useAppStore((s) => s.loadRunFile);
  const error = useAppStore((s) => s.runFileError);
  const loaded = useAppStore((s) => s.loadedFile?.name ?? null);
  const ready = useAppStore((s) => s.runs.length > 0);
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (what: 'run' | 'csv') => {
    setBusy(what);
    try {
      if (what === 'run') saveText('locality-lab-run.json', await exportRun(), 'application/json');
      else saveText('locality-lab-history.csv', await exportCsv(), 'text/csv');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="run-file" aria-labelledby="run-file-title">
      <h2 id="run-file-title">Data</h2>
      <div className="run-file-actions">
        <button
          type="button"
          data-testid="download-run-button"
          disabled={!ready || busy !== null}
          onClick={() => void download('run')}
        >
          Download run file (JSON)
        </button>
        <button
          type="button"
          data-testid="download-csv-button"
          disabled={!ready || busy !== null}
          onClick={() => void download('csv')}
        >
          Download histories (CSV)
        </button>
        <button
          type="button"
          data-testid="download-script-button"
          title="A numpy script that retrains every run of a run file from its initial weights and compares the losses"
          onClick={() => saveText(REPLAY_SCRIPT_NAME, REPLAY_SCRIPT, 'text/x-python')}
        >
          Download Python script
        </button>
        <label className="file-picker">
          Load a run file{' '}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="load-run-input"
            onChange={(e) => {
              void loadFirstFile(e.target.files, load);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p className="panel-hint">
        The run file is what <code>npm run simulate</code> writes. Load one (or drop it anywhere on the page)
        to see its charts without retraining.{loaded ? ` Showing: ${loaded}.` : ''} The Python script replays
        a run file&apos;s training in numpy: <code>python3 {REPLAY_SCRIPT_NAME} locality-lab-run.json</code>.
      </p>
      {error && (
        <p className="run-file-error" data-testid="run-file-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
