// Minimum living allowance: a monthly top-up of the household's countable income (after allowable
// medical costs, the report's reform) to standard × members. Income per member equal to the
// standard leaves nothing to top up, so only income strictly below it qualifies.
import { belowStandardChanges, savingsChanges } from '../changes.js';
import { judge } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import { percentOf } from '../money.js';
import type { Change, ScreeningResult } from '../result.js';

export function minimumLivingAllowance(facts: HouseholdFacts): ScreeningResult {
  const { belowStandard, savingsWithinLimit, income } = facts.means;
  const raised = facts.raisedMembers;
  const { status, reasons } = judge([belowStandard, savingsWithinLimit], raised.missing);
  const changes: Change[] = [];
  belowStandardChanges(status, facts, changes);
  savingsChanges(status, facts, changes);
  if (status !== 'eligible' || !income) {
    return { programme: 'minimum_living_allowance', status, reasons, changes };
  }

  // The report raises special groups' allowances "in different proportions" without the figures:
  // the policy gives one percentage of the standard per raised member.
  const raisePercent = facts.compiled.policy.specialGroupRaisePercent;
  const raisePerMemberMinor = percentOf(income.standardMinor, raisePercent);
  if (raised.known > 0) {
    reasons.push({
      rule: 'minimum_living_allowance.special_group_raise',
      passed: true,
      values: { members: raised.known, raisePercent, raisePerMemberMinor },
    });
  }
  const topUpMinor = income.standardLineMinor - income.countableIncomeMinor;
  const monthlyAmountMinor = topUpMinor + raised.known * raisePerMemberMinor;
  return { programme: 'minimum_living_allowance', status, monthlyAmountMinor, reasons, changes };
}
