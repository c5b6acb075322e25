// The finished questionnaire as the screening rules read a household: every field present, money
// in major units (the rules convert it back to minor units with the policy's currency), and the
// documented defaults (questions.ts) for the questions that were not asked.
import {
  MONEY_MINOR_DIGITS,
  type Area,
  type Disability,
  type Hardship,
  type HousingCondition,
  type Residency,
} from './answers.js';
import { isComplete, type CompleteSheet } from './flow.js';
import { UNASKED_CAN_WORK, UNASKED_HAS_SUPPORTER, UNASKED_STUDENT } from './questions.js';
import type { QuestionnaireState } from './state.js';

export interface QuestionnaireMember {
  age: number;
  /** Major units. */
  monthlyIncome: number;
  disability: Disability;
  seriousIllness: boolean;
  student: boolean;
  canWork: boolean;
}

export interface QuestionnaireHousehold {
  area: Area;
  residency: Residency;
  members: QuestionnaireMember[];
  /** Major units, per month. */
  monthlyExpenses: { medical: number };
  /** Major units. */
  savings: number;
  hasSupporter: boolean;
  housingCondition: HousingCondition;
  recentHardship: Hardship;
}

const toMajor = (amountMinor: number) => amountMinor / 10 ** MONEY_MINOR_DIGITS;

/** The household, or null while any question that applies is unanswered. */
export function toHousehold(state: QuestionnaireState): QuestionnaireHousehold | null {
  if (!isComplete(state)) return null;
  // Read through the complete view, where only the conditional answers may be missing.
  const { answers, members }: CompleteSheet = state;
  return {
    area: answers.area,
    residency: answers.residency,
    members: members.map((member) => ({
      age: member.age,
      monthlyIncome: toMajor(member.monthlyIncome),
      disability: member.disability,
      seriousIllness: member.seriousIllness,
      student: member.student ?? UNASKED_STUDENT,
      canWork: member.canWork ?? UNASKED_CAN_WORK,
    })),
    monthlyExpenses: { medical: toMajor(answers.medicalExpenses) },
    savings: toMajor(answers.savings),
    hasSupporter: answers.hasSupporter ?? UNASKED_HAS_SUPPORTER,
    housingCondition: answers.housingCondition,
    recentHardship: answers.recentHardship,
  };
}
