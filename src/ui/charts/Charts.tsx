// The four live charts: builds each figure from the store (memoised on the metrics revision) and renders it.
// May import: ../store-context, ./figures, ./ChartPanel.
import { useMemo } from 'react';
import { useAppStore } from '../store-context';
import { NARROW_QUERY, useMediaQuery } from '../use-media-query';
import { ChartPanel } from './ChartPanel';
import { agreementFigure, type FigureInput, lossFigure, modesFigure, rankFigure } from './figures';

export function Charts() {
  const revision = useAppStore((s) => s.revision);
  const histories = useAppStore((s) => s.histories);
  const spectra = useAppStore((s) => s.spectra);
  const runs = useAppStore((s) => s.runs);
  const params = useAppStore((s) => s.params);
  const present = useAppStore((s) => s.view.present);
  const narrow = useMediaQuery(NARROW_QUERY);
  const live = useAppStore((s) => s.status === 'running');
  const frozen = useAppStore((s) => s.status === 'running' && s.lastAction === 'runToEnd');
  const seeds = params.seeds;

  // histories grow in place; `revision` is what says they changed
  const input: FigureInput = useMemo(
    () => ({ runs, histories, spectra, params, present, narrow }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [revision, runs, histories, spectra, params, present, narrow],
  );
  const loss = useMemo(() => lossFigure(input), [input]);
  const modes = useMemo(() => modesFigure(input), [input]);
  const rank = useMemo(() => rankFigure(input), [input]);
  const agreement = useMemo(() => agreementFigure(input), [input]);
  const band = seeds > 1 ? ` With ${seeds} seeds per rule: the median line and the min–max band.` : '';

  return (
    <div className="charts">
      <ChartPanel live={live} frozen={frozen} name="loss" title="Loss" figure={loss}>
        Loss L against training step (log scale), one colour and dash pattern per rule.{band}
      </ChartPanel>
      <ChartPanel live={live} frozen={frozen} name="agreement" title="Agreement with BPTT" figure={agreement}>
        Left: cosine between each rule’s expected update of W and the true gradient (BPTT) at the same weights; 1 = same
        direction. Right: cos(vec A, vec R), how far the readout A has turned towards RFLO’s feedback R.
      </ChartPanel>
      <ChartPanel live={live} frozen={frozen} name="modes" title="Mode convergence" figure={modes} wide>
        {params.task === 'aligned'
          ? 'Per mode: a·b against the teacher’s p = a*b* and w against w* (grey long dashes), then the off-diagonal energy fraction of A, W, B in the task’s bases (0 = aligned; THEORY 3).'
          : 'Modes and alignment are defined by the aligned task’s bases U, V, P; the random task has none, so only cos(vec A, vec R) is shown.'}
      </ChartPanel>
      <ChartPanel live={live} frozen={frozen} name="rank" title="Rank of learned changes" figure={rank} wide>
        Singular values σₖ/σ₁ of ΔW = W − W₀ and ΔB = B − B₀ at the latest step (log scale); the effective rank (Σσ)²/Σσ² and the
        numerical rank (count of σₖ &gt; {params.rankTol}·σ₁) of ΔW against step, with the bound o (RFLO’s ΔW is Rᵀ times something,
        so its rank ≤ o); the fraction of RFLO’s ΔW outside range(Rᵀ) (≈ 0 up to rounding; THEORY 4).
      </ChartPanel>
    </div>
  );
}
