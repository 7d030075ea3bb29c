// Registry of learning rules keyed by their URL-stable ids.
// Imports the rule modules only.
import type { RuleId } from '../params';
import { bptt } from './bptt';
import { eprop } from './eprop';
import type { LearningRule } from './learning-rule';
import { rflo } from './rflo';
import { tbptt } from './tbptt';

export type { CreditSpec, LearningRule } from './learning-rule';
export { constantLagWeight, usesFeedback } from './learning-rule';

export const RULES: Record<RuleId, LearningRule> = { bptt, tbptt, rflo, eprop };
