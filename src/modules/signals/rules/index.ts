import type { SignalRule } from '../signal.rule.js';
import { allocationEndingRule } from './allocation-ending.rule.js';
import { callbackOverdueRule } from './callback-overdue.rule.js';
import { careNotStartedRule } from './care-not-started.rule.js';
import { caseDeadlineRule } from './case-deadline.rule.js';
import { commitmentOverBudgetRule } from './commitment-over-budget.rule.js';
import { debtFirstConversationRule } from './debt-first-conversation.rule.js';
import { directAccessEndingRule } from './direct-access-ending.rule.js';
import { openCaseWithoutContactPersonRule } from './open-case-without-contact-person.rule.js';
import { overlappingAllocationsRule } from './overlapping-allocations.rule.js';
import { pwIncomeAboveNormRule } from './pw-income-above-norm.rule.js';
import { pwIncomeStatementMissingRule } from './pw-income-statement-missing.rule.js';
import { pwPaidAfterEndRule } from './pw-paid-after-end.rule.js';
import { pwAdvanceOverdueRule } from './pw-advance-overdue.rule.js';
import { pwReexaminationDueRule } from './pw-reexamination-due.rule.js';

/** Every rule. Adding a rule is adding a file and a line here. */
export const signalRules: readonly SignalRule[] = [
  caseDeadlineRule,
  directAccessEndingRule,
  allocationEndingRule,
  careNotStartedRule,
  overlappingAllocationsRule,
  commitmentOverBudgetRule,
  openCaseWithoutContactPersonRule,
  callbackOverdueRule,
  pwReexaminationDueRule,
  pwIncomeStatementMissingRule,
  pwPaidAfterEndRule,
  pwIncomeAboveNormRule,
  pwAdvanceOverdueRule,
  debtFirstConversationRule,
];

export function findRule(id: string): SignalRule | undefined {
  return signalRules.find((r) => r.id === id);
}

/** The ids in `ids` that name no rule. */
export function unknownRuleIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !findRule(id));
}
