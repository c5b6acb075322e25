// Education assistance for student members of allowance or marginal households (the report
// unties special assistance from the allowance itself). Grants are set per school year, so the
// screening decides eligibility only (report: 1,162 grants, 1.09 million yuan in a year).
import { savingsChanges, withinMarginChanges } from '../changes.js';
import { atLeastOne, condition, judge } from '../condition.js';
import type { HouseholdFacts } from '../facts.js';
import type { Change, ScreeningResult } from '../result.js';

export function educationAssistance(facts: HouseholdFacts): ScreeningResult {
  const { withinMargin, savingsWithinLimit } = facts.means;
  const students = facts.students;
  const { status, reasons } = judge([
    condition(
      'education_assistance.student_member',
      atLeastOne(students),
      { students: students.known },
      students.missing,
    ),
    withinMargin,
    savingsWithinLimit,
  ]);
  const changes: Change[] = [];
  withinMarginChanges(status, facts, changes);
  savingsChanges(status, facts, changes);
  return { programme: 'education_assistance', status, reasons, changes };
}
