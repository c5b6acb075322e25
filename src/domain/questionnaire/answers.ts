// What the questionnaire stores: answers already parsed (money in integer minor units, yes/no as
// booleans, choices as option codes), in plain objects so a session can keep them as JSON. The zod
// schemas are the single definition of a valid stored answer; restore.ts checks sessions with them.
import { z } from 'zod';
import { DEFAULT_MAX_MAJOR } from '../input/numbers.js';

export const AREAS = ['urban', 'rural'] as const;
export const RESIDENCIES = ['local', 'newcomer'] as const;
export const DISABILITIES = ['none', 'moderate', 'severe'] as const;
export const HOUSING_CONDITIONS = ['safe', 'dangerous'] as const;
export const HARDSHIPS = ['none', 'illness', 'disaster', 'accident', 'other'] as const;
export const YES_NO = ['yes', 'no'] as const;

export type Area = (typeof AREAS)[number];
export type Residency = (typeof RESIDENCIES)[number];
export type Disability = (typeof DISABILITIES)[number];
export type HousingCondition = (typeof HOUSING_CONDITIONS)[number];
export type Hardship = (typeof HARDSHIPS)[number];

/** The programme's currency (CNY) has two decimal digits. */
export const MONEY_MINOR_DIGITS = 2;
export const MAX_MONEY_MINOR = DEFAULT_MAX_MAJOR * 10 ** MONEY_MINOR_DIGITS;
/** Ages above this are typing mistakes (the oldest person on record reached 122). */
export const AGE_RANGE = { min: 0, max: 120 } as const;
/** Larger households are data-entry mistakes; each member costs six to eight messages. */
export const MAX_MEMBERS = 12;

const moneyMinor = z.number().int().min(0).max(MAX_MONEY_MINOR);

export const householdAnswersSchema = z.strictObject({
  area: z.enum(AREAS).optional(),
  residency: z.enum(RESIDENCIES).optional(),
  /** "Add another member?" answered no for the last member: the member list is closed. */
  anotherMember: z.literal(false).optional(),
  medicalExpenses: moneyMinor.optional(),
  savings: moneyMinor.optional(),
  hasSupporter: z.boolean().optional(),
  housingCondition: z.enum(HOUSING_CONDITIONS).optional(),
  recentHardship: z.enum(HARDSHIPS).optional(),
});

export const memberAnswersSchema = z.strictObject({
  age: z.number().int().min(AGE_RANGE.min).max(AGE_RANGE.max).optional(),
  monthlyIncome: moneyMinor.optional(),
  canWork: z.boolean().optional(),
  disability: z.enum(DISABILITIES).optional(),
  seriousIllness: z.boolean().optional(),
  student: z.boolean().optional(),
});

export type HouseholdAnswers = z.infer<typeof householdAnswersSchema>;
export type MemberAnswers = z.infer<typeof memberAnswersSchema>;
export type AnswerValue = string | number | boolean;

/** The answers a condition (`askIf`) may read. */
export interface AnswerSheet {
  readonly answers: HouseholdAnswers;
  readonly members: readonly MemberAnswers[];
}
