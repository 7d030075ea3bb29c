// The About panel's content: the model, each rule's update (rendered math), what the charts mean, citations.
// May import: react, ./Tex, ../rule-style. Loaded lazily (with temml) when the panel first opens.
import { RuleSwatch } from '../RuleSwatch';
import { Tex } from './Tex';

const RULES = [
  {
    rule: 'bptt' as const,
    name: 'BPTT — the exact gradient of the loss',
    tex: String.raw`\Delta W = \sum_{t=1}^{T} (W^\top)^{T-t} A^\top\, \mathbb{E}\!\left[\varepsilon_T h_{t-1}^\top\right]`,
  },
  {
    rule: 'tbptt' as const,
    name: 'Truncated BPTT, truncation k (one-step: k = 1) — keeps only the last k terms of BPTT’s sum',
    tex: String.raw`\Delta W = \sum_{t=T-k+1}^{T} (W^\top)^{T-t} A^\top\, \mathbb{E}\!\left[\varepsilon_T h_{t-1}^\top\right], \qquad k=1:\ \Delta W = A^\top\, \mathbb{E}\!\left[\varepsilon_T h_{T-1}^\top\right]`,
  },
  {
    rule: 'rflo' as const,
    name: 'RFLO — replaces the Jacobian chain by the scalar decay ŵ and Aᵀ by a fixed random feedback Rᵀ',
    tex: String.raw`\Delta W = \sum_{t=1}^{T} \hat w^{\,T-t} R^\top\, \mathbb{E}\!\left[\varepsilon_T h_{t-1}^\top\right]`,
  },
  {
    rule: 'eprop' as const,
    name: 'e-prop (Bellec et al. 2020; our reading: symmetric feedback, diagonal decay; no mode theory)',
    tex: String.raw`\Delta W = \sum_{t=1}^{T} \operatorname{diag}(W)^{T-t} A^\top\, \mathbb{E}\!\left[\varepsilon_T h_{t-1}^\top\right]`,
  },
];

export default function AboutContent() {
  return (
    <div className="about">
      <h3>The model</h3>
      <p>
        A linear recurrent network (the student) learns to imitate a teacher of the same form from white-noise
        inputs <Tex tex={String.raw`x_t \sim \mathcal{N}(0, I_i)`} />:
      </p>
      <Tex
        display
        tex={String.raw`h_0 = 0,\quad h_t = W h_{t-1} + B x_{t-1},\quad y_t = A h_t,\qquad y^*_t = A^* h^*_t`}
      />
      <p>
        with <Tex tex="n" /> hidden units, <Tex tex="i" /> inputs and <Tex tex="o" /> outputs. The loss is the
        error at the last of <Tex tex="T" /> steps (or, with “sequence”, its average over every step):
      </p>
      <Tex
        display
        tex={String.raw`L_T = \tfrac12\, \mathbb{E}\,\lVert y_T - y^*_T \rVert^2,\qquad \varepsilon_T = y_T - y^*_T .`}
      />
      <p>
        Every rule moves the weights by{' '}
        <Tex tex={String.raw`\theta \leftarrow \theta - \eta\, \Delta\theta`} /> and shares the exact, local
        readout update <Tex tex={String.raw`\Delta A = \mathbb{E}[\varepsilon_T h_T^\top]`} />. They differ in
        how they assign credit to <Tex tex="W" /> (and to <Tex tex="B" />, with <Tex tex="x_{t-1}" /> in place
        of <Tex tex="h_{t-1}" />
        ):
      </p>
      <ul className="about-rules">
        {RULES.map((r) => (
          <li key={r.rule}>
            <RuleSwatch rule={r.rule} /> <strong>{r.name}</strong>
            <Tex display tex={r.tex} />
          </li>
        ))}
      </ul>
      <p>
        On the <em>aligned</em> task teacher, student and feedback share orthogonal bases{' '}
        <Tex
          tex={String.raw`A = U\operatorname{diag}(a)P^\top,\ W = P\operatorname{diag}(w)P^\top,\ B = P\operatorname{diag}(b)V^\top`}
        />
        , and learning splits into one small system per mode <Tex tex="(a, b, w)" /> with target{' '}
        <Tex tex={String.raw`p = a^* b^*,\ q = w^*`} />. “Expected” gradients are exact averages over the
        inputs; “sampled” ones use a minibatch of sequences.
      </p>

      <h3>What the charts show</h3>
      <ul>
        <li>
          <strong>Loss</strong>: <Tex tex="L" /> against training step, log scale. Small initial weights put
          BPTT and tBPTT near the saddle <Tex tex="a = b = 0" />: a plateau. RFLO has no saddle there and
          leaves at once.
        </li>
        <li>
          <strong>Mode convergence</strong> (aligned task): <Tex tex={String.raw`a\,b \to p`} /> and{' '}
          <Tex tex={String.raw`w \to w^*`} /> per mode; and how far <Tex tex="A, W, B" /> are from diagonal in
          the task’s bases (off-diagonal energy fraction; 0 = aligned). From a random start those fractions
          cannot fall: the student’s hidden basis is not identifiable (any rotation of it computes the same
          thing), so the chart then shows measures that need no basis, each 0 when some hidden basis makes the
          student diagonal: the asymmetry{' '}
          <Tex tex={String.raw`\lVert W - W^\top\rVert / \lVert W + W^\top\rVert`} />, how far <Tex tex="W" />{' '}
          is from commuting with <Tex tex={String.raw`BB^\top`} /> and with <Tex tex={String.raw`A^\top A`} />
          , and the off-diagonal part of the input–output map <Tex tex={String.raw`U^\top (AB) V`} />. The
          random task has no bases at all: it shows the first three.
        </li>
        <li>
          <strong>Rank of learned changes</strong>: every RFLO update is <Tex tex={String.raw`R^\top`} />{' '}
          times something, so <Tex tex={String.raw`\operatorname{rank}(W_k - W_0) \le o`} />; BPTT’s changes
          spread through <Tex tex={String.raw`(W^\top)^{T-t}`} /> and are high-rank. Effective rank is{' '}
          <Tex tex={String.raw`(\sum_k \sigma_k)^2 / \sum_k \sigma_k^2`} />.
        </li>
        <li>
          <strong>Agreement with BPTT</strong>: the cosine between each rule’s update of <Tex tex="W" /> and
          the true gradient at the same weights, and{' '}
          <Tex tex={String.raw`\cos(\operatorname{vec} A, \operatorname{vec} R)`} />.
        </li>
        <li>
          <strong>Convergence rate on the optimal manifold</strong> (aligned task): on the manifold{' '}
          <Tex tex={String.raw`ab = p,\ w = w^*`} /> the loss is zero; nearby, each rule’s linearised flow
          decays at the rate <Tex tex={String.raw`\operatorname{Re}\lambda_+(s)`} /> at the point{' '}
          <Tex tex={String.raw`(s, p/s, w^*)`} />. BPTT is slowest at{' '}
          <Tex tex={String.raw`s = \pm\sqrt{|p|}`} />; RFLO’s branch with{' '}
          <Tex tex={String.raw`\hat a\, s < 0`} /> is unstable.
        </li>
        <li>
          <strong>Phase portrait</strong>: one mode’s <Tex tex="(a, b)" /> plane at <Tex tex="w = w^*" /> with
          a rule’s flow, the manifold <Tex tex="ab = p" /> and the runs’ paths. Click it to start that mode
          from there.
        </li>
      </ul>

      <h3>Theory overlays</h3>
      <p>
        On the aligned task, with an aligned student, the mode theory predicts every run of BPTT, tBPTT and
        RFLO mode by mode, and the loss and mode charts draw the prediction as thin lines in the rule’s
        colour. <em>map (finite T)</em> iterates the scalar updates of each mode with the same <Tex tex="T" />{' '}
        and <Tex tex={String.raw`\eta`} /> as the engine: with the expected gradient it matches the simulation
        to float32 precision, so the badge says “exact”. <em>ODE (T→∞)</em> is the gradient flow of the{' '}
        <Tex tex={String.raw`T \to \infty`} /> limit, plotted against{' '}
        <Tex tex={String.raw`t = \eta \times \text{step}`} />: it drops terms like{' '}
        <Tex tex={String.raw`(w^*)^T`} /> and treats <Tex tex={String.raw`\eta`} /> as infinitesimal, so it is
        always “approximate”, and it stops where <Tex tex="|w|" /> reaches 1. The badge also says
        “approximate” for the sampled gradient (minibatch noise around the prediction), and “does not apply”
        (no curve is drawn rather than a misleading one) for the random task, a randomly initialised student,
        or e-prop, which has no mode theory.
      </p>

      <h3>References</h3>
      <ul className="citations">
        <li>
          Williams, Payeur &amp; Lajoie, “Dynamics and Representation Structure of Local Approximations to
          Gradient-Based Learning in Linear Recurrent Neural Networks”, ICML 2026,{' '}
          <a href="https://arxiv.org/abs/2606.00243" target="_blank" rel="noreferrer">
            arXiv:2606.00243
          </a>
          . The setting, rules and theory this app follows.
        </li>
        <li>
          Proca, Dominé, Shanahan &amp; Mediano, “Learning dynamics in linear recurrent neural networks”, ICML
          2025,{' '}
          <a href="https://proceedings.mlr.press/v267/proca25a.html" target="_blank" rel="noreferrer">
            PMLR 267:49860–49902
          </a>
          .
        </li>
        <li>
          Murray, “Local online learning in recurrent networks with random feedback”, eLife 8:e43299, 2019,{' '}
          <a href="https://doi.org/10.7554/eLife.43299" target="_blank" rel="noreferrer">
            doi:10.7554/eLife.43299
          </a>{' '}
          (RFLO).
        </li>
        <li>
          Bellec et al., “A solution to the learning dilemma for recurrent networks of spiking neurons”,
          Nature Communications 11:3625, 2020,{' '}
          <a href="https://doi.org/10.1038/s41467-020-17236-y" target="_blank" rel="noreferrer">
            doi:10.1038/s41467-020-17236-y
          </a>{' '}
          (e-prop).
        </li>
      </ul>
    </div>
  );
}
