// Re-reviews ("dynamic management") in chat: /reviews lists the approved cases due for review;
// a review shows the case with what the applicant's updated answers give, and ends in Continue,
// Adjust (a suggested or typed amount) or End (a reason). Buttons carry the review round the
// caseworker saw: the service refuses a round someone else completed meanwhile.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import { caseCard, completeReview, dueReviews, MAX_MONTHLY_AMOUNT_MINOR, isRejectionReason, type ReviewOutcome } from '../../domain/casework/index.js';
import { parseMoney } from '../../domain/input/numbers.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { confirmAdjustScreen, dueReviewsScreen, endReasonsScreen, FEATURE, parseReviewArg, reviewDoneText, reviewNotice, reviewScreen } from '../views/reviews.js';
import type { Screen } from '../views/questionnaire.js';
import { tellApplicant } from './casework.js';

export const reviews = new FeatureComposer<BotContext>();
const privateChats = reviews.chatType('private');

const notAvailable = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t('casework.not_available'), show_alert: true });
const timeZone = (ctx: BotContext) => ctx.person?.timeZone ?? 'UTC';

async function show(ctx: BotContext, screen: Screen, mode: 'edit' | 'new'): Promise<void> {
  if (mode === 'edit' && ctx.callbackQuery?.message) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  else await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

privateChats.command('reviews', async (ctx) => {
  const due = ctx.person ? await dueReviews(ctx.deps.db, ctx.person.id, { cycle: ctx.deps.cases }) : null;
  if (!due) return ctx.reply(ctx.t('casework.not_available'));
  await show(ctx, dueReviewsScreen(ctx.t, ctx.lang, due, ctx.deps.townships), 'new');
});

/** The approved case behind a button, read through the service (staff and scope checked). */
async function approvedCard(ctx: BotContext, id: number | undefined) {
  const card = ctx.person && id !== undefined ? await caseCard(ctx.deps.db, ctx.person.id, id) : null;
  if (!card) {
    await notAvailable(ctx);
    return null;
  }
  if (card.application.status !== 'approved') {
    await ctx.answerCallbackQuery({ text: ctx.t('reviews.not_approved'), show_alert: true });
    return null;
  }
  return card;
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'open'), async (ctx) => {
  const card = await approvedCard(ctx, Number(ctx.match[1]));
  if (!card) return;
  await ctx.answerCallbackQuery();
  // A new message: the button may be on a reminder, whose own buttons must stay.
  await show(ctx, reviewScreen(ctx.t, ctx.lang, card, timeZone(ctx), ctx.deps.townships), 'new');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'cont'), async (ctx) => {
  const arg = parseReviewArg(ctx.match[1]);
  if (!arg) return notAvailable(ctx);
  await complete(ctx, arg.id, arg.round, { kind: 'continue' });
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'adj'), async (ctx) => {
  const arg = parseReviewArg(ctx.match[1]);
  const card = arg ? await approvedCard(ctx, arg.id) : null;
  if (!arg || !card) return arg ? undefined : notAvailable(ctx);
  await ctx.answerCallbackQuery();
  ctx.session.casework = { awaiting: { kind: 'review_amount', applicationId: arg.id, round: arg.round } };
  await ctx.reply(ctx.t('casework.approve.type_amount', { reference: card.application.reference }));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'ady'), async (ctx) => {
  const arg = parseReviewArg(ctx.match[1]);
  const amount = arg && /^\d{1,12}$/.test(arg.rest) ? Number(arg.rest) : NaN;
  if (!arg || Number.isNaN(amount)) return notAvailable(ctx);
  await complete(ctx, arg.id, arg.round, { kind: 'adjust', monthlyAmountMinor: amount });
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'end'), async (ctx) => {
  const arg = parseReviewArg(ctx.match[1]);
  const card = arg ? await approvedCard(ctx, arg.id) : null;
  if (!arg || !card) return arg ? undefined : notAvailable(ctx);
  await ctx.answerCallbackQuery();
  await show(ctx, endReasonsScreen(ctx.t, card), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'eny'), async (ctx) => {
  const arg = parseReviewArg(ctx.match[1]);
  if (!arg || !isRejectionReason(arg.rest)) return notAvailable(ctx);
  await complete(ctx, arg.id, arg.round, { kind: 'end', reason: arg.rest });
});

// The adjusted amount, typed.
privateChats.on('message:text', async (ctx, next) => {
  const awaiting = ctx.session.casework?.awaiting;
  if (awaiting?.kind !== 'review_amount' || !ctx.person?.staffRole) return next();
  if (ctx.message.text.startsWith('/')) {
    ctx.session.casework = undefined;
    return next();
  }
  const card = await caseCard(ctx.deps.db, ctx.person.id, awaiting.applicationId);
  if (!card || card.application.status !== 'approved') {
    ctx.session.casework = undefined;
    return ctx.reply(ctx.t('casework.not_available'));
  }
  const parsed = parseMoney(ctx.message.text, { maxMinor: MAX_MONTHLY_AMOUNT_MINOR });
  if (!parsed.ok || parsed.amountMinor === 0) return ctx.reply(ctx.t('casework.approve.bad_amount'));
  ctx.session.casework = undefined;
  await show(ctx, confirmAdjustScreen(ctx.t, ctx.lang, card, parsed.amountMinor), 'new');
});

async function complete(ctx: BotContext, applicationId: number, round: number, outcome: ReviewOutcome): Promise<void> {
  const result = ctx.person ? await completeReview(ctx.deps.db, ctx.person.id, applicationId, round, outcome, ctx.deps.cases) : null;
  if (!result || (!result.ok && (result.error === 'not_staff' || result.error === 'not_found'))) return void (await notAvailable(ctx));
  if (!result.ok) {
    const key = result.error === 'already_reviewed' || result.error === 'not_approved' ? `reviews.error.${result.error}` : `casework.error.${result.error}`;
    return void (await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true }));
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(reviewDoneText(ctx.t, ctx.lang, result.notice), {
    reply_markup: new InlineKeyboard().text(ctx.t('casework.button.back'), callbackData('case', 'open', applicationId)),
  });
  await tellApplicant(ctx, result.notice, (lang) => reviewNotice(lang, result.notice));
}
