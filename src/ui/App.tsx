// The page, a dashboard: a sticky top bar (presets, run controls, theory overlay), the parameters in a column that
// folds away (a drawer on phones), the chart grid sized to the screen, then summary and data panels.
// May import: the ui components, ./store-context, ./shortcuts. Knows no specific parameter.
import { useEffect, useRef, useState } from 'react';
import { TheoryBar } from './charts/TheoryBar';
import { ShareDialog } from './ShareDialog';
import { matchesNow } from './use-media-query';
import { AboutDialog } from './about/AboutDialog';
import { Charts } from './charts/Charts';
import { ParamPanel } from './controls/ParamPanel';
import { RunControls } from './controls/RunControls';
import { DivergenceMessages } from './DivergenceMessages';
import { MicroscopePanel } from './microscope/MicroscopePanel';
import { Header } from './Header';
import { PinBar } from './PinBar';
import { NoticeList } from './NoticeList';
import { RunFilePanel, useRunFileDrop } from './RunFilePanel';
import { shortcutFor } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useAppStore, useStoreApi } from './store-context';
import { SummaryTable } from './SummaryTable';
import { SweepPanel } from './sweep/SweepPanel';
import { GuideDialog } from './guide/GuideDialog';

export function App() {
  const store = useStoreApi();
  const present = useAppStore((s) => s.view.present);
  const backend = useAppStore((s) => s.backend);
  const backendNote = useAppStore((s) => s.backendNote);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [guide, setGuide] = useState({ presetId: '', open: false });
  // the parameter column takes width from the charts: open by default only where there is width to spare
  const [paramsOpen, setParamsOpen] = useState(() => !present && matchesNow(PARAMS_OPEN_QUERY));
  const drop = useRunFileDrop();
  const bar = useTopBarHeight();

  // projector mode styles the whole page (body), so dialogs and scrollbars follow
  useEffect(() => {
    document.body.classList.toggle('present', present);
  }, [present]);
  // projector mode gives the parameters' width back to the charts (the column can still be opened)
  const [wasPresent, setWasPresent] = useState(present);
  if (present !== wasPresent) {
    setWasPresent(present);
    if (present) setParamsOpen(false);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: e.target as HTMLElement,
      });
      if (!action) return;
      // inside an open dialog only "?" (toggle the list) applies
      if (document.querySelector('dialog[open]') && action !== 'help') return;
      e.preventDefault();
      const s = store.getState();
      if (action === 'togglePlay') s.togglePlay();
      else if (action === 'step') s.stepOnce();
      else if (action === 'reset') s.reset();
      else setShortcutsOpen((open) => !open);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <div
      className={`app${present ? ' present' : ''}${paramsOpen ? ' params-open' : ''}${drop.over ? ' drop-target' : ''}`}
      {...drop.handlers}
    >
      <a className="skip-link" href="#charts">
        Skip to the charts
      </a>
      <div className="topbar" ref={bar}>
        <Header
          onAbout={() => setAboutOpen(true)}
          onShortcuts={() => setShortcutsOpen(true)}
          onShare={() => setShareOpen(true)}
          onGuide={(presetId) => setGuide({ presetId, open: true })}
          paramsOpen={paramsOpen}
          onToggleParams={() => setParamsOpen((o) => !o)}
        />
        <div className="run-row">
          <RunControls />
          <TheoryBar />
          <PinBar />
        </div>
      </div>
      <NoticeList />
      <div className="layout">
        <aside className="sidebar" id="parameters" hidden={!paramsOpen} aria-label="Parameters">
          <button
            type="button"
            className="drawer-close"
            data-testid="params-close"
            onClick={() => setParamsOpen(false)}
          >
            Close parameters
          </button>
          <ParamPanel />
        </aside>
        <main id="charts" tabIndex={-1}>
          <DivergenceMessages />
          <Charts />
          <SummaryTable />
          <MicroscopePanel />
          <RunFilePanel />
          <SweepPanel />
        </main>
      </div>
      <footer>
        <p>
          Training runs in Web Workers with the TF.js {backend ?? '…'} backend
          {backendNote ? ` (${backendNote})` : ''}. Same link and backend ⇒ the same numbers.
        </p>
      </footer>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <ShareDialog open={shareOpen} onClose={() => setShareOpen(false)} />
      <GuideDialog
        presetId={guide.presetId}
        open={guide.open}
        onClose={() => setGuide((g) => ({ ...g, open: false }))}
      />
    </div>
  );
}

/** Where the parameter column opens by default (below, it waits behind the Parameters button). */
const PARAMS_OPEN_QUERY = '(min-width: 1200px)';

/** Keeps --topbar-h on the page equal to the sticky bar's height, so the chart grid fits the rest of the screen. */
function useTopBarHeight() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const update = () => document.documentElement.style.setProperty('--topbar-h', `${el.offsetHeight}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return ref;
}
