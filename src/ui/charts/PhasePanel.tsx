// The phase portrait panel: one mode's (a, b) plane at w = w* with a rule's flow, the manifold, the saddle and the
// runs; a click sets that mode's (a₀, b₀) and restarts. May import: react, ../store-context, ../theory, the chart parts.
import { type MouseEvent, useMemo, useState } from 'react';
import type { TheoryRule } from '../../theory';
import { useAppStore, useStoreApi } from '../store-context';
import { NARROW_QUERY, useMediaQuery } from '../use-media-query';
import {
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

export function PhasePanel({ live, frozen }: { live: boolean; frozen: boolean }) {
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

  const figure = useMemo(
    () =>
      aligned
        ? fitTitle(phasePortraitFigure({ params, mode, rule, histories, runs, present }), titleChars(narrow))
        : null,
    [aligned, runs, histories, params, mode, rule, present, narrow],
  );

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const div = e.currentTarget as GraphDiv;
    const fl = div._fullLayout;
    if (!fl?.xaxis || !fl.yaxis) return;
    const r = div.getBoundingClientRect();
    const hit = pixelToData(e.clientX - r.left, e.clientY - r.top, fl.xaxis, fl.yaxis);
    if (!hit) return;
    const s = store.getState();
    const next = pointToModeInit(s.params, mode, hit.a, hit.b);
    const before = s.params;
    s.setParams({ a0: next.a0.join(','), b0: next.b0.join(',') });
    // the same point again changes no parameter: restart from step 0 all the same
    if (store.getState().params === before) s.reset();
  };

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
            Without a pointer: type the values into “Initial readout (a₀)” and “Initial input (b₀)” in the
            Parameters panel; they are the same setting, one value per mode.
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
