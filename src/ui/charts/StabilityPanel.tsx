// The stability chart panel: λ± on the optimal manifold against s for each rule (THEORY 3.3), runs marked,
// with a mode selector. May import: react, ../store-context, ../theory, ../use-media-query, the chart parts.
import { useMemo, useState } from 'react';
import { useAppStore } from '../store-context';
import { stabilityFigure } from '../theory';
import { NARROW_QUERY, useMediaQuery } from '../use-media-query';
import { ChartPanel } from './ChartPanel';
import { ModeSelect } from './TheorySelects';
import { fitTitle, NEAR_MANIFOLD_TOL, runsNearManifold, titleChars } from './theory-view';

export function StabilityPanel({ live, frozen }: { live: boolean; frozen: boolean }) {
  const histories = useAppStore((s) => s.histories);
  const runs = useAppStore((s) => s.runs);
  const params = useAppStore((s) => s.params);
  const present = useAppStore((s) => s.view.present);
  const narrow = useMediaQuery(NARROW_QUERY);
  const [chosen, setChosen] = useState(0);
  const mode = Math.min(chosen, params.modes - 1);
  const aligned = params.task === 'aligned';

  const figure = useMemo(() => {
    if (!aligned) return null;
    const near = runsNearManifold(params, mode, runs, histories);
    const fig = stabilityFigure({ params, mode, histories: near.histories, runs: near.runs, present });
    return fitTitle(fig, titleChars(narrow));
  }, [aligned, runs, histories, params, mode, present, narrow]);

  return (
    <ChartPanel
      live={live}
      frozen={frozen}
      name="stability"
      title="Convergence rate on the optimal manifold"
      figure={figure}
      tools={
        aligned && (
          <ModeSelect modes={params.modes} value={mode} onChange={setChosen} testId="stability-mode" />
        )
      }
    >
      {aligned ? (
        <>
          Along the optimal manifold ab = p, w = w* (a point is (s, p/s, w*)), each rule’s linearised flow has
          two rates: Re λ₊ (thick) and Re λ₋ (thin dots), with this mode’s p, w*, â and ŵ (THEORY 3.3). Below
          zero (green) the manifold attracts and the loss falls like e<sup>2ηλ₊·step</sup>; above zero
          (orange) it repels. Dotted lines: s = ±√|p|, where BPTT is slowest. A marker shows a run’s s = a
          once it is near the manifold (|ab − p| and |w − w*| within {NEAR_MANIFOLD_TOL * 100} %).
        </>
      ) : (
        <p className="chart-note" data-testid="stability-note">
          The convergence rates λ± are those of one mode of the aligned task (THEORY 3.3). The random task has
          no modes: choose task = aligned to see them.
        </p>
      )}
    </ChartPanel>
  );
}
