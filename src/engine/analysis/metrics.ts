// Per-run metrics at one reporting step, computed on plain float64 arrays read back from the engine.
// Imports only the analysis modules, ../linalg and engine types.
import type { Matrix } from '../linalg';
import { singularValuesOfChange } from './spectrum';
import type { Weights } from '../network';
import type { Bases } from '../tasks';
import { type Alignment, alignment, type ModeValues, readModes } from './modes';
import { type BasisFree, basisFree } from './basis-free';
import { cosine, effectiveRank, numericalRank, residualOutsideOfChange } from './rank';

export interface RunMetrics {
  /** exact expected loss at the current weights; null when not finite */
  loss: number | null;
  /** per-mode a, b, w read in the task's bases (aligned task only) */
  modes: ModeValues | null;
  /** off-diagonal energy fractions in the task's bases (aligned task only) */
  alignment: Alignment | null;
  /** basis-free alignment (THEORY 3): asymmetry of W, W against BBᵀ and AᵀA, the I/O map's off-diagonal part */
  basisFree: BasisFree | null;
  /** singular values of ΔW = W − W0 and ΔB = B − B0, largest first */
  sigmaW: number[];
  sigmaB: number[];
  rankW: number | null;
  effRankW: number | null;
  rankB: number | null;
  effRankB: number | null;
  /** RFLO only: ‖(I − Π_R) ΔW‖_F / ‖ΔW‖_F, the part of ΔW outside range(Rᵀ) */
  residualR: number | null;
  /** cosine between this rule's expected ΔW and the BPTT gradient at the same weights */
  cosBptt: number | null;
  /** cos(vec A, vec R) */
  cosAR: number;
}

export interface MetricInputs {
  current: Weights;
  initial: Weights;
  R: Matrix;
  /** orthonormal basis of range(Rᵀ) for RFLO runs, else null */
  feedbackBasis: Matrix | null;
  bases: Bases | null;
  modes: number;
  rankTol: number;
  loss: number;
  cosBptt: number;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const allFinite = (m: Matrix) => m.every((row) => row.every(Number.isFinite));

export function runMetrics(inp: MetricInputs): RunMetrics {
  const { current, initial } = inp;
  const healthy = allFinite(current.A) && allFinite(current.W) && allFinite(current.B);
  const sigmaW = healthy ? singularValuesOfChange(current.W, initial.W) : [];
  const sigmaB = healthy ? singularValuesOfChange(current.B, initial.B) : [];
  return {
    loss: finite(inp.loss),
    modes: healthy && inp.bases ? readModes(current, inp.bases, inp.modes) : null,
    alignment: healthy && inp.bases ? alignment(current, inp.bases, inp.R) : null,
    basisFree: healthy ? basisFree(current, inp.bases) : null,
    sigmaW,
    sigmaB,
    rankW: healthy ? numericalRank(sigmaW, inp.rankTol) : null,
    effRankW: healthy ? effectiveRank(sigmaW) : null,
    rankB: healthy ? numericalRank(sigmaB, inp.rankTol) : null,
    effRankB: healthy ? effectiveRank(sigmaB) : null,
    residualR:
      healthy && inp.feedbackBasis ? residualOutsideOfChange(current.W, initial.W, inp.feedbackBasis) : null,
    cosBptt: finite(inp.cosBptt),
    cosAR: healthy ? cosine(current.A, inp.R) : 0,
  };
}
