// A region's screening policy as data: programmes, dated standards, deductions, margins and
// special-group rules. Rules in programmes/ read these values; nothing numeric is hard-coded there.
import { assertCalendarDate } from './calendar-date.js';
import type { Area, ExpenseKind } from './household.js';

export const PROGRAMME_IDS = [
  'minimum_living_allowance',
  'five_guarantees',
  'medical_assistance',
  'education_assistance',
  'housing_assistance',
  'temporary_assistance',
  'price_subsidy',
  'employment_support',
] as const;
export type ProgrammeId = (typeof PROGRAMME_IDS)[number];

/** Groups the report singles out for raised allowances or priority. */
export type SpecialGroup =
  | 'severe_disability'
  | 'single_parent_with_students'
  | 'serious_illness'
  | 'elderly_low_income'
  | 'student'
  | 'three_noes';

/** Minimum living standard: per person per month, from `effectiveFrom` until the next one. */
export interface MinimumLivingStandard {
  readonly area: Area;
  readonly amountMinor: number;
  readonly effectiveFrom: string;
}

/** Five-guarantees living expenses: per person per year, from `effectiveFrom`. */
export interface FiveGuaranteesStandard {
  readonly annualAmountMinor: number;
  readonly effectiveFrom: string;
}

export interface Policy {
  readonly region: string;
  /** ISO 4217; every amount in the policy is in its minor units. */
  readonly currency: string;
  /** Programmes the region runs, in the order results are returned. */
  readonly programmes: readonly ProgrammeId[];
  readonly minimumLivingStandards: readonly MinimumLivingStandard[];
  readonly fiveGuaranteesStandards: readonly FiveGuaranteesStandard[];
  /** Expenses subtracted from household income before the means test. */
  readonly deductibleExpenses: readonly ExpenseKind[];
  /** Savings above this many months of the standard, per member, fail the means test. */
  readonly savingsLimitMonths: number;
  /** Marginal households: countable income per member up to this % of the standard. */
  readonly marginalIncomePercent: number;
  readonly housingSubsidyMinor: number;
  /** One-off temporary assistance, in months of the household's standard. */
  readonly temporaryAssistanceMonths: number;
  /** Members in these groups raise the monthly allowance by `specialGroupRaisePercent` of the standard. */
  readonly raisedSpecialGroups: readonly SpecialGroup[];
  readonly specialGroupRaisePercent: number;
  readonly elderlyFromAge: number;
  readonly adultFromAge: number;
  /** Inclusive ages at which employment support is offered. */
  readonly workingAge: { readonly from: number; readonly to: number };
}

/**
 * The report's example district (currency CNY). Sources, see docs/screening.md:
 * - 400 urban / 200 rural per person per month, 4,000 per person per year five-guarantees living
 *   expenses, 7,000 housing subsidy, medical expenses considered in the income test: the report.
 * - The earlier standards (urban 185, rural 100, five-guarantees 840/year) and every effective
 *   date: illustrative. The report gives the raise without dates and its earlier figures are
 *   garbled in the source text ("1.85 yuan", "1.999"), except 840/year.
 * - Margins, limits, ages and the raise percentage: documented assumptions.
 */
export const defaultPolicy: Policy = {
  region: 'example-district',
  currency: 'CNY',
  programmes: PROGRAMME_IDS,
  minimumLivingStandards: [
    { area: 'urban', amountMinor: 185_00, effectiveFrom: '1999-01-01' },
    { area: 'rural', amountMinor: 100_00, effectiveFrom: '1999-01-01' },
    { area: 'urban', amountMinor: 400_00, effectiveFrom: '2008-07-01' },
    { area: 'rural', amountMinor: 200_00, effectiveFrom: '2008-07-01' },
  ],
  fiveGuaranteesStandards: [
    { annualAmountMinor: 840_00, effectiveFrom: '1999-01-01' },
    { annualAmountMinor: 4_000_00, effectiveFrom: '2008-07-01' },
  ],
  // The report's central reform: "reasonably consider expenditure factors" (illness costs).
  deductibleExpenses: ['medical'],
  savingsLimitMonths: 12,
  marginalIncomePercent: 150,
  housingSubsidyMinor: 7_000_00,
  temporaryAssistanceMonths: 3,
  // The groups whose "low-income pensions" the report says were raised "in different proportions".
  raisedSpecialGroups: [
    'severe_disability',
    'single_parent_with_students',
    'serious_illness',
    'elderly_low_income',
    'three_noes',
  ],
  specialGroupRaisePercent: 10,
  elderlyFromAge: 60,
  adultFromAge: 18,
  workingAge: { from: 16, to: 59 },
};

/** A copy of `policy` with one more minimum living standard (e.g. a newly announced raise). */
export function withStandard(policy: Policy, standard: MinimumLivingStandard): Policy {
  assertCalendarDate(standard.effectiveFrom, 'effectiveFrom');
  assertPositiveMinor(standard.amountMinor, 'amountMinor');
  const clash = policy.minimumLivingStandards.some(
    (s) => s.area === standard.area && s.effectiveFrom === standard.effectiveFrom,
  );
  if (clash) {
    throw new RangeError(
      `a ${standard.area} standard already takes effect on ${standard.effectiveFrom}`,
    );
  }
  return { ...policy, minimumLivingStandards: [...policy.minimumLivingStandards, standard] };
}

export function assertPositiveMinor(amountMinor: number, what: string): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new RangeError(`${what} must be a positive integer in minor units, got ${amountMinor}`);
  }
}
