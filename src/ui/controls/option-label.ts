// Display names of choice values (learning-rule ids get their rule names; other values show as they are).
// May import: engine ids and ../rule-style.
import { RULE_IDS, type RuleId } from '../../engine/params';
import { ruleLabel } from '../rule-style';

export function optionLabel(option: string): string {
  return (RULE_IDS as readonly string[]).includes(option) ? ruleLabel(option as RuleId) : option;
}
