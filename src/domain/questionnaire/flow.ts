// Which questions apply, in which order, and which of them are answered: all derived from the
// answers alone, so that going back, editing and restoring a session can never disagree.
// Conditions (`askIf`) only read answers to earlier questions, so one pass in asking order settles
// them.
import type { AnswerSheet, AnswerValue, HouseholdAnswers, MemberAnswers } from './answers.js';
import {
  ANOTHER_MEMBER,
  CLOSING_QUESTIONS,
  HOUSEHOLD_QUESTIONS,
  MEMBER_LOOP,
  MEMBER_QUESTIONS,
  OPENING_QUESTIONS,
  type HouseholdQuestion,
  type HouseholdQuestionId,
  type MemberQuestionId,
  type Question,
} from './questions.js';

/** A question of the household, or a question about one member. */
export type Position =
  | { readonly kind: 'household'; readonly id: HouseholdQuestionId }
  | { readonly kind: 'member'; readonly id: MemberQuestionId; readonly memberIndex: number };

/** Answers guaranteed once every applicable question is answered; the rest are conditional. */
export interface CompleteSheet extends AnswerSheet {
  readonly answers: HouseholdAnswers &
    Required<Omit<HouseholdAnswers, 'hasSupporter' | typeof ANOTHER_MEMBER>>;
  readonly members: readonly (MemberAnswers & Required<Omit<MemberAnswers, 'canWork' | 'student'>>)[];
}

export function questionAt(position: Position): Question {
  return position.kind === 'household' ? HOUSEHOLD_QUESTIONS[position.id] : MEMBER_QUESTIONS[position.id];
}

export function samePosition(a: Position, b: Position): boolean {
  return positionKey(a) === positionKey(b);
}

function positionKey(position: Position): string {
  return position.kind === 'member' ? `${position.id}#${position.memberIndex}` : position.id;
}

/** Every question that applies to these answers, in asking order. */
export function flow(sheet: AnswerSheet): Position[] {
  const positions: Position[] = [];
  const addHousehold = (questions: readonly HouseholdQuestion[]) => {
    for (const q of questions) if (!q.askIf || q.askIf(sheet)) positions.push({ kind: 'household', id: q.id });
  };
  addHousehold(OPENING_QUESTIONS);
  sheet.members.forEach((_, memberIndex) => {
    for (const q of MEMBER_LOOP) {
      if (!q.askIf || q.askIf(sheet, memberIndex)) positions.push({ kind: 'member', id: q.id, memberIndex });
    }
  });
  addHousehold(CLOSING_QUESTIONS);
  return positions;
}

/** A test for "this question applies to these answers", for checking many positions at once. */
export function applicableTo(sheet: AnswerSheet): (position: Position) => boolean {
  const keys = new Set(flow(sheet).map(positionKey));
  return (position) => keys.has(positionKey(position));
}

/** The stored answer; "another member?" is yes for every member but the last. */
export function answerAt(sheet: AnswerSheet, position: Position): AnswerValue | undefined {
  if (position.kind === 'household') return sheet.answers[position.id];
  if (position.id === ANOTHER_MEMBER) {
    return position.memberIndex < sheet.members.length - 1 ? true : sheet.answers.anotherMember;
  }
  return sheet.members[position.memberIndex]?.[position.id];
}

export function isAnswered(sheet: AnswerSheet, position: Position): boolean {
  return answerAt(sheet, position) !== undefined;
}

export function firstUnanswered(sheet: AnswerSheet, after?: Position): Position | undefined {
  const positions = flow(sheet);
  const from = after ? positions.findIndex((p) => samePosition(p, after)) + 1 : 0;
  const unanswered = (p: Position) => !isAnswered(sheet, p);
  return positions.slice(from).find(unanswered) ?? positions.find(unanswered);
}

export function isComplete<S extends AnswerSheet>(sheet: S): sheet is S & CompleteSheet {
  return flow(sheet).every((p) => isAnswered(sheet, p));
}

/**
 * Drops answers to questions that no longer apply (an age changed from 30 to 70 makes "can work?"
 * moot), so the review never lists them and the household gets the default instead.
 */
export function pruneUnaskedAnswers(sheet: AnswerSheet): AnswerSheet {
  const members = sheet.members.map((member, memberIndex) => {
    const kept = { ...member };
    for (const q of MEMBER_LOOP) {
      if (q.id !== ANOTHER_MEMBER && q.askIf && !q.askIf(sheet, memberIndex)) delete kept[q.id];
    }
    return kept;
  });
  const answers = { ...sheet.answers };
  for (const q of CLOSING_QUESTIONS) {
    if (q.askIf && !q.askIf({ answers, members })) delete answers[q.id];
  }
  return { answers, members };
}
