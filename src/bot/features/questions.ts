// Questions by chat: free text that is not an answer to a question searches the FAQ in the
// person's language and offers the best answers; "Ask a person" queues the question for
// caseworkers, and a caseworker's answer is relayed back. Staff rights are checked in the service.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import { faqEntry, loadFaq, searchFaq, type FaqIndex } from '../../domain/faq/index.js';
import { answerInquiry, askPerson, listOpenInquiries, staffChats } from '../../domain/inquiries/inquiries.js';
import { escapeHtml, isLanguage, t } from '../../i18n.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { describeError } from '../errors.js';
import { staleButton } from './shared.js';

export const questions = new FeatureComposer<BotContext>();
const privateChats = questions.chatType('private');

let faq: FaqIndex | undefined;
/** Loaded on first use and kept: the FAQ files do not change while the bot runs. */
function faqIndex(): FaqIndex {
  faq ??= loadFaq();
  return faq;
}

/** Whether free text reads as a question the FAQ can answer (the questionnaire defers to it). */
export function faqCanAnswer(lang: string, text: string): boolean {
  return searchFaq(faqIndex(), lang, text, { limit: 1 }).length > 0;
}

function answerScreen(ctx: BotContext, id: string, others: string[]): { text: string; keyboard: InlineKeyboard } {
  const entry = faqEntry(faqIndex(), ctx.lang, id)!;
  const keyboard = new InlineKeyboard();
  for (const other of others) {
    const question = faqEntry(faqIndex(), ctx.lang, other)?.question;
    if (question) keyboard.text(question.slice(0, 60), callbackData('faq', 'show', other)).row();
  }
  keyboard.text(ctx.t('faq.helpful'), callbackData('faq', 'ok'));
  keyboard.text(ctx.t('faq.ask_person'), callbackData('faq', 'ask'));
  const more = others.length > 0 ? `\n\n${ctx.t('faq.more')}` : '';
  return { text: ctx.t('faq.found', { question: entry.question, answer: entry.answer, interpolation: { escapeValue: false } }) + more, keyboard };
}

// Staff writing the answer they were asked for, then everyone else's free text.
privateChats.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith('/') || text.trim() === '') return next();

  const answering = ctx.session.answeringInquiry;
  if (answering !== undefined && ctx.person?.staffRole) return relayAnswer(ctx, answering, text);

  // Kept only for "Ask a person", and only for people who consented to us storing anything.
  if (ctx.person) ctx.session.pendingQuestion = text.slice(0, 2000);
  const [best, ...others] = searchFaq(faqIndex(), ctx.lang, text, { limit: 3 });
  if (best) {
    const screen = answerScreen(ctx, best.id, others.map((m) => m.id));
    return ctx.reply(screen.text, { reply_markup: screen.keyboard });
  }
  if (!ctx.person) return next(); // the fallback invites them to /start
  await ctx.reply(ctx.t('faq.no_match'), {
    reply_markup: new InlineKeyboard().text(ctx.t('faq.ask_person'), callbackData('faq', 'ask')),
  });
});

privateChats.callbackQuery(callbackPattern('faq', 'show'), async (ctx) => {
  const id = ctx.match[1];
  if (!id || !faqEntry(faqIndex(), ctx.lang, id)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const screen = answerScreen(ctx, id, []);
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
});

privateChats.callbackQuery(callbackPattern('faq', 'ok'), async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t('faq.thanks') });
  await ctx.editMessageReplyMarkup();
});

privateChats.callbackQuery(callbackPattern('faq', 'ask'), async (ctx) => {
  await ctx.answerCallbackQuery();
  const question = ctx.session.pendingQuestion;
  if (!ctx.person || !question) return ctx.reply(ctx.t(ctx.person ? 'faq.no_match' : 'consent.required'));
  const keyboard = new InlineKeyboard()
    .text(ctx.t('faq.send'), callbackData('faq', 'send'))
    .text(ctx.t('faq.cancel'), callbackData('faq', 'cancel'));
  await ctx.reply(ctx.t('faq.confirm', { question }), { reply_markup: keyboard });
});

privateChats.callbackQuery(callbackPattern('faq', 'cancel'), async (ctx) => {
  await ctx.answerCallbackQuery();
  ctx.session.pendingQuestion = undefined;
  await ctx.editMessageText(ctx.t('faq.cancelled'));
});

privateChats.callbackQuery(callbackPattern('faq', 'send'), async (ctx) => {
  const question = ctx.session.pendingQuestion;
  if (!ctx.person || !question) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const asked = await askPerson(ctx.deps.db, ctx.person.id, ctx.lang, question);
  ctx.session.pendingQuestion = undefined;
  if (!asked.ok) return ctx.editMessageText(ctx.t('faq.cancelled'));
  await ctx.editMessageText(ctx.t('faq.asked'));
  await notifyStaff(ctx, asked.id, question);
});

async function notifyStaff(ctx: BotContext, id: number, question: string): Promise<void> {
  for (const { chatId, language } of await staffChats(ctx.deps.db)) {
    const lang = isLanguage(language) ? language : ctx.deps.defaultLanguage;
    const keyboard = new InlineKeyboard().text(t(lang, 'inquiries.answer_button', { id }), callbackData('inq', 'answer', id));
    await ctx.api
      .sendMessage(chatId, t(lang, 'inquiries.new', { id, language: ctx.lang, question }), { reply_markup: keyboard })
      .catch((error: unknown) => ctx.deps.logger.warn({ error: describeError(error) }, 'could not notify staff'));
  }
}

privateChats.command('inquiries', async (ctx) => {
  const open = ctx.person ? await listOpenInquiries(ctx.deps.db, ctx.person.id) : null;
  if (!open) return ctx.reply(ctx.t('inquiries.not_available'));
  if (open.length === 0) return ctx.reply(ctx.t('inquiries.none'));
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t('inquiries.list_title')];
  for (const inquiry of open) {
    lines.push('', `#${inquiry.id} (${inquiry.language}): ${escapeHtml(inquiry.text.slice(0, 300))}`);
    keyboard.text(ctx.t('inquiries.answer_button', { id: inquiry.id }), callbackData('inq', 'answer', inquiry.id)).row();
  }
  await ctx.reply(lines.join('\n'), { reply_markup: keyboard });
});

privateChats.callbackQuery(callbackPattern('inq', 'answer'), async (ctx) => {
  const id = Number(ctx.match[1]);
  // Authorised by the person's stored staff role, never by having the button.
  if (!ctx.person?.staffRole || !Number.isInteger(id)) {
    return ctx.answerCallbackQuery({ text: ctx.t('inquiries.not_available'), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  ctx.session.answeringInquiry = id;
  await ctx.reply(ctx.t('inquiries.write_answer', { id }));
});

async function relayAnswer(ctx: BotContext, inquiryId: number, answer: string): Promise<void> {
  ctx.session.answeringInquiry = undefined;
  const result = await answerInquiry(ctx.deps.db, ctx.person!.id, inquiryId, answer);
  if (!result.ok) {
    await ctx.reply(ctx.t(result.error === 'already_answered' ? 'inquiries.already_answered' : 'inquiries.not_available', { id: inquiryId }));
    return;
  }
  const { inquiry } = result;
  const lang = isLanguage(inquiry.language) ? inquiry.language : ctx.deps.defaultLanguage;
  await ctx.api
    .sendMessage(inquiry.chatId, t(lang, 'faq.answer_from_person', { question: inquiry.text, answer: inquiry.answer }))
    .catch((error: unknown) => ctx.deps.logger.warn({ error: describeError(error) }, 'could not relay an answer'));
  await ctx.reply(ctx.t('inquiries.sent', { id: inquiryId }));
}
