// The live charts: builds each figure from the store (memoised on the histories array, new with every shown snapshot), the theory overlays on
// the loss and mode charts, and the theory panels. May import: ../store-context, ../theory, ./figures, the panels.
import { useMemo } from 'react';
import { useAppStore } from '../store-context';
import { createPredictionCache, overlayNotes, type RulePrediction } from '../theory';
import { NARROW_QUERY, useMediaQuery } from '../use-media-query';
import { ChartPanel } from './ChartPanel';
import { agreementFigure, type FigureInput, lossFigure, modesFigure, rankFigure } from './figures';
import { PhasePanel } from './PhasePanel';
import { StabilityPanel } from './StabilityPanel';
import { TheoryBar } from './TheoryBar';
import { TheoryNotes } from './TheoryNotes';
import { overlayTraces, theoryBadgeView, withOverlay } from './theory-view';

export function Charts() {
  const histories = useAppStore((s) => s.histories);
  const spectra = useAppStore((s) => s.spectra);
  const runs = useAppStore((s) => s.runs);
  const params = useAppStore((s) => s.params);
  const present = useAppStore((s) => s.view.present);
  const theory = useAppStore((s) => s.view.theory);
  const step = useAppStore((s) => s.step);
  const narrow = useMediaQuery(NARROW_QUERY);
  const live = useAppStore((s) => s.status === 'running');
  const frozen = useAppStore((s) => s.status === 'running' && s.lastAction === 'runToEnd');
  const seeds = params.seeds;

  // the columns grow in place, but every shown snapshot sets a new `histories` array, so it is the dependency
  const input: FigureInput = useMemo(
    () => ({ runs, histories, spectra, params, present, narrow }),
    [runs, histories, spectra, params, present, narrow],
  );
  // predictions depend on the parameters and the choice only (memoised on theoryInputKey inside the cache)
  const predict = useMemo(() => createPredictionCache(), []);
  const predictions: RulePrediction[] = useMemo(
    () => (theory === 'off' ? [] : predict(params, theory)),
    [predict, params, theory],
  );
  const overlays = useMemo(
    () => overlayTraces(params, predictions, { present, upTo: step }),
    [params, predictions, present, step],
  );
  // nothing drawn at all (off, or the badge says "does not apply"): no notes and no word about dashed lines
  const drawn = theory !== 'off' && theoryBadgeView(params, theory).level !== 'none';
  const notes = useMemo(() => (drawn ? overlayNotes(params, predictions) : []), [drawn, params, predictions]);
  const loss = useMemo(() => withOverlay(input, lossFigure(input), overlays.loss), [input, overlays]);
  const modes = useMemo(() => withOverlay(input, modesFigure(input), overlays.modes), [input, overlays]);
  const rank = useMemo(() => rankFigure(input), [input]);
  const agreement = useMemo(() => agreementFigure(input), [input]);
  const band = seeds > 1 ? ` With ${seeds} seeds per rule: the median line and the min–max band.` : '';
  const dashed = !drawn
    ? ''
    : ` Thin ${theory === 'map' ? 'dashed' : 'dotted'} lines: the ${theory === 'map' ? 'finite-T map' : 'T→∞ ODE'} prediction in the rule’s colour, up to the current step.`;

  return (
    <div className="charts">
      <TheoryBar />
      <ChartPanel
        live={live}
        frozen={frozen}
        name="loss"
        title="Loss"
        figure={loss}
        footer={<TheoryNotes notes={notes} testId="theory-notes-loss" />}
      >
        Loss L against training step (log scale), one colour and dash pattern per rule.{band}
        {dashed}
        {dashed && ' Predicted losses under 10⁻¹² of the loss at a = b = 0 (float32 rounding) are not drawn.'}
      </ChartPanel>
      <ChartPanel live={live} frozen={frozen} name="agreement" title="Agreement with BPTT" figure={agreement}>
        Left: cosine between each rule’s expected update of W and the true gradient (BPTT) at the same
        weights; 1 = same direction. Right: cos(vec A, vec R), how far the readout A has turned towards RFLO’s
        feedback R.
      </ChartPanel>
      <ChartPanel
        live={live}
        frozen={frozen}
        name="modes"
        title="Mode convergence"
        figure={modes}
        wide
        footer={<TheoryNotes notes={notes} testId="theory-notes-modes" />}
      >
        {params.task !== 'aligned'
          ? 'The random task has no bases U, V, P, so no modes: cos(vec A, vec R), and the basis-free alignment of W (asymmetry, and how far W is from commuting with BBᵀ and AᵀA; 0 = some hidden basis makes the student diagonal).'
          : params.init === 'random'
            ? 'Per mode: a·b against the teacher’s p = a*b* and w against w* (grey long dashes). A random start has no identifiable hidden basis, so alignment is measured basis-free: asymmetry of W, W against BBᵀ and AᵀA, and the off-diagonal part of the input–output map Uᵀ(AB)V (0 = aligned).'
            : 'Per mode: a·b against the teacher’s p = a*b* and w against w* (grey long dashes), then the off-diagonal energy fraction of A, W, B in the task’s bases (0 = aligned).'}
        {params.task === 'aligned' && dashed}
      </ChartPanel>
      <StabilityPanel live={live} frozen={frozen} />
      <PhasePanel live={live} frozen={frozen} />
      <ChartPanel live={live} frozen={frozen} name="rank" title="Rank of learned changes" figure={rank} wide>
        Singular values σₖ/σ₁ of ΔW = W − W₀ and ΔB = B − B₀ at the latest step (log scale); the effective
        rank (Σσ)²/Σσ² and the numerical rank (count of σₖ &gt; {params.rankTol}·σ₁) of ΔW against step, with
        the bound o (RFLO’s ΔW is Rᵀ times something, so its rank ≤ o); the fraction of RFLO’s ΔW outside
        range(Rᵀ) (≈ 0 up to rounding).
      </ChartPanel>
    </div>
  );
}
