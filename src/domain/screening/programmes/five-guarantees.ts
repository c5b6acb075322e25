// Five guarantees (food, clothing, housing, medical care, burial) for the "three noes": members
// with no ability to work, no income and no legal supporter. The living-expenses standard is
// annual per person (report: raised from 840 to 4,000); it is paid monthly.
import { atLeastOne, condition, judge, NO_VALUES } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import type { ScreeningResult } from '../result.js';

const SUPPORTER_FIELD: readonly string[] = ['hasSupporter'];

export function fiveGuarantees(facts: HouseholdFacts): ScreeningResult {
  const members = facts.unableToWorkWithoutIncome;
  const standard = facts.fiveGuaranteesStandard;
  // Annual ÷ 12 rounded to the nearest minor unit per person (4,000/year → 333.33/month).
  const monthlyPerPersonMinor = Math.round(standard.annualAmountMinor / 12);
  const { status, reasons } = judge(
    [
      condition('five_guarantees.no_legal_supporter', facts.noLegalSupporter, NO_VALUES, SUPPORTER_FIELD),
      condition(
        'five_guarantees.member_unable_to_work_without_income',
        atLeastOne(members),
        {
          members: members.known,
          annualStandardMinor: standard.annualAmountMinor,
          standardEffectiveFrom: standard.effectiveFrom,
          monthlyPerPersonMinor,
        },
        members.missing,
      ),
    ],
    members.missing,
  );
  if (status !== 'eligible') return { programme: 'five_guarantees', status, reasons, changes: [] };
  const monthlyAmountMinor = members.known * monthlyPerPersonMinor;
  return { programme: 'five_guarantees', status, monthlyAmountMinor, reasons, changes: [] };
}
