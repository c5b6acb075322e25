// Housing assistance: a one-off subsidy to rebuild or repair dangerous housing for low-income
// (allowance or marginal) households. Report: district subsidy 7,000 (a rebuild costs ~40,000).
import { savingsChanges, withinMarginChanges } from '../changes.js';
import { condition, judge, NO_VALUES } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import type { Change, ScreeningResult } from '../result.js';

const HOUSING_FIELD: readonly string[] = ['housingCondition'];

export function housingAssistance(facts: HouseholdFacts): ScreeningResult {
  const { withinMargin, savingsWithinLimit } = facts.means;
  const housing = facts.household.housingCondition;
  const { status, reasons } = judge([
    condition(
      'housing_assistance.dangerous_housing',
      housing === undefined ? undefined : housing === 'dangerous',
      housing === undefined ? NO_VALUES : { housingCondition: housing },
      HOUSING_FIELD,
    ),
    withinMargin,
    savingsWithinLimit,
  ]);
  const changes: Change[] = [];
  withinMarginChanges(status, facts, changes);
  savingsChanges(status, facts, changes);
  if (status !== 'eligible') return { programme: 'housing_assistance', status, reasons, changes };
  const amountMinor = facts.compiled.policy.housingSubsidyMinor;
  return { programme: 'housing_assistance', status, amountMinor, reasons, changes };
}
