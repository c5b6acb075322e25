// Price subsidy for allowance households, paid when prices of basic necessities rise. Its amount
// is set per price rise (report: 200,000 yuan to 11,886 urban residents in 2008), so the
// screening decides eligibility only.
import { belowStandardChanges, savingsChanges } from '../changes.js';
import { judge } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import type { Change, ScreeningResult } from '../result.js';

export function priceSubsidy(facts: HouseholdFacts): ScreeningResult {
  const { belowStandard, savingsWithinLimit } = facts.means;
  const { status, reasons } = judge([belowStandard, savingsWithinLimit]);
  const changes: Change[] = [];
  belowStandardChanges(status, facts, changes);
  savingsChanges(status, facts, changes);
  return { programme: 'price_subsidy', status, reasons, changes };
}
