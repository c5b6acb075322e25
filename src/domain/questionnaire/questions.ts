// The screening questions as data, in the order they are asked. The bot words each one through
// the locale key `questionnaire.question.<id>` and its buttons through the option codes; nothing
// here is chat wording. A question with `askIf` is asked only when it can matter; when it is not
// asked, the household gets the documented default below.
import {
  AGE_RANGE,
  AREAS,
  DISABILITIES,
  HARDSHIPS,
  HOUSING_CONDITIONS,
  MAX_MEMBERS,
  MAX_MONEY_MINOR,
  RESIDENCIES,
  YES_NO,
  type AnswerSheet,
  type HouseholdAnswers,
  type MemberAnswers,
} from './answers.js';

/** Asked after each member; "yes" adds a member, "no" closes the list. Not a household fact. */
export const ANOTHER_MEMBER = 'anotherMember';

export type HouseholdQuestionId = Exclude<keyof HouseholdAnswers, typeof ANOTHER_MEMBER>;
export type MemberQuestionId = keyof MemberAnswers | typeof ANOTHER_MEMBER;
export type QuestionType = 'choice' | 'yes_no' | 'money' | 'whole_number';

type AnswerKind =
  | { readonly type: 'choice'; readonly options: readonly string[] }
  | { readonly type: 'yes_no'; readonly options: typeof YES_NO }
  /** Limits in minor units. */
  | { readonly type: 'money'; readonly validation: { readonly maxMinor: number } }
  | { readonly type: 'whole_number'; readonly validation: { readonly min: number; readonly max: number } };

export type HouseholdQuestion = AnswerKind & {
  readonly id: HouseholdQuestionId;
  readonly scope: 'household';
  readonly askIf?: (sheet: AnswerSheet) => boolean;
};

export type MemberQuestion = AnswerKind & {
  readonly id: MemberQuestionId;
  readonly scope: 'member';
  readonly askIf?: (sheet: AnswerSheet, memberIndex: number) => boolean;
};

export type Question = HouseholdQuestion | MemberQuestion;

/** Inclusive ages at which a person is asked whether they can work. */
export const WORKING_AGE = { from: 16, to: 64 } as const;
/** Inclusive ages at which a person is asked whether they are in school or higher education. */
export const STUDENT_AGE = { from: 6, to: 25 } as const;

/** Children and the elderly are not expected to work: they count as unable (five guarantees). */
export const UNASKED_CAN_WORK = false;
/** Outside school and university age nobody is counted as a student (education assistance). */
export const UNASKED_STUDENT = false;
/**
 * Asked only when no member can work, because only then can the "three noes" (no ability to work,
 * no income, no legal supporter) hold. Otherwise the answer cannot change any outcome, and `true`
 * is the value that claims nothing.
 */
export const UNASKED_HAS_SUPPORTER = true;

const MONEY = { type: 'money', validation: { maxMinor: MAX_MONEY_MINOR } } as const;
const YES_OR_NO = { type: 'yes_no', options: YES_NO } as const;

function ageWithin(range: { from: number; to: number }) {
  return (sheet: AnswerSheet, memberIndex: number): boolean => {
    const age = sheet.members[memberIndex]?.age;
    return age !== undefined && age >= range.from && age <= range.to;
  };
}

/** Keyed by id; the mapped type makes each key agree with its question's id. */
export const HOUSEHOLD_QUESTIONS: { readonly [Id in HouseholdQuestionId]: HouseholdQuestion & { readonly id: Id } } = {
  area: { id: 'area', scope: 'household', type: 'choice', options: AREAS },
  residency: { id: 'residency', scope: 'household', type: 'choice', options: RESIDENCIES },
  /** Out-of-pocket medical costs per month. */
  medicalExpenses: { id: 'medicalExpenses', scope: 'household', ...MONEY },
  savings: { id: 'savings', scope: 'household', ...MONEY },
  hasSupporter: {
    id: 'hasSupporter',
    scope: 'household',
    ...YES_OR_NO,
    askIf: (sheet) => sheet.members.every((member) => member.canWork !== true),
  },
  housingCondition: { id: 'housingCondition', scope: 'household', type: 'choice', options: HOUSING_CONDITIONS },
  recentHardship: { id: 'recentHardship', scope: 'household', type: 'choice', options: HARDSHIPS },
};

export const MEMBER_QUESTIONS: { readonly [Id in MemberQuestionId]: MemberQuestion & { readonly id: Id } } = {
  age: { id: 'age', scope: 'member', type: 'whole_number', validation: { min: AGE_RANGE.min, max: AGE_RANGE.max } },
  /** From all sources, per month. */
  monthlyIncome: { id: 'monthlyIncome', scope: 'member', ...MONEY },
  canWork: { id: 'canWork', scope: 'member', ...YES_OR_NO, askIf: ageWithin(WORKING_AGE) },
  disability: { id: 'disability', scope: 'member', type: 'choice', options: DISABILITIES },
  seriousIllness: { id: 'seriousIllness', scope: 'member', ...YES_OR_NO },
  student: { id: 'student', scope: 'member', ...YES_OR_NO, askIf: ageWithin(STUDENT_AGE) },
  anotherMember: {
    id: ANOTHER_MEMBER,
    scope: 'member',
    ...YES_OR_NO,
    askIf: (_sheet, memberIndex) => memberIndex < MAX_MEMBERS - 1,
  },
};

const H = HOUSEHOLD_QUESTIONS;
const M = MEMBER_QUESTIONS;

/** Asked once, before the members. */
export const OPENING_QUESTIONS: readonly HouseholdQuestion[] = [H.area, H.residency];
/** Asked for each member in turn; the last one decides whether another member follows. */
export const MEMBER_LOOP: readonly MemberQuestion[] = [
  M.age,
  M.monthlyIncome,
  M.canWork,
  M.disability,
  M.seriousIllness,
  M.student,
  M.anotherMember,
];
/** Asked once, after the members. */
export const CLOSING_QUESTIONS: readonly HouseholdQuestion[] = [
  H.medicalExpenses,
  H.savings,
  H.hasSupporter,
  H.housingCondition,
  H.recentHardship,
];

export function isHouseholdQuestionId(id: string): id is HouseholdQuestionId {
  return Object.hasOwn(HOUSEHOLD_QUESTIONS, id);
}

export function isMemberQuestionId(id: string): id is MemberQuestionId {
  return Object.hasOwn(MEMBER_QUESTIONS, id);
}
