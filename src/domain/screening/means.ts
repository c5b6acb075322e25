// The shared means test: household income net of allowable deductions against the standard line
// (allowance) and the marginal line (special assistance), and savings against their limit.
import { decided, undecided, type Condition } from './condition.js';
import type { CompiledPolicy } from './compiled-policy.js';
import type { HouseholdMoney } from './money.js';
import type { MinimumLivingStandard, Policy } from './policy.js';

/** The decided income test, all in minor units per month for the whole household. */
export interface IncomeTest {
  readonly incomeMinor: number;
  readonly medicalDeductionMinor: number;
  /** Income net of allowable deductions, never below zero. */
  readonly countableIncomeMinor: number;
  readonly standardMinor: number;
  /** standard × members: the allowance tops countable income up to this. */
  readonly standardLineMinor: number;
  /** Highest countable income of a marginal household. */
  readonly marginalLineMinor: number;
}

export interface Means {
  /** Undefined while an answer the income test needs is missing. */
  readonly income: IncomeTest | undefined;
  readonly savings: { readonly savingsMinor: number; readonly savingsLimitMinor: number } | undefined;
  /** Countable income per member strictly below the standard (equal means nothing to top up). */
  readonly belowStandard: Condition;
  /** Countable income per member at most the marginal percentage of the standard. */
  readonly withinMargin: Condition;
  readonly savingsWithinLimit: Condition;
}

export function meansTest(
  money: HouseholdMoney,
  standard: MinimumLivingStandard | undefined,
  compiled: CompiledPolicy,
): Means {
  const members = money.incomes.length;
  const marginalIncomePercent = compiled.policy.marginalIncomePercent;
  const income = incomeTest(money, standard, compiled);
  let belowStandard: Condition;
  let withinMargin: Condition;
  if (income.decided) {
    const test = income.decided;
    const perMemberMinor = Math.round(test.countableIncomeMinor / members);
    belowStandard = decided('means.income_below_standard', test.countableIncomeMinor < test.standardLineMinor, {
      incomeMinor: test.incomeMinor,
      medicalDeductionMinor: test.medicalDeductionMinor,
      countableIncomeMinor: test.countableIncomeMinor,
      members,
      countableIncomePerMemberMinor: perMemberMinor,
      standardMinor: test.standardMinor,
    });
    withinMargin = decided('means.income_within_margin', test.countableIncomeMinor <= test.marginalLineMinor, {
      incomeMinor: test.incomeMinor,
      medicalDeductionMinor: test.medicalDeductionMinor,
      countableIncomeMinor: test.countableIncomeMinor,
      members,
      countableIncomePerMemberMinor: perMemberMinor,
      marginalIncomePercent,
      marginalLinePerMemberMinor: Math.floor((test.standardMinor * marginalIncomePercent) / 100),
    });
  } else {
    belowStandard = undecided('means.income_below_standard', income.missing);
    withinMargin = undecided('means.income_within_margin', income.missing);
  }
  const savings = savingsTest(money.savings, standard, members, compiled.policy);
  return {
    income: income.decided,
    savings: savings.decided,
    belowStandard,
    withinMargin,
    savingsWithinLimit: savings.condition,
  };
}

function incomeTest(
  { incomes, medical }: HouseholdMoney,
  standard: MinimumLivingStandard | undefined,
  { policy, deductsMedical }: CompiledPolicy,
): { decided: IncomeTest; missing?: never } | { decided?: never; missing: string[] } {
  const missing: string[] = [];
  if (!standard) missing.push('area');
  if (incomes.length === 0) missing.push('members');
  let incomeMinor = 0;
  incomes.forEach((memberIncomeMinor, i) => {
    if (memberIncomeMinor === undefined) missing.push(`members[${i}].monthlyIncome`);
    else incomeMinor += memberIncomeMinor;
  });
  if (deductsMedical && medical === undefined) missing.push('monthlyExpenses.medical');
  if (missing.length > 0 || !standard) return { missing };

  const medicalDeductionMinor = deductsMedical ? (medical ?? 0) : 0;
  const standardLineMinor = standard.amountMinor * incomes.length;
  return {
    decided: {
      incomeMinor,
      medicalDeductionMinor,
      countableIncomeMinor: Math.max(0, incomeMinor - medicalDeductionMinor),
      standardMinor: standard.amountMinor,
      standardLineMinor,
      // Income is whole minor units, so "≤ line × %" is exactly "≤ floor(line × %)".
      marginalLineMinor: Math.floor((standardLineMinor * policy.marginalIncomePercent) / 100),
    },
  };
}

function savingsTest(
  savingsMinor: number | undefined,
  standard: MinimumLivingStandard | undefined,
  members: number,
  policy: Policy,
): { decided: Means['savings']; condition: Condition } {
  if (!standard || members === 0 || savingsMinor === undefined) {
    const missing: string[] = [];
    if (!standard) missing.push('area');
    if (members === 0) missing.push('members');
    if (savingsMinor === undefined) missing.push('savings');
    return { decided: undefined, condition: undecided('means.savings_within_limit', missing) };
  }
  const savingsLimitMinor = policy.savingsLimitMonths * standard.amountMinor * members;
  return {
    decided: { savingsMinor, savingsLimitMinor },
    condition: decided('means.savings_within_limit', savingsMinor <= savingsLimitMinor, {
      savingsMinor,
      savingsLimitMinor,
      savingsLimitMonths: policy.savingsLimitMonths,
      members,
    }),
  };
}
