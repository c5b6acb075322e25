// What would change a means-tested outcome, derived from the same numbers the rules compared.
// Not eligible: what each failed test would need. Eligible: what would make a passed test fail.
// Amounts are household monthly totals in minor units; income is gross (before the deduction).
import type { HouseholdFacts } from './facts.js';
import type { Change, ScreeningStatus } from './result.js';

export function belowStandardChanges(status: ScreeningStatus, facts: HouseholdFacts, into: Change[]): void {
  const { income, belowStandard } = facts.means;
  if (!income) return;
  const incomeBound = income.standardLineMinor + income.medicalDeductionMinor;
  if (status === 'eligible' && belowStandard.passed) {
    into.push({ code: 'income_at_least', amountMinor: incomeBound });
  } else if (status === 'not_eligible' && belowStandard.passed === false) {
    into.push({ code: 'income_below', amountMinor: incomeBound });
    // Strictly below the line: one minor unit more of deductible costs than the excess.
    const excessMinor = income.incomeMinor - income.standardLineMinor;
    if (facts.compiled.deductsMedical) {
      into.push({ code: 'medical_costs_at_least', amountMinor: excessMinor + 1 });
    }
  }
}

export function withinMarginChanges(status: ScreeningStatus, facts: HouseholdFacts, into: Change[]): void {
  const { income, withinMargin } = facts.means;
  if (!income) return;
  const incomeBound = income.marginalLineMinor + income.medicalDeductionMinor;
  if (status === 'eligible' && withinMargin.passed) {
    into.push({ code: 'income_above', amountMinor: incomeBound });
  } else if (status === 'not_eligible' && withinMargin.passed === false) {
    into.push({ code: 'income_at_most', amountMinor: incomeBound });
    const excessMinor = income.incomeMinor - income.marginalLineMinor;
    if (facts.compiled.deductsMedical) into.push({ code: 'medical_costs_at_least', amountMinor: excessMinor });
  }
}

export function savingsChanges(status: ScreeningStatus, facts: HouseholdFacts, into: Change[]): void {
  const { savings, savingsWithinLimit } = facts.means;
  if (!savings) return;
  if (status === 'eligible' && savingsWithinLimit.passed) {
    into.push({ code: 'savings_above', amountMinor: savings.savingsLimitMinor });
  } else if (status === 'not_eligible' && savingsWithinLimit.passed === false) {
    into.push({ code: 'savings_at_most', amountMinor: savings.savingsLimitMinor });
  }
}
