// The page: header, URL notices, run controls, parameter panel, charts, summary, divergence and data panels.
// May import: the ui components, ./store-context, ./shortcuts. Knows no specific parameter.
import { useEffect, useState } from 'react';
import { AboutDialog } from './about/AboutDialog';
import { Charts } from './charts/Charts';
import { ParamPanel } from './controls/ParamPanel';
import { RunControls } from './controls/RunControls';
import { DivergenceMessages } from './DivergenceMessages';
import { Header } from './Header';
import { NoticeList } from './NoticeList';
import { RunFilePanel, useRunFileDrop } from './RunFilePanel';
import { shortcutFor } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useAppStore, useStoreApi } from './store-context';
import { SummaryTable } from './SummaryTable';
import { SweepPanel } from './sweep/SweepPanel';

export function App() {
  const store = useStoreApi();
  const present = useAppStore((s) => s.view.present);
  const backend = useAppStore((s) => s.backend);
  const backendNote = useAppStore((s) => s.backendNote);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const drop = useRunFileDrop();

  // projector mode styles the whole page (body), so dialogs and scrollbars follow
  useEffect(() => {
    document.body.classList.toggle('present', present);
  }, [present]);

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
    <div className={`app${present ? ' present' : ''}${drop.over ? ' drop-target' : ''}`} {...drop.handlers}>
      <a className="skip-link" href="#charts">
        Skip to the charts
      </a>
      <Header onAbout={() => setAboutOpen(true)} onShortcuts={() => setShortcutsOpen(true)} />
      <NoticeList />
      <RunControls />
      <div className="layout">
        <aside className="sidebar">
          <ParamPanel />
        </aside>
        <main id="charts" tabIndex={-1}>
          <DivergenceMessages />
          <Charts />
          <SummaryTable />
          <RunFilePanel />
          <SweepPanel />
        </main>
      </div>
      <footer>
        <p>
          Training runs in a Web Worker with the TF.js {backend ?? '…'} backend
          {backendNote ? ` (${backendNote})` : ''}. Same link and backend ⇒ the same numbers.
        </p>
      </footer>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}
