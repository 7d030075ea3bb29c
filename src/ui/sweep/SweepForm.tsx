// The sweep form: one or two axes (parameter, range, count, log), the rules, presets, Run and Cancel.
// May import: react, ./sweep-form, engine and state ids.
import { RULE_IDS, type RuleId } from '../../engine/params';
import { MAX_AXIS_COUNT } from '../../state/sweep-grid';
import { ruleLabel } from '../rule-style';
import { type AxisDraft, axisNames, DEFAULT_DRAFT, SWEEP_PRESETS, type SweepDraft } from './sweep-form';

function AxisEditor({
  label,
  axis,
  names,
  onChange,
}: {
  label: string;
  axis: AxisDraft;
  names: string[];
  onChange: (a: AxisDraft) => void;
}) {
  const field = (key: 'from' | 'to' | 'count', title: string) => (
    <label>
      {title}{' '}
      <input
        type="text"
        inputMode="decimal"
        size={6}
        value={axis[key]}
        data-testid={`sweep-${label}-${key}`}
        onChange={(e) => onChange({ ...axis, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <fieldset className="sweep-axis">
      <legend>{label === 'x' ? 'First axis (x)' : 'Second axis (y)'}</legend>
      <label>
        Parameter{' '}
        <select
          value={axis.name}
          data-testid={`sweep-${label}-name`}
          onChange={(e) => onChange({ ...axis, name: e.target.value })}
        >
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {field('from', 'from')}
      {field('to', 'to')}
      {field('count', `count (≤ ${MAX_AXIS_COUNT})`)}
      <label>
        <input
          type="checkbox"
          checked={axis.log}
          data-testid={`sweep-${label}-log`}
          onChange={(e) => onChange({ ...axis, log: e.target.checked })}
        />{' '}
        log
      </label>
    </fieldset>
  );
}

export function SweepForm({
  draft,
  modes,
  running,
  canRun,
  onChange,
  onRun,
  onCancel,
}: {
  draft: SweepDraft;
  modes: number;
  running: boolean;
  canRun: boolean;
  onChange: (d: SweepDraft) => void;
  onRun: () => void;
  onCancel: () => void;
}) {
  const names = axisNames(modes);
  const [x, y] = draft.axes;
  const toggleRule = (rule: RuleId, on: boolean) =>
    onChange({ ...draft, rules: on ? [...draft.rules, rule] : draft.rules.filter((r) => r !== rule) });
  return (
    <form
      className="sweep-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) onRun();
      }}
    >
      <div className="sweep-presets">
        Presets:{' '}
        {SWEEP_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            data-testid={`sweep-preset-${p.id}`}
            onClick={() => onChange(p.draft)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <AxisEditor label="x" axis={x} names={names} onChange={(a) => onChange({ ...draft, axes: [a, y] })} />
      <label className="sweep-second">
        <input
          type="checkbox"
          checked={y !== null}
          data-testid="sweep-second-axis"
          onChange={(e) =>
            onChange({ ...draft, axes: [x, e.target.checked ? (DEFAULT_DRAFT.axes[1] as AxisDraft) : null] })
          }
        />{' '}
        a second axis
      </label>
      {y && (
        <AxisEditor label="y" axis={y} names={names} onChange={(a) => onChange({ ...draft, axes: [x, a] })} />
      )}
      <fieldset className="sweep-rules">
        <legend>Rules</legend>
        {RULE_IDS.map((rule) => (
          <label key={rule}>
            <input
              type="checkbox"
              checked={draft.rules.includes(rule)}
              data-testid={`sweep-rule-${rule}`}
              onChange={(e) => toggleRule(rule, e.target.checked)}
            />{' '}
            {ruleLabel(rule)}
          </label>
        ))}
      </fieldset>
      <div className="sweep-actions">
        <button type="submit" data-testid="sweep-run" disabled={running || !canRun}>
          Run sweep
        </button>
        <button type="button" data-testid="sweep-cancel" disabled={!running} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
