// The question screen and the review screen of the eligibility questionnaire.
import { InlineKeyboard } from 'grammy';
import {
  currentQuestion,
  MEMBER_LOOP,
  OPENING_QUESTIONS,
  CLOSING_QUESTIONS,
  reviewItems,
  type Question,
  type QuestionnaireState,
  type ReviewItem,
} from '../../domain/questionnaire/index.js';
import type { Language, Translate } from '../../i18n.js';
import { answerText, optionLabel } from './answers.js';

export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

/**
 * Turns a button id (`action` or `action:argument`) into callback data. The feature binds it to
 * the screen on display, so views need not know how buttons are versioned.
 */
export type BindButton = (id: string) => string;

const ALL_QUESTIONS: readonly Question[] = [...OPENING_QUESTIONS, ...MEMBER_LOOP, ...CLOSING_QUESTIONS];

export function questionById(id: string): Question | undefined {
  return ALL_QUESTIONS.find((q) => q.id === id);
}

function memberName(t: Translate, memberIndex: number): string {
  return memberIndex === 0 ? t('screening.member.you') : t('screening.member.other', { n: memberIndex + 1 });
}

export function questionScreen(t: Translate, lang: Language, state: QuestionnaireState, bind: BindButton): Screen | null {
  const current = currentQuestion(state);
  if (!current) return null;
  const { question, memberIndex, progress, currentAnswer } = current;

  const lines = [t('screening.progress', { step: progress.step, total: progress.total })];
  if (memberIndex !== undefined) lines.push(`<b>👤 ${memberName(t, memberIndex)}</b>`);
  const key = memberIndex !== undefined && memberIndex > 0 ? 'other' : 'self';
  lines.push(t(`screening.question.${question.id}.${question.scope === 'member' ? key : 'self'}`));
  if (question.type === 'money') lines.push(t('screening.hint.money'));
  if (question.type === 'whole_number') lines.push(t('screening.hint.whole_number'));
  if (currentAnswer !== undefined) {
    lines.push(t('screening.previous_answer', { answer: answerText(t, lang, question, currentAnswer) }));
  }

  const keyboard = new InlineKeyboard();
  if (question.type === 'choice' || question.type === 'yes_no') {
    question.options.forEach((code, i) => {
      keyboard.text(optionLabel(t, question, code), bind(`a:${code}`));
      if (i % 2 === 1 || question.options.length > 4) keyboard.row();
    });
    keyboard.row();
  } else if (question.type === 'money') {
    keyboard.text(t('screening.button.none'), bind('a:0')).row();
  }
  if (progress.step > 1 || state.editing) keyboard.text(t('screening.button.back'), bind('back'));
  keyboard.text(t('screening.button.pause'), bind('pause'));
  return { text: lines.join('\n\n'), keyboard };
}

function itemLine(t: Translate, lang: Language, item: ReviewItem): string {
  const question = questionById(item.id)!;
  return `${t(`screening.review.label.${item.id}`)}: <b>${answerText(t, lang, question, item.value)}</b>`;
}

export function reviewScreen(t: Translate, lang: Language, state: QuestionnaireState, bind: BindButton): Screen {
  const items = reviewItems(state);
  const household = items.filter((i) => i.memberIndex === undefined);
  const lines = [`<b>${t('screening.review.title')}</b>`, ''];
  const keyboard = new InlineKeyboard();

  for (const item of household.filter((i) => i.id === 'area' || i.id === 'residency')) {
    lines.push(itemLine(t, lang, item));
  }
  state.members.forEach((_, index) => {
    const own = items.filter((i) => i.memberIndex === index);
    lines.push('', `<b>👤 ${memberName(t, index)}</b>`, ...own.map((i) => itemLine(t, lang, i)));
  });
  lines.push('');
  for (const item of household.filter((i) => i.id !== 'area' && i.id !== 'residency')) {
    lines.push(itemLine(t, lang, item));
  }
  lines.push('', t('screening.review.hint'));

  household.forEach((item, i) => {
    keyboard.text(`✏️ ${t(`screening.review.label.${item.id}`)}`, bind(`edit:${item.id}`));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  state.members.forEach((_, index) => {
    keyboard.text(`✏️ ${memberName(t, index)}`, bind(`member:${index}`));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row().text(t('screening.button.add_member'), bind('add'));
  keyboard.row().text(t('screening.button.results'), bind('results'));
  return { text: lines.join('\n'), keyboard };
}

/** One member's answers with a button for each, and removal when more than one member. */
export function memberScreen(
  t: Translate,
  lang: Language,
  state: QuestionnaireState,
  memberIndex: number,
  bind: BindButton,
): Screen {
  const own = reviewItems(state).filter((i) => i.memberIndex === memberIndex);
  const lines = [`<b>👤 ${memberName(t, memberIndex)}</b>`, '', ...own.map((i) => itemLine(t, lang, i))];
  const keyboard = new InlineKeyboard();
  own.forEach((item, i) => {
    keyboard.text(`✏️ ${t(`screening.review.label.${item.id}`)}`, bind(`edit:${item.id}-${memberIndex}`));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (state.members.length > 1) {
    keyboard.text(t('screening.button.remove_member'), bind(`rm:${memberIndex}`)).row();
  }
  keyboard.text(t('screening.button.to_review'), bind('review'));
  return { text: lines.join('\n'), keyboard };
}
