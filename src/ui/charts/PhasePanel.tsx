// The phase portrait panel: one mode's (a, b) plane at w = w* with a rule's flow, the manifold, the saddle and the
// runs; a click sets that mode's (a₀, b₀) and restarts, and so does Enter on the keyboard cursor (the Keys button).
// May import: react, ../store-context, ../theory, the chart parts.
import { type KeyboardEvent, type MouseEvent, useMemo, useState } from 'react';
import type { TheoryRule } from '../../theory';
import { useAppStore, useStoreApi } from '../store-context';
import { NARROW_QUERY, useMediaQuery } from '../use-media-query';
import {
  cursorShapes,
  moveCursor,
  type PhaseCursor,
  phaseBounds,
  phasePortraitFigure,
  pixelToData,
  type PlotlyAxisLike,
  pointToModeInit,
  phaseRuleFor,
  THEORY_RULES,
} from '../theory';
import { ChartPanel } from './ChartPanel';
import { ModeSelect, RuleSelect } from './TheorySelects';
import { fitTitle, titleChars } from './theory-view';

type GraphDiv = HTMLDivElement & { _fullLayout?: { xaxis?: PlotlyAxisLike; yaxis?: PlotlyAxisLike } };

/** Below this drawing height (px) the portrait drops its legend and subtitle (it needs the height for the plane). */
export const COMPACT_PHASE_PX = 420;

interface Props {
  live: boolean;
  frozen: boolean;
  /** the card's drawing height (the dashboard grid's), when known */
  heightPx?: number;
}

export function PhasePanel({ live, frozen, heightPx }: Props) {
  const store = useStoreApi();
  const histories = useAppStore((s) => s.histories);
  const runs = useAppStore((s) => s.runs);
  const params = useAppStore((s) => s.params);
  const present = useAppStore((s) => s.view.present);
  const narrow = useMediaQuery(NARROW_QUERY);
  const [chosenMode, setMode] = useState(0);
  const [chosenRule, setRule] = useState<TheoryRule | null>(null);
  const mode = Math.min(chosenMode, params.modes - 1);
  const rule = chosenRule ?? phaseRuleFor(params, mode) ?? 'bptt';
  const aligned = params.task === 'aligned';
  // with a random student init the run does not start from (a₀, b₀): a click would change nothing it draws
  const settable = aligned && params.init !== 'random';

  // the keyboard cursor, while its control has the focus
  const [cursor, setCursor] = useState<PhaseCursor | null>(null);
  const bounds = useMemo(() => phaseBounds(params, mode), [params, mode]);

  const compact = heightPx !== undefined && heightPx < COMPACT_PHASE_PX;
  const portrait = useMemo(
    () =>
      aligned
        ? fitTitle(
            phasePortraitFigure({ params, mode, rule, histories, runs, present, compact }),
            titleChars(narrow),
          )
        : null,
    [aligned, runs, histories, params, mode, rule, present, narrow, compact],
  );
  const figure = useMemo(() => {
    if (!portrait || !cursor) return portrait;
    const shapes = [...portrait.layout.shapes, ...cursorShapes(cursor, bounds, 'x', 'y')];
    return { ...portrait, layout: { ...portrait.layout, shapes } };
  }, [portrait, cursor, bounds]);

  /** Sets the mode's (a₀, b₀) to (a, b) and restarts (the same point again restarts all the same). */
  const startFrom = (a: number, b: number) => {
    const s = store.getState();
    const next = pointToModeInit(s.params, mode, a, b);
    const before = s.params;
    s.setParams({ a0: next.a0.join(','), b0: next.b0.join(',') });
    if (store.getState().params === before) s.reset();
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const div = e.currentTarget as GraphDiv;
    const fl = div._fullLayout;
    if (!fl?.xaxis || !fl.yaxis) return;
    const r = div.getBoundingClientRect();
    const hit = pixelToData(e.clientX - r.left, e.clientY - r.top, fl.xaxis, fl.yaxis);
    if (!hit) return;
    startFrom(hit.a, hit.b);
  };

  const here = (): PhaseCursor => ({ a: params.a0[mode] ?? 0, b: params.b0[mode] ?? 0 });
  const onCursorKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const moved = moveCursor(cursor ?? here(), e.key, bounds, e.shiftKey);
    if (moved) {
      // the arrows are the cursor's here, not the page's shortcuts (→ would train a step)
      e.preventDefault();
      e.stopPropagation();
      setCursor(moved);
    } else if (e.key === 'Escape' && cursor) {
      e.stopPropagation();
      setCursor(here());
    }
  };
  // in the card's head (a footer would take height from a portrait that needs all of it); its point is spoken
  const point = cursor ?? here();
  const keysControl = settable && (
    <>
      <button
        type="button"
        className="phase-keys"
        data-testid="phase-keys"
        aria-label={`Start mode ${mode + 1} from a point chosen with the arrow keys`}
        aria-describedby="phase-keys-help"
        title="Keyboard: ←/→ move a, ↑/↓ move b (Shift: finer), Enter starts there, Esc goes back"
        onFocus={() => setCursor(here())}
        onBlur={() => setCursor(null)}
        onKeyDown={onCursorKey}
        onClick={() => startFrom(point.a, point.b)}
      >
        Keys
      </button>
      <span id="phase-keys-help" className="visually-hidden">
        ←/→ move a, ↑/↓ move b (Shift: finer), Enter starts there, Esc goes back.
      </span>
      <span className="visually-hidden" aria-live="polite" data-testid="phase-keys-point">
        {cursor ? `(a₀, b₀) = (${fmt3(point.a)}, ${fmt3(point.b)})` : ''}
      </span>
    </>
  );

  const tools = aligned && (
    <>
      <ModeSelect modes={params.modes} value={mode} onChange={setMode} testId="phase-mode" />
      <RuleSelect
        rules={THEORY_RULES}
        value={rule}
        onChange={setRule}
        testId="phase-rule"
        truncation={params.truncation}
        running={params.rules}
      />
      {keysControl}
    </>
  );

  return (
    <ChartPanel
      live={live}
      frozen={frozen}
      name="phase"
      title="Phase portrait"
      figure={figure}
      tools={tools}
      onChartClick={settable ? onClick : undefined}
    >
      {aligned ? (
        <>
          <p className="chart-caption" data-testid="phase-caption">
            {settable
              ? 'Click the plane to start this mode from there: it sets the mode’s (a₀, b₀) and restarts training from step 0.'
              : 'Clicking the plane sets nothing here: with Student init = random the runs start from random weights, not from (a₀, b₀). Choose Student init = aligned to start a mode from a point.'}
          </p>
          Mode {mode + 1} in the (a, b) plane at w = w*: arrows show the chosen rule’s T→∞ flow (fainter =
          slower); cyan, the optimal manifold ab = p (both branches; dotted where it is unstable for the
          rule); red, the saddle a = b = 0 of BPTT and tBPTT; lines, the simulated runs’ paths (the chosen
          rule’s drawn stronger); ○, the initial (a₀, b₀).
          <span className="visually-hidden">
            {' '}
            Without a pointer: the “Keys” button in the chart’s head moves a cursor with the arrow keys and
            starts the mode there with Enter; or type the values into “Initial readout (a₀)” and “Initial
            input (b₀)” in the Parameters panel.
          </span>
        </>
      ) : (
        <p className="chart-note" data-testid="phase-note">
          The phase portrait shows one mode of the aligned task in its (a, b) plane. The random task has no
          modes: choose task = aligned to see it.
        </p>
      )}
    </ChartPanel>
  );
}

/** a coordinate as the URL writes it (3 decimals at most) */
function fmt3(v: number): string {
  return String(Math.round(v * 1000) / 1000 + 0);
}
