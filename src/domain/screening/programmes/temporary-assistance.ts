// Temporary ("emergency") assistance after sudden hardship, open to households that do not meet
// the allowance rules (the report's gap). Income test only, up to the marginal line: savings are
// not examined in an emergency. The one-off amount is months of the household's standard.
import { withinMarginChanges } from '../changes.js';
import { condition, judge, NO_VALUES } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import type { Change, ScreeningResult } from '../result.js';

const HARDSHIP_FIELD: readonly string[] = ['recentHardship'];

export function temporaryAssistance(facts: HouseholdFacts): ScreeningResult {
  const { withinMargin, income } = facts.means;
  const hardship = facts.household.recentHardship;
  const { status, reasons } = judge([
    condition(
      'temporary_assistance.recent_hardship',
      hardship === undefined ? undefined : hardship !== 'none',
      hardship === undefined ? NO_VALUES : { hardship },
      HARDSHIP_FIELD,
    ),
    withinMargin,
  ]);
  const changes: Change[] = [];
  withinMarginChanges(status, facts, changes);
  if (status !== 'eligible' || !income) {
    return { programme: 'temporary_assistance', status, reasons, changes };
  }
  const amountMinor = facts.compiled.policy.temporaryAssistanceMonths * income.standardLineMinor;
  return { programme: 'temporary_assistance', status, amountMinor, reasons, changes };
}
