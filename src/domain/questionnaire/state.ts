// The questionnaire's state: plain JSON (no functions, no dates), kept in the chat session in the
// database so that a restart continues where the person stopped.
import type { AnswerSheet, HouseholdAnswers, MemberAnswers } from './answers.js';
import { applicableTo, firstUnanswered, isComplete, pruneUnaskedAnswers, type Position } from './flow.js';

/** Bumped whenever the stored shape changes; sessions of another version are started afresh. */
export const STATE_VERSION = 1;

export interface ReviewPosition {
  readonly kind: 'review';
}
export const REVIEW: ReviewPosition = { kind: 'review' };

export interface QuestionnaireState extends AnswerSheet {
  readonly version: typeof STATE_VERSION;
  readonly answers: HouseholdAnswers;
  /** At least one: the person filling in the questionnaire is member 0. */
  readonly members: readonly MemberAnswers[];
  /** The question being asked, or the review once every question is answered. */
  readonly position: Position | ReviewPosition;
  /** Answered questions, each once, the most recently answered last: Back walks it backwards. */
  readonly history: readonly Position[];
  /** The question opened from the review: Back from it returns to the review. */
  readonly editing?: Position;
}

/**
 * Restores the invariants after any change: no answers to questions that no longer apply, history
 * and the edited question within the current flow, and the position on a question that applies
 * (the first unanswered one otherwise), or on the review only when nothing is missing.
 */
export function settle(state: QuestionnaireState): QuestionnaireState {
  const sheet = pruneUnaskedAnswers(state);
  const applies = applicableTo(sheet);
  const { position, editing } = state;
  const positionApplies = position.kind === 'review' ? isComplete(sheet) : applies(position);
  const settled = positionApplies ? position : (firstUnanswered(sheet) ?? REVIEW);
  const keepEditing = editing !== undefined && settled.kind !== 'review' && applies(editing);
  return {
    version: STATE_VERSION,
    ...sheet,
    position: settled,
    history: state.history.filter(applies),
    ...(keepEditing ? { editing } : {}),
  };
}
