// The caseworker console: /queue (filters by status and area), the case card (household,
// screening, checklist) with Assign to me, Approve, Reject, Request documents, the applicant's
// files and the History; /audit SN-…. Staff rights are re-checked by the casework service on
// every button and command: having a button proves nothing. Every status change is told to the
// applicant in their own language.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import {
  addCaseNote,
  assignToMe,
  caseCard,
  caseFiles,
  caseHistory,
  decide,
  isRejectionReason,
  MAX_MONTHLY_AMOUNT_MINOR,
  MAX_NOTE_LENGTH,
  reviewQueue,
  type AlreadyDecided,
  type ApplicantNotice,
  type AuditLine,
  type CaseCard,
  type DecideResult,
  type Decision,
} from '../../domain/casework/index.js';
import { REFERENCE_PATTERN } from '../../domain/applications/index.js';
import { parseMoney } from '../../domain/input/numbers.js';
import { formatDate, formatDateTime, formatMoney, isLanguage, type Language } from '../../i18n.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import type { BotContext, CaseworkSession } from '../context.js';
import { describeError } from '../errors.js';
import {
  applicantNotice,
  approvalStartDate,
  approveScreen,
  caseCardScreen,
  parseApproval,
  type ApprovalChoice,
  FEATURE,
  historyText,
  investigationText,
  parseMask,
  parseQueueArgument,
  programmeFilterScreen,
  queueScreen,
  rejectConfirmScreen,
  rejectReasonsScreen,
  requestScreen,
  selectedItems,
  staffItemName,
  type QueueView,
} from '../views/casework.js';
import { CURRENCY } from '../views/answers.js';
import type { Screen } from '../views/questionnaire.js';

export const casework = new FeatureComposer<BotContext>();
const privateChats = casework.chatType('private');



/** The feature's session state, created on first write. */
function state(ctx: BotContext): CaseworkSession {
  return (ctx.session.casework ??= {});
}

function clearState(ctx: BotContext): void {
  if (ctx.session.casework !== undefined) ctx.session.casework = undefined;
}

function noteFor(ctx: BotContext, applicationId: number): string | null {
  const note = ctx.session.casework?.note;
  return note && note.applicationId === applicationId ? note.text : null;
}

const notAvailable = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t('casework.not_available'), show_alert: true });

const timeZone = (ctx: BotContext) => ctx.person?.timeZone ?? 'UTC';
const staffId = (ctx: BotContext) => ctx.person?.id ?? 0;

async function show(ctx: BotContext, screen: Screen, mode: 'edit' | 'new'): Promise<void> {
  if (mode === 'edit' && ctx.callbackQuery?.message) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  else await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/** `<id>` or `<id>-<rest>` → its parts; the service validates the id. */
function parseArg(arg: string | undefined): { id: number; rest: string } | null {
  const match = /^(\d{1,10})(?:-(.+))?$/.exec(arg ?? '');
  return match ? { id: Number(match[1]), rest: match[2] ?? '' } : null;
}

/**
 * The case behind a button, read through the service (which checks staff rights); answers the
 * button with "not available" and returns null for anybody else or a case that does not exist.
 */
async function cardFor(ctx: BotContext, id: number | undefined): Promise<CaseCard | null> {
  const card = ctx.person && id !== undefined ? await caseCard(ctx.deps.db, ctx.person.id, id) : null;
  if (!card) await notAvailable(ctx);
  return card;
}

// --- Queue -------------------------------------------------------------------------------------

async function showQueue(ctx: BotContext, view: QueueView, mode: 'edit' | 'new'): Promise<boolean> {
  const cases = ctx.person ? await reviewQueue(ctx.deps.db, ctx.person.id, view) : null;
  if (!cases) return false;
  await show(ctx, queueScreen(ctx.t, ctx.lang, cases, view, staffId(ctx), timeZone(ctx), ctx.deps.townships), mode);
  return true;
}

privateChats.command('queue', async (ctx) => {
  if (!(await showQueue(ctx, {}, 'new'))) await ctx.reply(ctx.t('casework.not_available'));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'q'), async (ctx) => {
  const view = parseQueueArgument(ctx.match[1], ctx.deps.townships);
  if (!view || !ctx.person) return notAvailable(ctx);
  const cases = await reviewQueue(ctx.deps.db, ctx.person.id, view);
  if (!cases) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
  await show(ctx, queueScreen(ctx.t, ctx.lang, cases, view, staffId(ctx), timeZone(ctx), ctx.deps.townships), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'qp'), async (ctx) => {
  const view = parseQueueArgument(ctx.match[1], ctx.deps.townships);
  // Staff only: the chooser leads to the queue, which the service guards too.
  if (!view || !ctx.person || !(await reviewQueue(ctx.deps.db, ctx.person.id, { limit: 1 }))) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
  await show(ctx, programmeFilterScreen(ctx.t, view, ctx.deps.townships), 'edit');
});

// --- Case card ------------------------------------------------------------------------------------

async function showCard(ctx: BotContext, card: CaseCard, mode: 'edit' | 'new'): Promise<void> {
  await show(ctx, caseCardScreen(ctx.t, ctx.lang, card, staffId(ctx), timeZone(ctx), ctx.deps.townships), mode);
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'open'), async (ctx) => {
  const card = await cardFor(ctx, parseArg(ctx.match[1])?.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  clearState(ctx);
  await showCard(ctx, card, 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'assign'), async (ctx) => {
  const id = parseArg(ctx.match[1])?.id;
  if (!ctx.person || id === undefined) return notAvailable(ctx);
  const result = await assignToMe(ctx.deps.db, ctx.person.id, id);
  if (!result.ok) return refused(ctx, result);
  await ctx.answerCallbackQuery({ text: ctx.t('casework.done.assigned') });
  if (result.notice) await tellApplicant(ctx, result.notice);
  const card = await caseCard(ctx.deps.db, ctx.person.id, id);
  if (card) await showCard(ctx, card, 'edit');
});

// --- Approve --------------------------------------------------------------------------------------

/** Months between reviews for the case's area, as configured. */
const defaultMonths = (ctx: BotContext, card: CaseCard) =>
  ctx.deps.cases.reviewMonths[card.application.household.area === 'rural' ? 'rural' : 'urban'];

function firstChoice(ctx: BotContext, card: CaseCard, amountMinor: number | null): ApprovalChoice | null {
  return amountMinor === null ? null : { amountMinor, months: defaultMonths(ctx, card), start: 't' };
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'approve'), async (ctx) => {
  const card = await cardFor(ctx, parseArg(ctx.match[1])?.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  await show(ctx, approveScreen(ctx.t, ctx.lang, card, firstChoice(ctx, card, card.suggestedMonthlyMinor), defaultMonths(ctx, card)), 'edit');
});

// Another interval or start day: the same screen with the new choice.
privateChats.callbackQuery(callbackPattern(FEATURE, 'apv'), async (ctx) => {
  const arg = parseArg(ctx.match[1]);
  const choice = arg ? parseApproval(arg.rest) : null;
  if (!arg || !choice) return notAvailable(ctx);
  const card = await cardFor(ctx, arg.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  await show(ctx, approveScreen(ctx.t, ctx.lang, card, choice, defaultMonths(ctx, card)), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'amt'), async (ctx) => {
  const card = await cardFor(ctx, parseArg(ctx.match[1])?.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  state(ctx).awaiting = { kind: 'amount', applicationId: card.application.id };
  await ctx.reply(ctx.t('casework.approve.type_amount', { reference: card.application.reference }));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'apy'), async (ctx) => {
  const arg = parseArg(ctx.match[1]);
  const choice = arg ? parseApproval(arg.rest) : null;
  if (!ctx.person || !arg || !choice) return notAvailable(ctx);
  await decideAndTell(ctx, arg.id, {
    kind: 'approve',
    monthlyAmountMinor: choice.amountMinor,
    startDate: approvalStartDate(choice.start),
    reviewIntervalMonths: choice.months,
  });
});

// --- Reject ---------------------------------------------------------------------------------------

privateChats.callbackQuery(callbackPattern(FEATURE, 'reject'), async (ctx) => {
  const card = await cardFor(ctx, parseArg(ctx.match[1])?.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  await show(ctx, rejectReasonsScreen(ctx.t, card), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'rsn'), async (ctx) => {
  const arg = parseArg(ctx.match[1]);
  if (!arg || !isRejectionReason(arg.rest)) return notAvailable(ctx);
  const card = await cardFor(ctx, arg.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  await show(ctx, rejectConfirmScreen(ctx.t, card, arg.rest, noteFor(ctx, card.application.id)), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'rjy'), async (ctx) => {
  const arg = parseArg(ctx.match[1]);
  if (!ctx.person || !arg || !isRejectionReason(arg.rest)) return notAvailable(ctx);
  const note = noteFor(ctx, arg.id);
  await decideAndTell(ctx, arg.id, { kind: 'reject', reason: arg.rest, ...(note ? { note } : {}) });
});

// --- Request documents --------------------------------------------------------------------------

privateChats.callbackQuery(callbackPattern(FEATURE, 'rq'), async (ctx) => {
  const arg = parseArg(ctx.match[1]);
  const mask = arg ? parseMask(arg.rest) : null;
  if (!arg || mask === null) return notAvailable(ctx);
  const card = await cardFor(ctx, arg.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  await show(ctx, requestScreen(ctx.t, card, mask, noteFor(ctx, card.application.id)), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'rqs'), async (ctx) => {
  const arg = parseArg(ctx.match[1]);
  const mask = arg ? parseMask(arg.rest) : null;
  if (!arg || mask === null || mask === 0n) return notAvailable(ctx);
  const card = await cardFor(ctx, arg.id);
  if (!card) return;
  const items = selectedItems(card, mask);
  const note = noteFor(ctx, arg.id);
  await decideAndTell(ctx, arg.id, { kind: 'request_documents', items, ...(note ? { note } : {}) });
});

// --- Notes and amounts typed by the caseworker ----------------------------------------------------

privateChats.callbackQuery(callbackPattern(FEATURE, 'note'), async (ctx) => {
  const arg = parseArg(ctx.match[1]);
  // Where to come back to: `r<reason>` (reject confirmation) or `d<mask>` (documents request).
  const back = arg?.rest ?? '';
  const valid = (back.startsWith('r') && isRejectionReason(back.slice(1))) || (back.startsWith('d') && parseMask(back.slice(1)) !== null);
  if (!arg || !valid) return notAvailable(ctx);
  const card = await cardFor(ctx, arg.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  state(ctx).awaiting = { kind: 'note', applicationId: card.application.id, back };
  await ctx.reply(ctx.t('casework.note.write', { reference: card.application.reference, max: MAX_NOTE_LENGTH }));
});

// Before the FAQ and the questionnaire: a staff member typing the amount or note they were asked for.
privateChats.on('message:text', async (ctx, next) => {
  const awaiting = ctx.session.casework?.awaiting;
  // A re-review's amount is the reviews feature's.
  if (!awaiting || awaiting.kind === 'review_amount' || !ctx.person?.staffRole) return next();
  const text = ctx.message.text;
  if (text.startsWith('/')) {
    // Another command: the typing step is abandoned.
    state(ctx).awaiting = undefined;
    return next();
  }
  const card = await caseCard(ctx.deps.db, ctx.person.id, awaiting.applicationId);
  if (!card) {
    clearState(ctx);
    return ctx.reply(ctx.t('casework.not_available'));
  }

  if (awaiting.kind === 'investigation') return investigationStep(ctx, card, awaiting, text);

  if (awaiting.kind === 'amount') {
    const parsed = parseMoney(text, { maxMinor: MAX_MONTHLY_AMOUNT_MINOR });
    if (!parsed.ok) return ctx.reply(ctx.t('casework.approve.bad_amount'));
    state(ctx).awaiting = undefined;
    return show(ctx, approveScreen(ctx.t, ctx.lang, card, firstChoice(ctx, card, parsed.amountMinor), defaultMonths(ctx, card)), 'new');
  }

  const note = text.trim();
  if (note.length > MAX_NOTE_LENGTH) return ctx.reply(ctx.t('casework.note.too_long', { max: MAX_NOTE_LENGTH }));
  state(ctx).awaiting = undefined;
  state(ctx).note = { applicationId: card.application.id, text: note };
  const reason = awaiting.back.slice(1);
  if (awaiting.back.startsWith('r') && isRejectionReason(reason)) {
    return show(ctx, rejectConfirmScreen(ctx.t, card, reason, note), 'new');
  }
  return show(ctx, requestScreen(ctx.t, card, parseMask(awaiting.back.slice(1)) ?? 0n, note), 'new');
});

// --- The household investigation: a note, then the verified figures, then the recalculation -------

type Investigation = Extract<NonNullable<CaseworkSession['awaiting']>, { kind: 'investigation' }>;

privateChats.callbackQuery(callbackPattern(FEATURE, 'inv'), async (ctx) => {
  const card = await cardFor(ctx, parseArg(ctx.match[1])?.id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  state(ctx).awaiting = { kind: 'investigation', applicationId: card.application.id, step: 'text' };
  await ctx.reply(ctx.t('casework.investigation.write', { reference: card.application.reference, max: MAX_NOTE_LENGTH }));
});

// "Not verified": the figure of the current step is left out.
privateChats.callbackQuery(callbackPattern(FEATURE, 'invs'), async (ctx) => {
  const awaiting = ctx.session.casework?.awaiting;
  const id = parseArg(ctx.match[1])?.id;
  if (awaiting?.kind !== 'investigation' || awaiting.applicationId !== id || awaiting.step === 'text') return notAvailable(ctx);
  const card = await cardFor(ctx, id);
  if (!card) return;
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup();
  await investigationStep(ctx, card, awaiting, null);
});

const skipButton = (ctx: BotContext, id: number) => new InlineKeyboard().text(ctx.t('casework.investigation.skip'), callbackData(FEATURE, 'invs', id));

/** One typed answer (or a skip, `null`) of the investigation; the last one saves the note. */
async function investigationStep(ctx: BotContext, card: CaseCard, awaiting: Investigation, text: string | null): Promise<void> {
  const id = card.application.id;
  if (awaiting.step === 'text') {
    const note = text?.trim() ?? '';
    if (note === '') return void (await ctx.reply(ctx.t('casework.investigation.write', { reference: card.application.reference, max: MAX_NOTE_LENGTH })));
    if (note.length > MAX_NOTE_LENGTH) return void (await ctx.reply(ctx.t('casework.note.too_long', { max: MAX_NOTE_LENGTH })));
    state(ctx).awaiting = { ...awaiting, step: 'income', text: note };
    return void (await ctx.reply(ctx.t('casework.investigation.income'), { reply_markup: skipButton(ctx, id) }));
  }
  let amount: number | null = null;
  if (text !== null) {
    const parsed = parseMoney(text, { maxMinor: MAX_MONTHLY_AMOUNT_MINOR });
    if (!parsed.ok) return void (await ctx.reply(ctx.t('casework.approve.bad_amount'), { reply_markup: skipButton(ctx, id) }));
    amount = parsed.amountMinor;
  }
  if (awaiting.step === 'income') {
    state(ctx).awaiting = { ...awaiting, step: 'medical', incomeMinor: amount };
    return void (await ctx.reply(ctx.t('casework.investigation.medical'), { reply_markup: skipButton(ctx, id) }));
  }
  state(ctx).awaiting = undefined;
  const result = await addCaseNote(ctx.deps.db, staffId(ctx), id, {
    text: awaiting.text ?? '',
    verifiedIncomeMinor: awaiting.incomeMinor ?? null,
    verifiedMedicalMinor: amount,
  });
  if (!result.ok) return void (await ctx.reply(ctx.t('casework.not_available')));
  await ctx.reply(investigationText(ctx.t, ctx.lang, card, result.note), {
    reply_markup: new InlineKeyboard().text(ctx.t('casework.button.back'), callbackData(FEATURE, 'open', id)),
  });
}

// --- Deciding and telling the applicant ------------------------------------------------------------

async function refused(ctx: BotContext, result: Exclude<DecideResult, { ok: true }>): Promise<void> {
  switch (result.error) {
    case 'not_staff':
    case 'not_found':
      return void (await notAvailable(ctx));
    case 'already_decided':
      await ctx.answerCallbackQuery();
      return void (await ctx.reply(alreadyDecidedText(ctx, result)));
    case 'invalid_transition':
      await ctx.answerCallbackQuery();
      return void (await ctx.reply(ctx.t('casework.cannot_now', { status: ctx.t(`casework.status.${result.status}`) })));
    default:
      return void (await ctx.answerCallbackQuery({ text: ctx.t(`casework.error.${result.error}`), show_alert: true }));
  }
}

function alreadyDecidedText(ctx: BotContext, result: AlreadyDecided): string {
  const who = result.decidedById === null ? ctx.t('casework.nobody') : result.decidedByName ? `${result.decidedByName} (#${result.decidedById})` : `#${result.decidedById}`;
  return ctx.t('casework.already_decided', {
    status: ctx.t(`casework.status.${result.status}`),
    who,
    date: result.decidedAt ? formatDateTime(ctx.lang, result.decidedAt, timeZone(ctx)) : '—',
  });
}

async function decideAndTell(ctx: BotContext, applicationId: number, decision: Decision): Promise<void> {
  const result = await decide(ctx.deps.db, staffId(ctx), applicationId, decision, ctx.deps.cases);
  if (!result.ok) return refused(ctx, result);
  await ctx.answerCallbackQuery();
  clearState(ctx);
  const { notice } = result;
  const done =
    notice.status === 'approved'
      ? ctx.t('casework.done.approved', {
          reference: notice.reference,
          amount: formatMoney(ctx.lang, notice.amountMinor ?? 0, notice.currency ?? CURRENCY),
        })
      : notice.status === 'rejected'
        ? ctx.t('casework.done.rejected', { reference: notice.reference, reason: ctx.t(`casework.reason.${notice.reason ?? 'other'}`) })
        : ctx.t('casework.done.documents_requested', {
            reference: notice.reference,
            items: (notice.items ?? []).map((i) => staffItemName(ctx.t, i)).join(', '),
          });
  const cycle =
    notice.status === 'approved' && notice.nextReviewDate
      ? `\n${ctx.t('casework.done.next_review', { date: formatDate(ctx.lang, new Date(`${notice.nextReviewDate}T12:00:00Z`), 'UTC') })}`
      : '';
  const next = new InlineKeyboard()
    .text(ctx.t('casework.button.back'), callbackData(FEATURE, 'open', notice.applicationId))
    .text(ctx.t('casework.button.queue'), callbackData(FEATURE, 'q'));
  await ctx.editMessageText(done + cycle, { reply_markup: next });
  await tellApplicant(ctx, notice);
}

/** The applicant hears of the change in their own language; staff hear when that failed. */
export async function tellApplicant(
  ctx: BotContext,
  notice: Pick<ApplicantNotice, 'chatId' | 'language' | 'reachable' | 'reference'>,
  build: (lang: Language) => Screen | null = (lang) => applicantNotice(lang, notice as ApplicantNotice),
): Promise<void> {
  const lang = isLanguage(notice.language) ? notice.language : ctx.deps.defaultLanguage;
  const message = build(lang);
  if (!message) return;
  let told = notice.reachable;
  if (told) {
    told = await ctx.api
      .sendMessage(notice.chatId, message.text, { reply_markup: message.keyboard })
      .then(() => true)
      .catch((error: unknown) => {
        ctx.deps.logger.warn({ error: describeError(error) }, 'could not tell an applicant about their case');
        return false;
      });
  }
  if (!told) await ctx.reply(ctx.t('casework.applicant_unreachable', { reference: notice.reference }));
}

// --- Files and history -------------------------------------------------------------------------------

privateChats.callbackQuery(callbackPattern(FEATURE, 'files'), async (ctx) => {
  const id = parseArg(ctx.match[1])?.id;
  const found = ctx.person && id !== undefined ? await caseFiles(ctx.deps.db, ctx.person.id, id) : null;
  if (!found) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
  if (found.files.length === 0) return void (await ctx.reply(ctx.t('casework.files.none', { reference: found.reference })));
  await ctx.reply(ctx.t('casework.files.title', { reference: found.reference, n: found.files.length }));
  for (const file of found.files) {
    const caption = staffItemName(ctx.t, { code: file.code, memberIndex: file.memberIndex });
    // Telegram will not send a photo's file id as a document or the other way round, and whether
    // the applicant sent a photo or a file is not stored: try the likely kind first, then the other.
    const asPhoto = () => ctx.replyWithPhoto(file.fileId, { caption });
    const asDocument = () => ctx.replyWithDocument(file.fileId, { caption });
    const [first, second] = file.mimeType === 'image/jpeg' ? [asPhoto, asDocument] : [asDocument, asPhoto];
    const sent = await first()
      .then(() => true)
      .catch(() => second().then(() => true))
      .catch((error: unknown) => {
        ctx.deps.logger.warn({ error: describeError(error) }, 'could not send a case file');
        return false;
      });
    if (!sent) await ctx.reply(ctx.t('casework.files.failed', { item: caption }));
  }
});

async function replyHistory(ctx: BotContext, reference: string, lines: AuditLine[]): Promise<void> {
  if (lines.length === 0) await ctx.reply(ctx.t('casework.history.not_found', { reference }));
  else await ctx.reply(historyText(ctx.t, ctx.lang, reference, lines, timeZone(ctx)));
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'hist'), async (ctx) => {
  const reference = ctx.match[1] ?? '';
  const lines = ctx.person && REFERENCE_PATTERN.test(reference) ? await caseHistory(ctx.deps.db, ctx.person.id, reference) : null;
  if (!lines) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
  await replyHistory(ctx, reference, lines);
});

privateChats.command('audit', async (ctx) => {
  // The stored staff role only routes the command; the service checks it again.
  if (!ctx.person?.staffRole) return ctx.reply(ctx.t('casework.not_available'));
  const reference = ctx.match.trim().toUpperCase();
  if (!REFERENCE_PATTERN.test(reference)) return ctx.reply(ctx.t('casework.history.usage'));
  const lines = await caseHistory(ctx.deps.db, ctx.person.id, reference);
  if (!lines) return ctx.reply(ctx.t('casework.not_available'));
  await replyHistory(ctx, reference, lines);
});
