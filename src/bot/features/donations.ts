// Donations in the chat. Everybody: /funds (totals against targets, what each fund paid for).
// Donors: /pledge (fund → amount → frequency → start → end → named or anonymous → dedication →
// confirm), /my_pledges (history; I've paid, receipt, pause, resume, change amount, cancel).
// Coordinators and admins: /donations (payments to confirm, fund progress), /overdue,
// /record_donation; admins: /fund_add, /fund_close. The services check who acts on every call.
import { InputFile } from 'grammy';
import { FeatureComposer } from '../composer.js';
import {
  addFund,
  cancelPledge,
  changePledgeAmount,
  closeFund,
  confirmInstalment,
  coordinatorsToTell,
  createPledge,
  DEFAULT_PLEDGE_SETTINGS,
  findFund,
  firstOfNextMonth,
  fundProgress,
  isCalendarDate,
  isFrequency,
  listFunds,
  MAX_DEDICATION,
  MAX_PLEDGE_MAJOR,
  myPledge,
  myPledges,
  myReceipt,
  overdueList,
  pausePledge,
  paymentsToConfirm,
  programmeOutcome,
  recordOfflineDonation,
  reportPaid,
  resumePledge,
  todayIn,
  type FundView,
  type Outcome,
  type PledgeView,
  type Receipt,
} from '../../domain/donations/index.js';
import { parseMoney } from '../../domain/input/numbers.js';
import { defaultPolicy, minorUnitsPerMajor } from '../../domain/screening/index.js';
import { isLanguage, t } from '../../i18n.js';
import { callbackPattern } from '../callback-data.js';
import type { BotContext, PledgeDraft } from '../context.js';
import { describeError } from '../errors.js';
import {
  amountPrompt,
  cancelPledgeScreen,
  chooseFundScreen,
  confirmScreen,
  dedicationScreen,
  endScreen,
  FEATURE,
  frequencyScreen,
  fundName,
  fundsScreen,
  myPledgesScreen,
  nameScreen,
  overdueScreen,
  pledgeScreen,
  receiptDocument,
  receiptMessage,
  STAFF_FEATURE,
  startScreen,
  toConfirmScreen,
  type Screen,
} from '../views/donations.js';
import { staleButton } from './shared.js';

export const donations = new FeatureComposer<BotContext>();
const privateChats = donations.chatType('private');

const settings = (ctx: BotContext) => ctx.deps.pledges ?? DEFAULT_PLEDGE_SETTINGS;
const timeZone = (ctx: BotContext) => ctx.person?.timeZone ?? 'UTC';
const CURRENCY = defaultPolicy.currency;

async function show(ctx: BotContext, screen: Screen): Promise<void> {
  await ctx.reply(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
}

function moneyInput(text: string, currency: string) {
  const perMajor = minorUnitsPerMajor(currency);
  return parseMoney(text, { minorDigits: Math.round(Math.log10(perMajor)), maxMinor: MAX_PLEDGE_MAJOR * perMajor });
}

/**
 * The amount at the start of a command's words and what follows it. Amounts may hold spaces
 * (`1 500,75`), so the longest run of leading words that reads as money wins; -1 when none does.
 */
function leadingAmount(words: string[], currency: string): { amountMinor: number; remainder: string } {
  for (let n = Math.min(words.length, 4); n > 0; n--) {
    const parsed = moneyInput(words.slice(0, n).join(' '), currency);
    if (parsed.ok) return { amountMinor: parsed.amountMinor, remainder: words.slice(n).join(' ') };
  }
  return { amountMinor: -1, remainder: words.slice(1).join(' ') };
}

/** A date typed as YYYY-MM-DD (the one form every language here reads the same way). */
function typedDate(text: string): string | null {
  const value = text.trim();
  return isCalendarDate(value) ? value : null;
}

// --- /funds ----------------------------------------------------------------------------------

async function outcomesOf(ctx: BotContext, funds: FundView[]): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  for (const fund of funds) if (fund.outcomeProgramme) out.set(fund.code, await programmeOutcome(ctx.deps.db, fund.outcomeProgramme));
  return out;
}

privateChats.command('funds', async (ctx) => {
  const funds = await listFunds(ctx.deps.db);
  // Coordinators see every fund's pledges, open payments and offline money under the public list.
  const stats = ctx.person?.staffRole ? await fundProgress(ctx.deps.db, ctx.person.id) : null;
  await show(ctx, fundsScreen(ctx.t, ctx.lang, funds, await outcomesOf(ctx, funds), stats ?? undefined));
});

// --- The pledge form -------------------------------------------------------------------------

async function startForm(ctx: BotContext): Promise<void> {
  if (!ctx.person) {
    await ctx.reply(ctx.t('consent.required'));
    return;
  }
  ctx.session.pledge = undefined;
  ctx.session.donations = undefined;
  await show(ctx, chooseFundScreen(ctx.t, ctx.lang, await listFunds(ctx.deps.db)));
}

privateChats.command('pledge', startForm);
privateChats.callbackQuery(callbackPattern(FEATURE, 'start'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await startForm(ctx);
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'quit'), async (ctx) => {
  ctx.session.pledge = undefined;
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t('donations.form.cancelled'));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'fund'), async (ctx) => {
  const fund = ctx.person ? await findFund(ctx.deps.db, ctx.match[1] ?? '') : null;
  if (!fund || fund.status !== 'active') return staleButton(ctx);
  ctx.session.pledge = { step: 'amount', fundCode: fund.code };
  await ctx.answerCallbackQuery();
  await show(ctx, amountPrompt(ctx.t, ctx.lang, fund));
});

/** The form's draft when it is on `step`; a button of another step is stale. */
function draftAt(ctx: BotContext, step: PledgeDraft['step']): PledgeDraft | null {
  const draft = ctx.session.pledge;
  return ctx.person && draft?.step === step ? draft : null;
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'freq'), async (ctx) => {
  const draft = draftAt(ctx, 'frequency');
  const frequency = ctx.match[1];
  if (!draft || !isFrequency(frequency)) return staleButton(ctx);
  Object.assign(draft, { frequency, step: 'start' });
  await ctx.answerCallbackQuery();
  const today = todayIn(timeZone(ctx));
  await show(ctx, startScreen(ctx.t, ctx.lang, today, firstOfNextMonth(today)));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'start_on'), async (ctx) => {
  const draft = draftAt(ctx, 'start');
  if (!draft || !['today', 'next_month'].includes(ctx.match[1] ?? '')) return staleButton(ctx);
  const today = todayIn(timeZone(ctx));
  await ctx.answerCallbackQuery();
  await afterStart(ctx, draft, ctx.match[1] === 'today' ? today : firstOfNextMonth(today));
});

async function afterStart(ctx: BotContext, draft: PledgeDraft, startDate: string): Promise<void> {
  draft.startDate = startDate;
  if (draft.frequency === 'one_time') {
    draft.endDate = null;
    draft.step = 'name';
    return show(ctx, nameScreen(ctx.t, ctx.person?.firstName ?? null));
  }
  draft.step = 'end';
  return show(ctx, endScreen(ctx.t));
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'end'), async (ctx) => {
  const draft = draftAt(ctx, 'end');
  if (!draft) return staleButton(ctx);
  Object.assign(draft, { endDate: null, step: 'name' });
  await ctx.answerCallbackQuery();
  await show(ctx, nameScreen(ctx.t, ctx.person?.firstName ?? null));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'anon'), async (ctx) => {
  const draft = draftAt(ctx, 'name');
  if (!draft || !['yes', 'no'].includes(ctx.match[1] ?? '')) return staleButton(ctx);
  Object.assign(draft, { anonymous: ctx.match[1] === 'yes', step: 'dedication' });
  await ctx.answerCallbackQuery();
  await show(ctx, dedicationScreen(ctx.t, MAX_DEDICATION));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'ded'), async (ctx) => {
  const draft = draftAt(ctx, 'dedication');
  if (!draft) return staleButton(ctx);
  draft.dedication = null;
  await ctx.answerCallbackQuery();
  await showConfirm(ctx, draft);
});

async function showConfirm(ctx: BotContext, draft: PledgeDraft): Promise<void> {
  const fund = await findFund(ctx.deps.db, draft.fundCode);
  if (!fund || draft.amountMinor === undefined || !draft.frequency || !draft.startDate) {
    ctx.session.pledge = undefined;
    return void (await ctx.reply(ctx.t('donations.form.expired')));
  }
  draft.step = 'confirm';
  await show(ctx, confirmScreen(ctx.t, ctx.lang, { ...draft, amountMinor: draft.amountMinor, frequency: draft.frequency, startDate: draft.startDate }, fund, ctx.person?.firstName ?? null));
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'ok'), async (ctx) => {
  const draft = draftAt(ctx, 'confirm');
  if (!draft || !ctx.person || draft.amountMinor === undefined || !draft.frequency || !draft.startDate) return staleButton(ctx);
  // The draft goes first: a double tap finds no draft and creates nothing more.
  ctx.session.pledge = undefined;
  await ctx.answerCallbackQuery();
  const result = await createPledge(
    ctx.deps.db,
    ctx.person.id,
    {
      fundCode: draft.fundCode,
      amountMinor: draft.amountMinor,
      frequency: draft.frequency,
      startDate: draft.startDate,
      endDate: draft.endDate ?? null,
      anonymous: draft.anonymous ?? false,
      dedication: draft.dedication ?? null,
    },
    settings(ctx),
  );
  if (!result.ok) return ctx.reply(ctx.t(`donations.error.${result.error}`));
  await ctx.reply(ctx.t('donations.form.created', { reference: result.pledge.reference, fund: fundName(ctx.lang, result.pledge.fund), interpolation: { escapeValue: false } }));
  await show(ctx, pledgeScreen(ctx.t, ctx.lang, result.pledge));
});

// --- /my_pledges -----------------------------------------------------------------------------

privateChats.command('my_pledges', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('consent.required'));
  await show(ctx, myPledgesScreen(ctx.t, ctx.lang, await myPledges(ctx.deps.db, ctx.person.id)));
});

const argId = (ctx: { match: RegExpMatchArray | string }) => (typeof ctx.match === 'string' ? NaN : Number(ctx.match[1]));

privateChats.callbackQuery(callbackPattern(FEATURE, 'show'), async (ctx) => {
  const pledge = ctx.person ? await myPledge(ctx.deps.db, ctx.person.id, argId(ctx)) : null;
  if (!pledge) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await show(ctx, pledgeScreen(ctx.t, ctx.lang, pledge));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'paid'), async (ctx) => {
  const instalmentId = argId(ctx);
  const pledges = ctx.person ? await myPledges(ctx.deps.db, ctx.person.id) : [];
  const instalment = pledges.flatMap((p) => p.instalments).find((i) => i.id === instalmentId);
  if (!instalment) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  if (instalment.status !== 'pending' && instalment.status !== 'overdue') return ctx.reply(ctx.t('donations.paid.already'));
  ctx.session.donations = { kind: 'paid_reference', instalmentId };
  await ctx.reply(ctx.t('donations.paid.ask_reference'));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'receipt'), async (ctx) => {
  const receipt = ctx.person ? await myReceipt(ctx.deps.db, ctx.person.id, argId(ctx)) : null;
  if (!receipt) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const doc = receiptDocument(ctx.lang, receipt, timeZone(ctx));
  await ctx.replyWithDocument(new InputFile(doc.content, doc.filename), { caption: receiptMessage(ctx.lang, receipt, timeZone(ctx)) });
});

type Change = (personId: number, pledgeId: number) => Promise<{ ok: true; pledge: PledgeView } | { ok: false; error: string }>;

function pledgeAction(action: string, change: (ctx: BotContext) => Change, done: string): void {
  privateChats.callbackQuery(callbackPattern(FEATURE, action), async (ctx) => {
    if (!ctx.person) return staleButton(ctx);
    const result = await change(ctx)(ctx.person.id, argId(ctx));
    if (!result.ok) {
      if (result.error === 'not_found') return staleButton(ctx);
      return ctx.answerCallbackQuery({ text: ctx.t('donations.error.invalid_state') });
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(done, { reference: result.pledge.reference }));
    await show(ctx, pledgeScreen(ctx.t, ctx.lang, result.pledge));
  });
}

pledgeAction('pause', (ctx) => (personId, id) => pausePledge(ctx.deps.db, personId, id), 'donations.mine.paused');
pledgeAction('resume', (ctx) => (personId, id) => resumePledge(ctx.deps.db, personId, id, settings(ctx)), 'donations.mine.resumed');
pledgeAction('stop_yes', (ctx) => (personId, id) => cancelPledge(ctx.deps.db, personId, id), 'donations.mine.cancelled');

privateChats.callbackQuery(callbackPattern(FEATURE, 'stop'), async (ctx) => {
  const pledge = ctx.person ? await myPledge(ctx.deps.db, ctx.person.id, argId(ctx)) : null;
  if (!pledge) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await show(ctx, cancelPledgeScreen(ctx.t, pledge));
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'amount'), async (ctx) => {
  const pledge = ctx.person ? await myPledge(ctx.deps.db, ctx.person.id, argId(ctx)) : null;
  if (!pledge || (pledge.status !== 'active' && pledge.status !== 'paused')) return staleButton(ctx);
  ctx.session.donations = { kind: 'new_amount', pledgeId: pledge.id };
  await ctx.answerCallbackQuery();
  await show(ctx, amountPrompt(ctx.t, ctx.lang, pledge.fund));
});

// --- Typed answers: amount, dates, dedication, payment reference, new amount ---------------------

privateChats.on('message:text', async (ctx, next) => {
  const draft = ctx.session.pledge;
  const awaiting = ctx.session.donations;
  if (!ctx.person || (!awaiting && !draft)) return next();
  const text = ctx.message.text;
  if (text.startsWith('/')) {
    // Another command (ours are answered above): the form is left, so that the next feature's
    // typed answers (a questionnaire's numbers) are not taken for a pledge amount.
    ctx.session.donations = undefined;
    ctx.session.pledge = undefined;
    return next();
  }
  if (awaiting) return typedForAwaiting(ctx, awaiting, text);
  if (!draft) return next();
  switch (draft.step) {
    case 'amount': {
      const parsed = moneyInput(text, CURRENCY);
      if (!parsed.ok || parsed.amountMinor === 0) return ctx.reply(ctx.t('donations.form.bad_amount'));
      Object.assign(draft, { amountMinor: parsed.amountMinor, step: 'frequency' });
      return show(ctx, frequencyScreen(ctx.t));
    }
    case 'start': {
      const date = typedDate(text);
      const today = todayIn(timeZone(ctx));
      if (!date || date < today) return ctx.reply(ctx.t('donations.form.bad_date'));
      return afterStart(ctx, draft, date);
    }
    case 'end': {
      const date = typedDate(text);
      if (!date || !draft.startDate || date < draft.startDate) return ctx.reply(ctx.t('donations.form.bad_date'));
      Object.assign(draft, { endDate: date, step: 'name' });
      return show(ctx, nameScreen(ctx.t, ctx.person.firstName));
    }
    case 'dedication': {
      const dedication = text.trim();
      if (dedication.length > MAX_DEDICATION) return ctx.reply(ctx.t('donations.form.dedication_too_long', { max: MAX_DEDICATION }));
      draft.dedication = dedication || null;
      return showConfirm(ctx, draft);
    }
    default:
      return next();
  }
});

async function typedForAwaiting(ctx: BotContext, awaiting: NonNullable<BotContext['session']['donations']>, text: string): Promise<unknown> {
  const person = ctx.person!;
  if (awaiting.kind === 'new_amount') {
    const parsed = moneyInput(text, CURRENCY);
    if (!parsed.ok || parsed.amountMinor === 0) return ctx.reply(ctx.t('donations.form.bad_amount'));
    ctx.session.donations = undefined;
    const result = await changePledgeAmount(ctx.deps.db, person.id, awaiting.pledgeId, parsed.amountMinor);
    if (!result.ok) return ctx.reply(ctx.t(`donations.error.${result.error}`));
    await ctx.reply(ctx.t('donations.mine.amount_changed', { reference: result.pledge.reference }));
    return show(ctx, pledgeScreen(ctx.t, ctx.lang, result.pledge));
  }
  ctx.session.donations = undefined;
  const result = await reportPaid(ctx.deps.db, person.id, awaiting.instalmentId, text);
  if (!result.ok) {
    if (result.error === 'invalid_reference') {
      ctx.session.donations = awaiting;
      return ctx.reply(ctx.t('donations.paid.bad_reference'));
    }
    return ctx.reply(ctx.t(result.error === 'not_open' ? 'donations.paid.already' : 'donations.error.not_found'));
  }
  await ctx.reply(ctx.t('donations.paid.thanks', { reference: result.pledge.reference }));
  // Coordinators hear of it, each in their language; a failure to tell one stops nobody.
  for (const staff of await coordinatorsToTell(ctx.deps.db)) {
    const lang = isLanguage(staff.language) ? staff.language : ctx.deps.defaultLanguage;
    await ctx.api
      .sendMessage(staff.chatId, t(lang, 'donations.staff.reported', { reference: result.pledge.reference }))
      .catch((error: unknown) => ctx.deps.logger.warn({ error: describeError(error) }, 'could not tell a coordinator about a payment'));
  }
}

// --- Coordinators ----------------------------------------------------------------------------

privateChats.command('donations', async (ctx) => {
  const items = ctx.person ? await paymentsToConfirm(ctx.deps.db, ctx.person.id) : null;
  if (!items) return ctx.reply(ctx.t('donations.staff.not_available'));
  await show(ctx, toConfirmScreen(ctx.t, ctx.lang, items));
});

privateChats.command('overdue', async (ctx) => {
  const items = ctx.person ? await overdueList(ctx.deps.db, ctx.person.id) : null;
  if (!items) return ctx.reply(ctx.t('donations.staff.not_available'));
  await show(ctx, overdueScreen(ctx.t, ctx.lang, items));
});

async function sendReceipt(ctx: BotContext, receipt: Receipt, donor: { chatId: number; language: string; timeZone: string; reachable: boolean }): Promise<void> {
  if (!donor.reachable) return;
  const lang = isLanguage(donor.language) ? donor.language : ctx.deps.defaultLanguage;
  const doc = receiptDocument(lang, receipt, donor.timeZone);
  try {
    await ctx.api.sendDocument(donor.chatId, new InputFile(doc.content, doc.filename), { caption: receiptMessage(lang, receipt, donor.timeZone) });
  } catch (error) {
    ctx.deps.logger.warn({ error: describeError(error) }, 'could not send a receipt');
  }
}

privateChats.callbackQuery(callbackPattern(STAFF_FEATURE, 'confirm'), async (ctx) => {
  if (!ctx.person) return staleButton(ctx);
  const result = await confirmInstalment(ctx.deps.db, ctx.person.id, argId(ctx));
  if (!result.ok) {
    if (result.error === 'already_confirmed') return ctx.answerCallbackQuery({ text: ctx.t('donations.staff.already_confirmed'), show_alert: true });
    if (result.error === 'not_confirmable') return ctx.answerCallbackQuery({ text: ctx.t('donations.error.invalid_state') });
    if (result.error === 'total_overflow') return ctx.answerCallbackQuery({ text: ctx.t('donations.staff.record_error.target_overflow'), show_alert: true });
    return staleButton(ctx);
  }
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t('donations.staff.confirmed', { reference: result.receipt.pledgeReference, receipt: result.receipt.receiptNumber }));
  await sendReceipt(ctx, result.receipt, result.donor);
});

privateChats.command('record_donation', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('donations.staff.not_available'));
  const [code = '', ...rest] = ctx.match.trim().split(/\s+/);
  const fund = await findFund(ctx.deps.db, code);
  const { amountMinor, remainder } = leadingAmount(rest, fund?.currency ?? CURRENCY);
  const result = await recordOfflineDonation(ctx.deps.db, ctx.person.id, { fundCode: code, amountMinor, reference: remainder || null });
  if (!result.ok) {
    if (result.error === 'not_coordinator') return ctx.reply(ctx.t('donations.staff.not_available'));
    return ctx.reply(ctx.t(`donations.staff.record_error.${result.error}`));
  }
  const { fund: updated } = result;
  await ctx.reply(ctx.t('donations.staff.recorded', { fund: fundName(ctx.lang, updated), interpolation: { escapeValue: false } }));
  await show(ctx, fundsScreen(ctx.t, ctx.lang, [updated], new Map()));
});

privateChats.command('fund_add', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('donations.staff.not_available'));
  const [code = '', ...rest] = ctx.match.trim().split(/\s+/);
  const { amountMinor, remainder } = leadingAmount(rest, CURRENCY);
  const result = await addFund(ctx.deps.db, ctx.person.id, { code, targetMinor: amountMinor, name: remainder, currency: CURRENCY });
  if (!result.ok) return ctx.reply(ctx.t(result.error === 'not_admin' ? 'donations.staff.not_available' : `donations.staff.fund_error.${result.error}`));
  await ctx.reply(ctx.t('donations.staff.fund_added', { code: result.fund.code }));
});

privateChats.command('fund_close', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('donations.staff.not_available'));
  const result = await closeFund(ctx.deps.db, ctx.person.id, ctx.match.trim());
  if (!result.ok) return ctx.reply(ctx.t(result.error === 'not_admin' ? 'donations.staff.not_available' : `donations.staff.fund_error.${result.error}`));
  await ctx.reply(ctx.t('donations.staff.fund_closed', { code: result.fund.code }));
});
