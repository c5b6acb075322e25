// Shared by the questionnaire tests: answering a script of inputs, and the household shape the
// screening engine expects (every field required, as the questionnaire promises).
import { expect } from 'vitest';
import { z } from 'zod';
import { answer, currentQuestion, type QuestionnaireState } from '../../../src/domain/questionnaire/index.js';

/** [question asked (`id` or `id#memberIndex`), input], in order. */
export type Script = readonly (readonly [string, string])[];

// A 70-year-old living alone: "can work?" and "student?" are not asked, so "legal supporter?" is.
export const ONE_MEMBER: Script = [
  ['area', 'rural'],
  ['residency', 'newcomer'],
  ['age#0', '70'],
  ['monthlyIncome#0', '¥300'],
  ['disability#0', 'moderate'],
  ['seriousIllness#0', 'yes'],
  ['anotherMember#0', 'no'],
  ['medicalExpenses', '250.50'],
  ['savings', '1 000'],
  ['hasSupporter', 'no'],
  ['housingCondition', 'dangerous'],
  ['recentHardship', 'illness'],
];

// A working mother, a 19-year-old student who can work, a 9-year-old child.
export const THREE_MEMBERS: Script = [
  ['area', 'urban'],
  ['residency', 'local'],
  ['age#0', '42'],
  ['monthlyIncome#0', '1.800,00'],
  ['canWork#0', 'yes'],
  ['disability#0', 'none'],
  ['seriousIllness#0', 'no'],
  ['anotherMember#0', 'yes'],
  ['age#1', '١٩'],
  ['monthlyIncome#1', '0'],
  ['canWork#1', 'yes'],
  ['disability#1', 'none'],
  ['seriousIllness#1', 'no'],
  ['student#1', 'yes'],
  ['anotherMember#1', 'yes'],
  ['age#2', '９'],
  ['monthlyIncome#2', '0'],
  ['disability#2', 'severe'],
  ['seriousIllness#2', 'yes'],
  ['student#2', 'yes'],
  ['anotherMember#2', 'no'],
  ['medicalExpenses', '600元'],
  ['savings', '2000'],
  ['housingCondition', 'safe'],
  ['recentHardship', 'none'],
];

export const inputsOf = (script: Script): string[] => script.map(([, input]) => input);

/** Answers each input in turn; fails the test on the first refused one. */
export function answerAll(state: QuestionnaireState, inputs: readonly string[]): QuestionnaireState {
  return inputs.reduce((current, input) => {
    const result = answer(current, input);
    if (!result.ok) throw new Error(`"${input}" refused at ${JSON.stringify(current.position)}: ${result.error}`);
    return result.state;
  }, state);
}

/** The question being asked, as `id` or `id#memberIndex`, or "review". */
export function asked(state: QuestionnaireState): string {
  const current = currentQuestion(state);
  if (!current) return 'review';
  return current.memberIndex === undefined ? current.question.id : `${current.question.id}#${current.memberIndex}`;
}

export const householdShape = z.strictObject({
  area: z.enum(['urban', 'rural']),
  residency: z.enum(['local', 'newcomer']),
  members: z
    .array(
      z.strictObject({
        age: z.number().int().min(0),
        monthlyIncome: z.number().min(0),
        disability: z.enum(['none', 'moderate', 'severe']),
        seriousIllness: z.boolean(),
        student: z.boolean(),
        canWork: z.boolean(),
      }),
    )
    .min(1)
    .max(12),
  monthlyExpenses: z.strictObject({ medical: z.number().min(0) }),
  savings: z.number().min(0),
  hasSupporter: z.boolean(),
  housingCondition: z.enum(['safe', 'dangerous']),
  recentHardship: z.enum(['none', 'illness', 'disaster', 'accident', 'other']),
});

export function expectValidHousehold(household: unknown): void {
  expect(householdShape.safeParse(household).success).toBe(true);
}
