// The generated controls and the run controls, rendered to HTML with a real store (fake worker client): test ids
// from the contract, labels with symbols, hide= and task filtering, URL values as text. May import: vitest, react-dom/server, src.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ParamRow } from '../../src/state/param-codecs';
import { PARAM_TABLE } from '../../src/state/params';
import { createAppStore } from '../../src/state/store';
import { ParamPanel } from '../../src/ui/controls/ParamPanel';
import { RunControls } from '../../src/ui/controls/RunControls';
import { NoticeList } from '../../src/ui/NoticeList';
import { StoreContext } from '../../src/ui/store-context';
import { FakeClient, snapshot } from '../state/fake-client';

function render(search: string, node: React.ReactNode, prepare?: (client: FakeClient) => void): string {
  const client = new FakeClient();
  const store = createAppStore({ client, search });
  prepare?.(client);
  // server rendering reads zustand's initial state; these tests render the state after `prepare`
  const now = store.getState();
  store.getInitialState = () => now;
  return renderToStaticMarkup(<StoreContext.Provider value={store}>{node}</StoreContext.Provider>);
}

const testIds = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);
const ROWS = PARAM_TABLE as readonly ParamRow[];

describe('ParamPanel (generated from the parameter table)', () => {
  it('renders one control per parameter of the aligned task, with the contract’s test ids', () => {
    const ids = testIds(render('?v=1', <ParamPanel />));
    for (const row of ROWS.filter((r) => r.task !== 'random')) {
      if (row.kind === 'set')
        for (const option of row.options) expect(ids).toContain(`param-${row.key}-${option}`);
      else expect(ids).toContain(`param-${row.key}`);
    }
    expect(ids).not.toContain('param-teacherN');
  });

  it('shows the random task’s controls instead of the per-mode ones', () => {
    const ids = testIds(render('?v=1&task=random', <ParamPanel />));
    expect(ids).toContain('param-teacherN');
    expect(ids).toContain('param-radius');
    expect(ids).not.toContain('param-aStar');
  });

  it('says at the seeds control when the seeds give identical runs', () => {
    expect(testIds(render('?v=1&seeds=3', <ParamPanel />))).toContain('param-advice-seeds');
    expect(render('?v=1&seeds=3', <ParamPanel />)).toMatch(/3 runs per rule are identical here/);
    expect(testIds(render('?v=1&seeds=3&init=random', <ParamPanel />))).not.toContain('param-advice-seeds');
    expect(testIds(render('?v=1', <ParamPanel />))).not.toContain('param-advice-seeds');
  });

  it('does not render controls hidden by the link (hide=)', () => {
    const ids = testIds(render('?v=1&hide=lr,seed,rules', <ParamPanel />));
    expect(ids).not.toContain('param-lr');
    expect(ids).not.toContain('param-seed');
    expect(ids.some((id) => id.startsWith('param-rules'))).toBe(false);
    expect(ids).toContain('param-steps');
  });

  it('labels each control with its symbol and range, and links its help text', () => {
    const html = render('?v=1', <ParamPanel />);
    expect(html).toMatch(
      /Learning rate<\/span><span class="param-symbol"> \(η\)<\/span><span class="param-range"> &gt;0 … 10<\/span>/,
    );
    expect(html).toMatch(/RFLO trace decay<\/span><span class="param-symbol"> \(ŵ\)/);
    const lr = html.match(/<input[^>]*data-testid="param-lr"[^>]*>/)![0];
    const describedBy = lr.match(/aria-describedby="([^"]+)"/)![1];
    expect(html).toContain(`id="${describedBy}"`);
    expect(lr).toMatch(/type="text"/);
    expect(lr).toMatch(/value="0.01"/);
  });

  it('checks the chosen rules and names them (e-prop as our reading)', () => {
    const html = render('?v=1&rules=bptt,eprop', <ParamPanel />);
    expect(html).toMatch(/data-testid="param-rules-bptt" checked=""/);
    expect(html).not.toMatch(/data-testid="param-rules-rflo" checked=""/);
    expect(html).toContain('e-prop (our reading)');
  });
});

describe('RunControls', () => {
  it('waits for the worker: Play disabled and Step 0 / steps before the first snapshot', () => {
    const html = render('?v=1&steps=200', <RunControls />);
    expect(html).toMatch(/<button[^>]*data-testid="play-button"[^>]*disabled=""/);
    expect(html).toContain('Step 0 / 200');
    expect(html).toMatch(/data-testid="status-line" role="status" aria-live="polite"/);
  });

  it('says Play, then Pause while running, and shows the step', () => {
    const idle = render('?v=1', <RunControls />, (c) =>
      c.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] })),
    );
    expect(idle).toMatch(/data-testid="play-button"[^>]*>.*Play<\/button>/);
    expect(idle).not.toMatch(/data-testid="play-button"[^>]*disabled/);
    const running = render('?v=1', <RunControls />, (c) => {
      c.emit(snapshot({ fresh: true, status: 'idle', step: 0, records: [0] }));
      c.emit(snapshot({ status: 'running', step: 120, records: [120] }));
    });
    expect(running).toMatch(/data-testid="play-button"[^>]*>.*Pause<\/button>/);
    expect(running).toContain('Step 120 / 3000');
    for (const id of ['step-button', 'reset-button', 'run-to-end-button', 'speed-select', 'step-counter']) {
      expect(testIds(running)).toContain(id);
    }
  });
});

describe('NoticeList', () => {
  it('is absent without notices, and lists each notice as text (never HTML)', () => {
    expect(render('?v=1', <NoticeList />)).toBe('');
    const html = render('?v=1&lr=<img src=x onerror=alert(1)>&bogus=1', <NoticeList />);
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
