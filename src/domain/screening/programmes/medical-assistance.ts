// Medical assistance for serious illness or medical costs, open to allowance households and, as
// the report proposes, to marginal households just above the line.
import { savingsChanges, withinMarginChanges } from '../changes.js';
import { atLeastOne, condition, judge, or } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import type { Change, ReasonValues, ScreeningResult } from '../result.js';

const MEDICAL_FIELD = 'monthlyExpenses.medical';

export function medicalAssistance(facts: HouseholdFacts): ScreeningResult {
  const { withinMargin, savingsWithinLimit } = facts.means;
  const ill = facts.seriouslyIll;
  const medicalMinor = facts.medicalMinor;
  const need = or(atLeastOne(ill), medicalMinor === undefined ? undefined : medicalMinor > 0);
  const values: ReasonValues =
    medicalMinor === undefined
      ? { seriouslyIllMembers: ill.known }
      : { seriouslyIllMembers: ill.known, medicalCostsMinor: medicalMinor };
  const missing = medicalMinor === undefined ? [...ill.missing, MEDICAL_FIELD] : ill.missing;
  const { status, reasons } = judge([
    condition('medical_assistance.medical_need', need, values, missing),
    withinMargin,
    savingsWithinLimit,
  ]);
  const changes: Change[] = [];
  withinMarginChanges(status, facts, changes);
  savingsChanges(status, facts, changes);
  return { programme: 'medical_assistance', status, reasons, changes };
}
