// One traced trial, drawn: the forward pass at step t (x, h, RFLO's traces), the error at T, each rule's learning
// signal at t, one synapse's per-step contributions to ΔW_ij, and ΔW per rule with its rank. Presentational only.
// May import: ./HeatMap, ./SignedBars, ./microscope-view, ../rule-style, ../RuleSwatch, engine types.
import type { EngineParams } from '../../engine/params';
import type { TrialTrace } from '../../engine/trial-trace';
import { RULE_STYLE, ruleLabel } from '../rule-style';
import { RuleSwatch } from '../RuleSwatch';
import { HeatMap } from './HeatMap';
import { contributionSummary, formatNumber, maxAbsOf, stepCaption, synapseLabel } from './microscope-view';
import { SignedBars } from './SignedBars';

interface Props {
  trace: TrialTrace;
  /** the time step shown, 1..T */
  t: number;
  params: Pick<EngineParams, 'truncation'>;
  onPick(synapse: [number, number]): void;
}

const tt = <sup>T−t</sup>;

/** What each rule keeps of BPTT's credit (one line each, under the contribution bars). */
const KEEPS = {
  bptt: <>the whole Jacobian chain (Wᵀ){tt} Aᵀε: the exact gradient of this trial</>,
  tbptt: <>the chain (Wᵀ){tt} Aᵀε for the last k steps only, nothing before</>,
  rflo: <>a decaying trace ŵ{tt} with the fixed feedback Rᵀε; the Jacobian chain is dropped</>,
  eprop: <>the chain’s diagonal diag(W){tt} Aᵀε</>,
} as const;

const all = (rows: number[][]) => rows.flat();

export function TrialView({ trace, t, params, onPick }: Props) {
  const { T, synapse } = trace;
  const scaleH = maxAbsOf(all(trace.h));
  const scaleX = maxAbsOf(all(trace.x));
  const scaleSignal = maxAbsOf(trace.rules.flatMap((r) => all(r.signal)));
  const scaleContribution = maxAbsOf(trace.rules.flatMap((r) => r.contributions));
  const label = synapseLabel(synapse);
  return (
    <div className="trial-view">
      <p className="step-caption" data-testid="microscope-caption">
        {stepCaption(trace, t)}
      </p>
      <div className="trial-grid">
        <figure>
          <figcaption>
            input x<sub>{t - 1}</sub>
          </figcaption>
          <SignedBars values={trace.x[t - 1]} max={scaleX} label={`x_${t - 1}`} testId="microscope-x" />
        </figure>
        <figure>
          <figcaption>
            hidden state h<sub>{t}</sub>
          </figcaption>
          <SignedBars values={trace.h[t]} max={scaleH} label={`h_${t}`} testId="microscope-h" />
        </figure>
        <figure>
          <figcaption>
            RFLO’s traces e<sup>W</sup>
            <sub>{t}</sub>, e<sup>B</sup>
            <sub>{t}</sub>
          </figcaption>
          <SignedBars
            values={trace.traceW[t]}
            max={maxAbsOf(all(trace.traceW))}
            color={RULE_STYLE.rflo.color}
            label={`e^W_${t}`}
            testId="microscope-trace-w"
          />
          <SignedBars
            values={trace.traceB[t]}
            max={maxAbsOf(all(trace.traceB))}
            color={RULE_STYLE.rflo.color}
            label={`e^B_${t}`}
            height={36}
          />
        </figure>
        <figure className={t === T ? 'arrived' : 'waiting'}>
          <figcaption>error at T: ε = y − y*</figcaption>
          <SignedBars values={trace.eps} label="ε" testId="microscope-eps" />
          <p className="figure-note">
            trial loss ½‖ε‖² = {formatNumber(trace.loss)}
            {t < T ? ' (arrives at T)' : ''}
          </p>
        </figure>
      </div>

      <h3>Learning signal each rule delivers to step {t}</h3>
      <div className="trial-grid">
        {trace.rules.map((r) => (
          <figure key={r.rule}>
            <figcaption>
              <RuleSwatch rule={r.rule} /> {ruleLabel(r.rule, params)}
            </figcaption>
            <SignedBars
              values={r.signal[t - 1]}
              max={scaleSignal}
              color={RULE_STYLE[r.rule].color}
              label={`${r.rule} signal at step ${t}`}
              testId={`microscope-signal-${r.rule}`}
            />
          </figure>
        ))}
      </div>

      <h3>One synapse: where {label}’s update comes from (click a cell of W)</h3>
      <div className="synapse-row">
        <figure>
          <figcaption>W of the network</figcaption>
          <HeatMap
            m={trace.W}
            label="W of the network"
            selected={synapse}
            onPick={onPick}
            testId="microscope-w"
          />
          <p className="figure-note">
            {label} = {formatNumber(trace.W[synapse[0]][synapse[1]])}
          </p>
        </figure>
        <div className="contributions">
          {trace.rules.map((r) => {
            const { sum, dW } = contributionSummary(r, synapse);
            return (
              <figure key={r.rule} data-testid={`microscope-contributions-${r.rule}`}>
                <figcaption>
                  <RuleSwatch rule={r.rule} /> {ruleLabel(r.rule, params)}: the bars sum to{' '}
                  <span data-testid={`microscope-sum-${r.rule}`}>{formatNumber(sum)}</span>; Δ{label} ={' '}
                  <span data-testid={`microscope-dw-${r.rule}`}>{formatNumber(dW)}</span>
                </figcaption>
                <SignedBars
                  values={r.contributions}
                  max={scaleContribution}
                  color={RULE_STYLE[r.rule].color}
                  width={Math.max(160, Math.min(420, 14 * T))}
                  highlight={t - 1}
                  name={(k) => `t = ${k + 1}`}
                  label={`${r.rule} contributions to Δ${label} from t = 1..${T}`}
                />
                <p className="figure-note">keeps {KEEPS[r.rule]}</p>
              </figure>
            );
          })}
        </div>
      </div>

      <h3>ΔW of this trial, per rule</h3>
      <div className="trial-grid">
        {trace.rules.map((r) => (
          <figure key={r.rule} data-testid={`microscope-dw-map-${r.rule}`}>
            <figcaption>
              <RuleSwatch rule={r.rule} /> {ruleLabel(r.rule, params)}
            </figcaption>
            <HeatMap m={r.dW} label={`ΔW of ${r.rule}`} selected={synapse} size={120} />
            <p className="figure-note" data-testid={`microscope-rank-${r.rule}`}>
              rank {r.rankW} (effective {r.effRankW.toFixed(2)})
            </p>
          </figure>
        ))}
      </div>
    </div>
  );
}
