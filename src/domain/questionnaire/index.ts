// The screening questionnaire: questions as data, a pure state machine over a JSON-serialisable
// state, and the household it produces. See questionnaire.ts for how it moves between questions.
export {
  AGE_RANGE,
  MAX_MEMBERS,
  MONEY_MINOR_DIGITS,
  type AnswerSheet,
  type AnswerValue,
  type Area,
  type Disability,
  type Hardship,
  type HouseholdAnswers,
  type HousingCondition,
  type MemberAnswers,
  type Residency,
} from './answers.js';
export { isComplete, type Position } from './flow.js';
export { toHousehold, type QuestionnaireHousehold, type QuestionnaireMember } from './household.js';
export type { AnswerError } from './parse-answer.js';
export {
  addMember,
  answer,
  currentQuestion,
  editAnswer,
  goBack,
  questionnaireFromHousehold,
  removeMember,
  reviewItems,
  startQuestionnaire,
  type AnswerOutcome,
  type CurrentQuestion,
  type ReviewItem,
} from './questionnaire.js';
export {
  CLOSING_QUESTIONS,
  MEMBER_LOOP,
  OPENING_QUESTIONS,
  STUDENT_AGE,
  UNASKED_CAN_WORK,
  UNASKED_HAS_SUPPORTER,
  UNASKED_STUDENT,
  WORKING_AGE,
  type HouseholdQuestion,
  type HouseholdQuestionId,
  type MemberQuestion,
  type MemberQuestionId,
  type Question,
  type QuestionType,
} from './questions.js';
export { restoreQuestionnaire } from './restore.js';
export type { QuestionnaireState, ReviewPosition } from './state.js';
