// Small labelled selectors of the theory panels: which mode, which learning rule (BPTT, tBPTT, RFLO).
// May import: react, ../rule-style, src/theory types.
import { useId } from 'react';
import type { TheoryRule } from '../../theory';
import { ruleLabel } from '../rule-style';

interface ModeProps {
  modes: number;
  /** 0-based */
  value: number;
  onChange(mode: number): void;
  testId: string;
}

/** "Mode [1 ▾]": shown only when there is more than one mode. */
export function ModeSelect({ modes, value, onChange, testId }: ModeProps) {
  const id = `mode-${useId().replace(/:/g, '')}`;
  if (modes <= 1) return null;
  return (
    <span className="chart-select">
      <label htmlFor={id}>Mode</label> {/* values are the 1-based mode numbers people read */}
      <select
        id={id}
        data-testid={testId}
        value={value + 1}
        onChange={(e) => onChange(Number(e.target.value) - 1)}
      >
        {Array.from({ length: modes }, (_, m) => (
          <option key={m} value={m + 1}>
            {m + 1}
          </option>
        ))}
      </select>
    </span>
  );
}

interface RuleProps {
  rules: readonly TheoryRule[];
  value: TheoryRule;
  onChange(rule: TheoryRule): void;
  testId: string;
  /** for the labels (tBPTT names its truncation) */
  truncation: number;
  /** rules being simulated; the others are marked "(not running)" */
  running: readonly string[];
}

/** "Rule [BPTT ▾]". */
export function RuleSelect({ rules, value, onChange, testId, truncation, running }: RuleProps) {
  const id = `rule-${useId().replace(/:/g, '')}`;
  return (
    <span className="chart-select">
      <label htmlFor={id}>Rule</label>{' '}
      <select
        id={id}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value as TheoryRule)}
      >
        {rules.map((rule) => (
          <option key={rule} value={rule}>
            {ruleLabel(rule, { truncation })}
            {running.includes(rule) ? '' : ' (not running)'}
          </option>
        ))}
      </select>
    </span>
  );
}
