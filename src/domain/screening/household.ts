// The household as the applicant describes it: the chat questionnaire fills it in step by step and
// the operator CLI reads it from JSON. Every answer is optional so that a half-finished
// questionnaire can be screened: a rule whose answer is missing reports `needs_info`.
import { z } from 'zod';

/** Upper bound for any money answer (major units). Keeps minor-unit sums far inside safe integers. */
export const MAX_AMOUNT_MAJOR = 10_000_000_000;
/** Upper bound on household size; larger "households" are data-entry mistakes. */
export const MAX_MEMBERS = 50;
export const MAX_AGE = 130;

/** Residency when the answer is missing. Newcomers are screened by the same rules (the report:
 * immigrants are covered); they are only asked for a proof of residence. */
export const DEFAULT_RESIDENCY: Residency = 'local';

const amountMajor = z
  .number({ error: 'expected an amount ≥ 0' })
  .min(0, { error: 'expected an amount ≥ 0' })
  .max(MAX_AMOUNT_MAJOR, { error: `expected an amount ≤ ${MAX_AMOUNT_MAJOR}` });

const yesNo = z.boolean({ error: 'expected true or false' });

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of: ${values.join(', ')}` });
}

export const memberSchema = z.strictObject({
  age: z
    .number({ error: 'expected a number ≥ 0' })
    .int({ error: 'expected a whole number of years' })
    .min(0, { error: 'expected a number ≥ 0' })
    .max(MAX_AGE, { error: `expected a number ≤ ${MAX_AGE}` })
    .optional(),
  /** Monthly income from all sources, major units. */
  monthlyIncome: amountMajor.optional(),
  disability: oneOf(['none', 'moderate', 'severe']).optional(),
  seriousIllness: yesNo.optional(),
  /** In school or higher education. */
  student: yesNo.optional(),
  canWork: yesNo.optional(),
});

export const householdSchema = z.strictObject({
  area: oneOf(['urban', 'rural']).optional(),
  members: z
    .array(memberSchema, { error: 'expected a list of members' })
    .min(1, { error: 'expected at least one member' })
    .max(MAX_MEMBERS, { error: `expected at most ${MAX_MEMBERS} members` })
    .optional(),
  monthlyExpenses: z
    .strictObject(
      {
        /** Out-of-pocket medical costs per month (after insurance), major units. */
        medical: amountMajor.optional(),
      },
      { error: 'expected an object' },
    )
    .optional(),
  /** Household savings and deposits, major units. */
  savings: amountMajor.optional(),
  /** A legal supporter (spouse, adult child, parent) able to support the household exists. */
  hasSupporter: yesNo.optional(),
  housingCondition: oneOf(['safe', 'dangerous']).optional(),
  /** Sudden hardship in recent months. */
  recentHardship: oneOf(['none', 'illness', 'disaster', 'accident', 'other']).optional(),
  residency: oneOf(['local', 'newcomer']).optional(),
}, { error: 'expected an object' });

export type Household = z.infer<typeof householdSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Area = NonNullable<Household['area']>;
export type Residency = NonNullable<Household['residency']>;
export type Hardship = NonNullable<Household['recentHardship']>;
export type ExpenseKind = keyof NonNullable<Household['monthlyExpenses']>;
