// The questionnaire as a pure state machine: every function takes a state and returns a new one
// (or a result), never changes its argument and never throws.
//
// Moving on: after an answer the next question is the first unanswered one after it in asking
// order (then any unanswered one before it), else the review. So after going Back to fix an
// answer, or after an edit from the review, the person returns to where they were and is only
// asked what the change made necessary (an age changed to 20 adds the student question).
import { MAX_MEMBERS, MONEY_MINOR_DIGITS, type AnswerSheet, type AnswerValue, type HouseholdAnswers, type MemberAnswers } from './answers.js';
import {
  answerAt,
  applicableTo,
  firstUnanswered,
  flow,
  isAnswered,
  isComplete,
  pruneUnaskedAnswers,
  questionAt,
  samePosition,
  type Position,
} from './flow.js';
import { parseAnswer, type AnswerError } from './parse-answer.js';
import {
  ANOTHER_MEMBER,
  isHouseholdQuestionId,
  isMemberQuestionId,
  type HouseholdQuestionId,
  type MemberQuestionId,
  type Question,
} from './questions.js';
import { REVIEW, settle, STATE_VERSION, type QuestionnaireState } from './state.js';
import type { QuestionnaireHousehold } from './household.js';

export interface CurrentQuestion {
  readonly question: Question;
  readonly memberIndex?: number;
  /** `total` is an estimate: it grows when a member is added or a follow-up becomes necessary. */
  readonly progress: { readonly step: number; readonly total: number };
  /** The answer given before, when the person came back to this question. */
  readonly currentAnswer?: AnswerValue;
}

export type AnswerOutcome =
  | { ok: true; state: QuestionnaireState }
  | { ok: false; error: AnswerError | 'review.no_question' };

export interface ReviewItem {
  readonly id: HouseholdQuestionId | MemberQuestionId;
  readonly memberIndex?: number;
  /** As stored: option codes, booleans, whole numbers, money in minor units. */
  readonly value: AnswerValue;
}

export function startQuestionnaire(): QuestionnaireState {
  const sheet: AnswerSheet = { answers: {}, members: [{}] };
  return { version: STATE_VERSION, ...sheet, position: firstUnanswered(sheet) ?? REVIEW, history: [] };
}

/** The question to ask, or null at the review. */
export function currentQuestion(state: QuestionnaireState): CurrentQuestion | null {
  const { position } = state;
  if (position.kind === 'review') return null;
  const positions = flow(state);
  const currentAnswer = answerAt(state, position);
  return {
    question: questionAt(position),
    ...(position.kind === 'member' ? { memberIndex: position.memberIndex } : {}),
    progress: { step: positions.findIndex((p) => samePosition(p, position)) + 1, total: positions.length },
    ...(currentAnswer === undefined ? {} : { currentAnswer }),
  };
}

/** `rawInput`: text the person typed, or the option code of the button they pressed. */
export function answer(state: QuestionnaireState, rawInput: string): AnswerOutcome {
  const { position } = state;
  if (position.kind === 'review') return { ok: false, error: 'review.no_question' };
  const parsed = parseAnswer(questionAt(position), rawInput);
  if (!parsed.ok) return parsed;
  // Pruned first: the new answer may make others moot, and with them change what comes next.
  const sheet = pruneUnaskedAnswers(withAnswer(state, position, parsed.value));
  const history = [...state.history.filter((p) => !samePosition(p, position)), position];
  const next = firstUnanswered(sheet, position) ?? REVIEW;
  return { ok: true, state: settle({ ...state, ...sheet, history, position: next }) };
}

/**
 * To the question answered most recently before this one; at the first question nothing changes.
 * From a question opened from the review, back to the review.
 */
export function goBack(state: QuestionnaireState): QuestionnaireState {
  const { position, editing, ...rest } = state;
  const leavingEdit = editing !== undefined && position.kind !== 'review' && samePosition(position, editing);
  if (leavingEdit && isComplete(state)) return settle({ ...rest, position: REVIEW });
  const history = [...state.history];
  let previous = history.pop();
  while (previous && position.kind !== 'review' && samePosition(previous, position)) previous = history.pop();
  if (!previous) return state;
  // Follow-ups of an edit keep it open, so Back through them still ends at the review.
  return settle({ ...rest, ...(editing && !leavingEdit ? { editing } : {}), position: previous, history });
}

/** What the review lists: every answered question that applies, in asking order. */
export function reviewItems(state: QuestionnaireState): ReviewItem[] {
  return flow(state).flatMap((position) => {
    const value = answerAt(state, position);
    if (value === undefined || position.id === ANOTHER_MEMBER) return [];
    return [{ id: position.id, ...(position.kind === 'member' ? { memberIndex: position.memberIndex } : {}), value }];
  });
}

/**
 * Opens an answered question from the review (`id` and `memberIndex` come from callback data, so
 * they are checked). Unknown or unanswered questions, or an incomplete questionnaire, change nothing.
 */
export function editAnswer(state: QuestionnaireState, id: string, memberIndex?: number): QuestionnaireState {
  const target = reviewablePosition(id, memberIndex);
  if (!target || !isComplete(state) || !applicableTo(state)(target) || !isAnswered(state, target)) return state;
  return settle({ ...state, position: target, editing: target });
}

/**
 * Removes a member from the review; the last remaining member stays. If the removal makes a
 * question necessary (the only member able to work removed: "has a legal supporter?"), that
 * question is asked next.
 */
export function removeMember(state: QuestionnaireState, memberIndex: number): QuestionnaireState {
  if (!isComplete(state) || state.members.length <= 1 || state.members[memberIndex] === undefined) return state;
  const history = state.history.flatMap((p): Position[] => {
    if (p.kind !== 'member' || p.memberIndex < memberIndex) return [p];
    return p.memberIndex === memberIndex ? [] : [{ ...p, memberIndex: p.memberIndex - 1 }];
  });
  // settle() moves from the review to the first question the removal made necessary, if any.
  return settle({
    version: STATE_VERSION,
    // The list stays closed: removing a member is not a request to add one.
    answers: { ...state.answers, anotherMember: false },
    members: state.members.filter((_, index) => index !== memberIndex),
    history,
    position: REVIEW,
  });
}

/**
 * Adds a member from the review. Their questions are asked next (ending with "another member?"),
 * then the review again. At the member limit, or before the questionnaire is complete, nothing changes.
 */
export function addMember(state: QuestionnaireState): QuestionnaireState {
  if (!isComplete(state) || state.members.length >= MAX_MEMBERS) return state;
  // Reopening the list is what "yes" to "another member?" after the last member does.
  const { anotherMember: _reopened, ...answers } = state.answers;
  const sheet: AnswerSheet = { answers, members: [...state.members, {}] };
  const first = firstUnanswered(sheet);
  if (!first) return state;
  return settle({ ...state, ...sheet, position: first, editing: first });
}

function reviewablePosition(id: string, memberIndex: number | undefined): Position | undefined {
  if (memberIndex === undefined) return isHouseholdQuestionId(id) ? { kind: 'household', id } : undefined;
  if (id === ANOTHER_MEMBER || !isMemberQuestionId(id) || !Number.isInteger(memberIndex)) return undefined;
  return { kind: 'member', id, memberIndex };
}

/**
 * The sheet with one more answer. "Another member?" changes the member list instead: yes after
 * the last member adds an empty one; no closes the list after this member (dropping any later ones,
 * which is what "no" means when the person came back to this question).
 */
function withAnswer(sheet: AnswerSheet, position: Position, value: AnswerValue): AnswerSheet {
  const { answers, members } = sheet;
  if (position.kind === 'household') {
    // parseAnswer only yields values of this question's type and options, which the schema allows.
    return { answers: { ...answers, [position.id]: value } as HouseholdAnswers, members };
  }
  const { memberIndex } = position;
  if (position.id === ANOTHER_MEMBER) {
    if (value === false) {
      return { answers: { ...answers, anotherMember: false }, members: members.slice(0, memberIndex + 1) };
    }
    if (memberIndex < members.length - 1) return sheet;
    const { anotherMember: _reopened, ...rest } = answers;
    return { answers: rest, members: [...members, {}] };
  }
  return {
    answers,
    members: members.map((member, index) =>
      index === memberIndex ? ({ ...member, [position.id]: value } as MemberAnswers) : member,
    ),
  };
}

/**
 * A finished questionnaire holding a stored household's answers, on its review screen: an
 * approved recipient updates what changed (income, costs, members) instead of answering every
 * question again before a re-review. Answers the questions would not ask are dropped by settle().
 */
export function questionnaireFromHousehold(household: QuestionnaireHousehold): QuestionnaireState {
  const toMinor = (major: number) => Math.round(major * 10 ** MONEY_MINOR_DIGITS);
  const state: QuestionnaireState = {
    version: STATE_VERSION,
    answers: {
      area: household.area,
      residency: household.residency,
      anotherMember: false,
      medicalExpenses: toMinor(household.monthlyExpenses.medical),
      savings: toMinor(household.savings),
      hasSupporter: household.hasSupporter,
      housingCondition: household.housingCondition,
      recentHardship: household.recentHardship,
    },
    members: household.members.map((m) => ({
      age: m.age,
      monthlyIncome: toMinor(m.monthlyIncome),
      canWork: m.canWork,
      disability: m.disability,
      seriousIllness: m.seriousIllness,
      student: m.student,
    })),
    position: REVIEW,
    history: [],
  };
  return settle(state);
}
