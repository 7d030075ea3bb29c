// A guided card per preset (issue 9, help for a learner): what to predict before pressing Play, what to look at,
// what it means, and the chart "Show me" brings forward. The claims are THEORY's (the section is named in each).
// May import: ./url (chart ids).
import type { ChartId } from './url';

export interface PresetGuide {
  /** a question to answer before pressing Play */
  predict: string;
  /** where on the page the answer shows, and how */
  look: string;
  /** why it happens, in the theory's words */
  means: string;
  /** the chart that shows it (made visible and highlighted by "Show me") */
  chart: ChartId;
}

/** Keyed by preset id (src/state/presets.ts); a test checks every preset has one. */
export const PRESET_GUIDES: Readonly<Record<string, PresetGuide>> = {
  'saddle-plateau': {
    predict: 'a and b start at 0.02, close to zero. Will every rule’s loss start to fall at once?',
    look: 'The loss chart: BPTT and tBPTT stay flat on a plateau, then drop; RFLO’s loss falls from the first steps. In the modes chart, a·b leaves 0 late for BPTT and tBPTT.',
    means:
      'a = b = 0 is a saddle of BPTT’s and tBPTT’s learning: the update vanishes there, and they escape it only slowly, at the rates |p|/(1−wq) and |p|/√(1−wq) (THEORY 3.3). RFLO’s update of b uses the fixed feedback â instead of a, so it does not vanish at a = 0: no saddle, no plateau.',
    chart: 'loss',
  },
  'manifold-rates': {
    predict: 'Every rule starts next to the same zero-loss point, s = 2. Which one converges fastest?',
    look: 'The stability chart: each rule’s rate Re λ₊ against s, with each run’s position on it. The loss chart: straight lines on the log axis, steepest for BPTT.',
    means:
      'Near the optimal manifold the loss falls like exp(2ηλ₊t). At s = 2, BPTT’s λ₊ ≈ −2.0 is the most negative, then tBPTT’s λ₊ ≈ −1.7 and RFLO’s λ₊ ≈ −1.0. RFLO is slower than BPTT for large |s| and faster as s → 0 (THEORY 3.3).',
    chart: 'stability',
  },
  'rflo-detour': {
    predict: 'RFLO’s feedback â = −0.3 has the opposite sign to the start a₀ = 1. Where will RFLO end up?',
    look: 'The phase portrait: BPTT and tBPTT settle near the start, RFLO’s path crosses over to a, b < 0. The loss chart: RFLO’s loss rises before it falls.',
    means:
      'RFLO’s zero-loss points with â·s < 0 are unstable (a saddle where |s|³ < p²/|â|), so it has to reach the other branch of the optimal manifold, where â·s > 0 is stable (THEORY 3.3). A local rule can take the long way round.',
    chart: 'phase',
  },
  'tbptt-vs-bptt': {
    predict:
      'One-step tBPTT drops all credit older than one step. For which of the four modes (w* = 0, 0.3, 0.6, 0.9) does that matter most?',
    look: 'The modes chart, row w: at w* = 0 BPTT’s and tBPTT’s curves lie on top of each other; at w* = 0.9 tBPTT reaches w* clearly later.',
    means:
      'With w* = 0 the teacher has no memory and the truncation loses nothing: the rules are equal. As |w*| → 1 the dropped terms grow, and tBPTT is slower by a factor (1−q²) for large |s| and (1−q²)² as s → 0 (THEORY 3.3).',
    chart: 'modes',
  },
  'emergent-alignment': {
    predict:
      'The student starts from random weights, not aligned with the teacher’s modes. Will learning align it?',
    look: 'The modes chart’s basis-free measures (asymmetry of W, [W, BBᵀ], [W, AᵀA]): they fall to about 1e-3 (BPTT), 5e-3 (tBPTT) and 2e-2 (e-prop), while RFLO’s stay at 0.1 or above.',
    means:
      'The hidden basis is not identifiable (any invertible S gives the same input–output map), so alignment is measured in the student’s own terms. Gradient-like rules align the network; RFLO’s fixed random feedback does not (THEORY 3).',
    chart: 'modes',
  },
  'rank-of-changes': {
    predict:
      'The network has 32 hidden units and a single output. In how many directions will each rule change W?',
    look: 'The rank chart: the effective rank of ΔW per rule. RFLO’s sits at exactly 1, the bound o; BPTT’s grows to about 4–5; tBPTT and e-prop lie in between.',
    means:
      'Every RFLO update of W is Rᵀ times something, so ΔW has rank at most o = 1 and lies in range(Rᵀ) (THEORY 4). BPTT’s credit spreads through the powers of Wᵀ and is high-rank.',
    chart: 'rank',
  },
};
