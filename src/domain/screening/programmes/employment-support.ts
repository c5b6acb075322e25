// Employment support (training, job leads: the report's "blood transfusion into hematopoiesis")
// for members of working age who can work, in allowance or marginal households. A service, no amount.
import { savingsChanges, withinMarginChanges } from '../changes.js';
import { atLeastOne, condition, judge } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import type { Change, ScreeningResult } from '../result.js';

export function employmentSupport(facts: HouseholdFacts): ScreeningResult {
  const { withinMargin, savingsWithinLimit } = facts.means;
  const able = facts.ableOfWorkingAge;
  const { from, to } = facts.compiled.policy.workingAge;
  const { status, reasons } = judge([
    condition(
      'employment_support.able_member_of_working_age',
      atLeastOne(able),
      { members: able.known, fromAge: from, toAge: to },
      able.missing,
    ),
    withinMargin,
    savingsWithinLimit,
  ]);
  const changes: Change[] = [];
  withinMarginChanges(status, facts, changes);
  savingsChanges(status, facts, changes);
  return { programme: 'employment_support', status, reasons, changes };
}
