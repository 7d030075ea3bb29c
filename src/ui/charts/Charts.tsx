// The chart grid: the charts the view picks (view=…, one of them large), each figure built from the store (memoised
// on the histories array, new with every shown snapshot), with the theory overlays on the loss and mode charts and
// the pinned runs on every step axis.
// May import: ../store-context, ../theory, ./figures, the panels, state/url types.
import {
  type CSSProperties,
  type ReactNode,
  type RefObject,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ChartId } from '../../state/url';
import { useAppStore } from '../store-context';
import { createPredictionCache, overlayNotes, type RulePrediction } from '../theory';
import { NARROW_QUERY, useMediaQuery } from '../use-media-query';
import { ChartBoundary } from './ChartBoundary';
import { ChartPanel } from './ChartPanel';
import { agreementFigure, type FigureInput, lossFigure, modesFigure, rankFigure } from './figures';
import { PhasePanel } from './PhasePanel';
import { ghostsFor } from './pin-ghosts';
import { StabilityPanel } from './StabilityPanel';
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
  const pins = useAppStore((s) => s.view.pins);
  const pinData = useAppStore((s) => s.pinData);
  const seeds = params.seeds;
  const chosen = useAppStore((s) => s.view.charts);
  const large = useAppStore((s) => s.view.large);
  const gridRef = useRef<HTMLDivElement>(null);
  const rowPx = useGridRowPx(gridRef);
  // a card's drawing height: its grid row (two for the large chart) less the card's heading
  const heightOf = (id: ChartId) =>
    rowPx ? (id === large ? 2 * rowPx + GRID_GAP_PX : rowPx) - CARD_HEAD_PX : undefined;

  // the columns grow in place, but every shown snapshot sets a new `histories` array, so it is the dependency
  const ghosts = useMemo(() => ghostsFor(params, pins, pinData), [params, pins, pinData]);
  const input: FigureInput = useMemo(
    () => ({ runs, histories, spectra, params, present, narrow, ghosts }),
    [runs, histories, spectra, params, present, narrow, ghosts],
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
  const [hLoss, hModes, hRank, hAgreement] = (['loss', 'modes', 'rank', 'agreement'] as const).map(heightOf);
  const lossIn = useMemo(() => ({ ...input, heightPx: hLoss }), [input, hLoss]);
  const modesIn = useMemo(() => ({ ...input, heightPx: hModes }), [input, hModes]);
  const rankIn = useMemo(() => ({ ...input, heightPx: hRank }), [input, hRank]);
  const agreementIn = useMemo(() => ({ ...input, heightPx: hAgreement }), [input, hAgreement]);
  const loss = useMemo(
    () => withOverlay(lossIn, lossFigure(lossIn, overlays.loss.length > 0), overlays.loss),
    [lossIn, overlays],
  );
  const modes = useMemo(
    () => withOverlay(modesIn, modesFigure(modesIn), overlays.modes),
    [modesIn, overlays],
  );
  const rank = useMemo(() => rankFigure(rankIn), [rankIn]);
  const agreement = useMemo(() => agreementFigure(agreementIn), [agreementIn]);
  const band = seeds > 1 ? ` With ${seeds} seeds per rule: the median line and the min–max band.` : '';
  const dashed = !drawn
    ? ''
    : ` Thin ${theory === 'map' ? 'dashed' : 'dotted'} lines: the ${theory === 'map' ? 'finite-T map' : 'T→∞ ODE'} prediction in the rule’s colour, up to the current step.`;

  const MODES_HELP = (
    <>
      {params.task !== 'aligned'
        ? 'The random task has no bases U, V, P, so no modes: cos(vec A, vec R), and the basis-free alignment of W (asymmetry, and how far W is from commuting with BBᵀ and AᵀA; 0 = some hidden basis makes the student diagonal).'
        : params.init === 'random'
          ? 'Per mode: a·b against the teacher’s p = a*b* and w against w* (grey long dashes). A random start has no identifiable hidden basis, so alignment is measured basis-free: asymmetry of W, W against BBᵀ and AᵀA, and the off-diagonal part of the input–output map Uᵀ(AB)V (0 = aligned).'
          : 'Per mode: a·b against the teacher’s p = a*b* and w against w* (grey long dashes), then the off-diagonal energy fraction of A, W, B in the task’s bases (0 = aligned).'}
      {params.task === 'aligned' && dashed}
      {FLOOR_HELP}
    </>
  );
  const panels: Record<ChartId, ReactNode> = {
    loss: (
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
        {ghosts.length > 0 &&
          ' Faded dotted lines: the pinned runs (their legend entries name the parameters that differ).'}
      </ChartPanel>
    ),
    agreement: (
      <ChartPanel live={live} frozen={frozen} name="agreement" title="Agreement with BPTT" figure={agreement}>
        Left: cosine between each rule’s expected update of W and the true gradient (BPTT) at the same
        weights; 1 = same direction. Right: cos(vec A, vec R), how far the readout A has turned towards RFLO’s
        feedback R.
      </ChartPanel>
    ),
    modes: (
      <ChartPanel
        live={live}
        frozen={frozen}
        name="modes"
        title="Mode convergence"
        figure={modes}
        footer={<TheoryNotes notes={notes} testId="theory-notes-modes" />}
      >
        {MODES_HELP}
      </ChartPanel>
    ),
    stability: <StabilityPanel live={live} frozen={frozen} />,
    phase: <PhasePanel live={live} frozen={frozen} heightPx={heightOf('phase')} />,
    rank: (
      <ChartPanel live={live} frozen={frozen} name="rank" title="Rank of learned changes" figure={rank}>
        Singular values σₖ/σ₁ of ΔW = W − W₀ and ΔB = B − B₀ at the latest step (log scale); the effective
        rank (Σσ)²/Σσ² and the numerical rank (count of σₖ &gt; {params.rankTol}·σ₁) of ΔW against step, with
        the bound o (RFLO’s ΔW is Rᵀ times something, so its rank ≤ o); the fraction of RFLO’s ΔW outside
        range(Rᵀ) (≈ 0 up to rounding).{FLOOR_HELP}
      </ChartPanel>
    ),
  };
  const rows = gridRows(chosen.length, large !== null);
  return (
    <div
      className="charts"
      ref={gridRef}
      data-testid="chart-grid"
      style={{ '--rows': rows } as CSSProperties}
    >
      {chosen.map((id) => (
        <div key={id} className={`chart-cell${id === large ? ' large' : ''}`} data-chart={id}>
          <ChartBoundary key={`${id}-${String(histories.length)}-${params.seed}`} name={id}>
            {panels[id]}
          </ChartBoundary>
        </div>
      ))}
    </div>
  );
}

/** The grey band of the log alignment and residual panels (issue 9): what lies in it is not signal. */
const FLOOR_HELP =
  ' Grey band: the float32 rounding floor; a value in it is zero to rounding (drawn on its edge, and hovered so).';

/** Rows of the two-column grid: the large chart takes the whole width and two rows. */
export function gridRows(count: number, hasLarge: boolean): number {
  return hasLarge ? 2 + Math.ceil((count - 1) / 2) : Math.ceil(count / 2);
}

/** The grid's gap and a card's heading (title row, padding), in px: what a figure's drawing does not get. */
const GRID_GAP_PX = 10;
const CARD_HEAD_PX = 40;

/** The chart grid's row height in px (set by CSS from the viewport), kept current; 0 before layout. */
function useGridRowPx(ref: RefObject<HTMLDivElement | null>): number {
  const [px, setPx] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setPx(Math.round(parseFloat(getComputedStyle(el).gridAutoRows) || 0));
    read();
    window.addEventListener('resize', read);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    observer?.observe(el);
    return () => {
      window.removeEventListener('resize', read);
      observer?.disconnect();
    };
  }, [ref]);
  return px;
}
