// Sessions are read back from the database: they may come from an older release, or be damaged.
// A state is accepted only if its shape and every answer are valid; it is then settled against
// the current questions (an answer made moot by a rule change is dropped). Anything else gives
// null, and the caller starts the questionnaire afresh.
import { z } from 'zod';
import { householdAnswersSchema, MAX_MEMBERS, memberAnswersSchema } from './answers.js';
import {
  isHouseholdQuestionId,
  isMemberQuestionId,
  type HouseholdQuestionId,
  type MemberQuestionId,
} from './questions.js';
import { settle, STATE_VERSION, type QuestionnaireState } from './state.js';

const positionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('household'),
    id: z.custom<HouseholdQuestionId>((id) => typeof id === 'string' && isHouseholdQuestionId(id)),
  }),
  z.strictObject({
    kind: z.literal('member'),
    id: z.custom<MemberQuestionId>((id) => typeof id === 'string' && isMemberQuestionId(id)),
    memberIndex: z.number().int().min(0).max(MAX_MEMBERS - 1),
  }),
]);

const stateSchema = z.strictObject({
  version: z.literal(STATE_VERSION),
  answers: householdAnswersSchema,
  members: z.array(memberAnswersSchema).min(1).max(MAX_MEMBERS),
  position: z.union([positionSchema, z.strictObject({ kind: z.literal('review') })]),
  history: z.array(positionSchema),
  editing: positionSchema.optional(),
});

/** `json`: the state as read back from storage (already parsed). Never throws. */
export function restoreQuestionnaire(json: unknown): QuestionnaireState | null {
  const parsed = stateSchema.safeParse(json);
  return parsed.success ? settle(parsed.data) : null;
}
