// The presets menu: the THEORY Section 5 scenarios, each just a shareable URL query (in scenario order).
// May import: ./url (to compare the current parameters with a preset's).
import type { EngineParams } from '../engine/params';
import { formatQuery, parseQuery } from './url';

export interface Preset {
  /** URL-stable id (the presets menu's option value) */
  id: string;
  /** THEORY Section 5 scenario number */
  scenario: number;
  label: string;
  /** what to look for, one sentence */
  description: string;
  /** a complete link query (defaults omitted), exactly what "Copy link" would give */
  query: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'saddle-plateau',
    scenario: 1,
    label: 'Small init: BPTT plateaus, RFLO leaves at once',
    description:
      'Aligned task, a₀ = b₀ = 0.02: BPTT and tBPTT sit on the saddle a = b = 0 before escaping; RFLO has no saddle there.',
    query:
      '?v=1&rules=bptt,tbptt,rflo&modes=2&aStar=1,0.5&bStar=1&wStar=0.5,0.8&a0=0.02&b0=0.02&w0=0&lr=0.01&steps=3000',
  },
  {
    id: 'manifold-rates',
    scenario: 2,
    label: 'Convergence rate along the optimal manifold',
    description:
      'One mode started next to the manifold point s = a = 2 (p = 1, w* = 0.5, ŵ = 0.5): the loss falls like exp(2ηλ₊t) with BPTT’s λ₊ ≈ −2.0, tBPTT’s ≈ −1.7 and RFLO’s ≈ −1.0; the stability chart shows λ₊(s) and where each run sits.',
    query:
      '?v=1&rules=bptt,tbptt,rflo&modes=1&aStar=1&bStar=1&wStar=0.5&a0=2&b0=0.5&w0=0.7&aHat=1&what=0.5&lr=0.01&steps=1000&view=stability,loss,modes&large=stability',
  },
  {
    id: 'rflo-detour',
    scenario: 3,
    label: 'RFLO’s detour to the opposite branch',
    description:
      'Start at (a, b, w) = (1, 1, 0.6) with p = 1, w* = 0.8, â = −0.3, ŵ = 0.5: BPTT and tBPTT settle nearby, RFLO’s branch â·a < 0 is unstable, so its loss rises and it crosses to a, b < 0 (see the phase portrait).',
    query:
      '?v=1&rules=bptt,tbptt,rflo&modes=1&aStar=1&bStar=1&wStar=0.8&a0=1&b0=1&w0=0.6&aHat=-0.3&what=0.5&lr=0.01&steps=1500&view=phase,loss,modes&large=phase',
  },
  {
    id: 'tbptt-vs-bptt',
    scenario: 4,
    label: 'tBPTT vs BPTT as |w*| grows',
    description:
      'Four modes with w* = 0, 0.3, 0.6, 0.9: one-step tBPTT matches BPTT at w* = 0 and falls behind as |w*| → 1.',
    query:
      '?v=1&rules=bptt,tbptt&n=4&i=4&o=4&modes=4&aStar=1&bStar=1&wStar=0,0.3,0.6,0.9&a0=0.3&b0=0.3&steps=300',
  },
  {
    id: 'emergent-alignment',
    scenario: 5,
    label: 'Emergent alignment from a random init',
    description:
      'A Gaussian student (n = i = o = 4) learns a 4-mode aligned teacher with p = 2, 1.5, 1, 0.5. Its hidden basis is not identifiable, so read the basis-free measures: BPTT, tBPTT and e-prop align (≈ 1e-3), RFLO does not (≈ 0.1).',
    query:
      '?v=1&rules=bptt,tbptt,rflo,eprop&lr=0.02&steps=2000&n=4&i=4&o=4&modes=4&aStar=2,1.5,1,0.5&bStar=1&wStar=0.2,0.4,0.6,0.8&init=random&initScale=0.1',
  },
  {
    id: 'rank-of-changes',
    scenario: 6,
    label: 'Rank of learned changes (20 seeds, heavy)',
    description:
      'Random teacher, n = 32, o = 1: RFLO’s ΔW has rank exactly 1 = o, tBPTT’s nearly so, BPTT’s is spread (effective rank 4–5).',
    query:
      '?v=1&task=random&seeds=20&rules=bptt,tbptt,rflo,eprop&n=32&i=4&o=1&teacherN=8&radius=0.8&initScale=0.1&T=20&lr=0.05&steps=3000&what=0.5',
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

let canonical: Map<string, string> | null = null;

/** The preset whose parameters equal `params` (so the menu can show it as chosen), or '' for none. */
export function matchingPresetId(params: EngineParams): string {
  // presets spell out values that are defaults today, so compare canonical forms (computed once)
  canonical ??= new Map(PRESETS.map((p) => [formatQuery(parseQuery(p.query).params), p.id]));
  return canonical.get(formatQuery(params)) ?? '';
}
