// The volunteer's side: /volunteer (sign up, see and edit the profile, pause for a holiday),
// /tasks (open tasks, best matches first), a task's card, Claim, Still on it, Give it back,
// Mark as done (report, then hours), /my_tasks (claims, pairings, hours) and "I was in touch".
// Every button carries only an id: the volunteering services decide who may do what, and the
// card is read afresh on every view, so the household's contact shows only to the claimant, now.
import { FeatureComposer } from '../composer.js';
import { parseMoney } from '../../domain/input/numbers.js';
import {
  checkInTask,
  claimTask,
  completeTask,
  DEFAULT_VOLUNTEERING_SETTINGS,
  getProfile,
  isAvailability,
  isTaskLanguage,
  isTaskType,
  activePairings,
  logContact,
  MAX_ACTIVE_CHOICES,
  MAX_REPORT_LENGTH,
  MAX_TASK_HOURS,
  myTasks,
  openTasksFor,
  saveProfile,
  setPaused,
  taskCard,
  unclaimTask,
  type ClaimResult,
} from '../../domain/volunteering/index.js';
import { formatDate, isLanguage } from '../../i18n.js';
import { callbackPattern } from '../callback-data.js';
import type { BotContext, SignupDraft, VolunteeringSession } from '../context.js';
import { describeError } from '../errors.js';
import { householdNotice, myTasksScreen, profileScreen, signupScreen, taskCardScreen, taskListScreen, VOL } from '../views/volunteering.js';
import type { Screen } from '../views/questionnaire.js';
import { staleButton } from './shared.js';

export const volunteering = new FeatureComposer<BotContext>();
const privateChats = volunteering.chatType('private');

const settings = (ctx: BotContext) => ctx.deps.volunteering ?? DEFAULT_VOLUNTEERING_SETTINGS;
const timeZone = (ctx: BotContext) => ctx.person?.timeZone ?? 'UTC';
const townshipCodes = (ctx: BotContext) => ctx.deps.townships.map((t) => t.code);
const state = (ctx: BotContext): VolunteeringSession => (ctx.session.volunteering ??= {});

async function show(ctx: BotContext, screen: Screen, mode: 'edit' | 'new'): Promise<void> {
  if (mode === 'edit' && ctx.callbackQuery?.message) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  else await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/** A numeric id from callback data; the services check what it names and whose it is. */
const idOf = (ctx: { match: RegExpMatchArray | string }) => {
  const raw = typeof ctx.match === 'string' ? ctx.match : ctx.match[1];
  return raw && /^\d{1,10}$/.test(raw) ? Number(raw) : 0;
};

// --- Sign-up and profile --------------------------------------------------------------------------

async function showProfileOrSignup(ctx: BotContext, mode: 'edit' | 'new'): Promise<void> {
  if (!ctx.person) return void (await ctx.reply(ctx.t('consent.required')));
  if (ctx.person.role !== 'volunteer') return void (await ctx.reply(ctx.t('volunteering.signup.not_volunteer')));
  const profile = await getProfile(ctx.deps.db, ctx.person.id);
  if (profile) return show(ctx, profileScreen(ctx.t, profile, ctx.deps.townships), mode);
  const draft: SignupDraft = { step: 'languages', languages: [ctx.lang], skills: [], availability: [] };
  state(ctx).signup = draft;
  await show(ctx, signupScreen(ctx.t, draft, ctx.deps.townships), mode);
}

privateChats.command('volunteer', (ctx) => showProfileOrSignup(ctx, 'new'));
privateChats.callbackQuery(callbackPattern(VOL, 'profile'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showProfileOrSignup(ctx, 'edit');
});

privateChats.callbackQuery(callbackPattern(VOL, 'edit'), async (ctx) => {
  const profile = ctx.person ? await getProfile(ctx.deps.db, ctx.person.id) : null;
  if (!profile) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const draft: SignupDraft = {
    step: 'languages',
    languages: [...profile.languages],
    skills: [...profile.skills],
    availability: [...profile.availability],
    township: profile.township,
  };
  state(ctx).signup = draft;
  await show(ctx, signupScreen(ctx.t, draft, ctx.deps.townships), 'edit');
});

/** A tap on a multiple-choice step toggles the code; only codes of that step are accepted. */
function toggle(field: 'languages' | 'skills' | 'availability', step: SignupDraft['step'], valid: (code: string) => boolean, action: string) {
  privateChats.callbackQuery(callbackPattern(VOL, action), async (ctx) => {
    const draft = ctx.session.volunteering?.signup;
    const code = ctx.match[1] ?? '';
    if (!draft || draft.step !== step || !valid(code)) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    const chosen = new Set(draft[field]);
    if (chosen.has(code)) chosen.delete(code);
    else chosen.add(code);
    draft[field] = [...chosen];
    await show(ctx, signupScreen(ctx.t, draft, ctx.deps.townships), 'edit');
  });
}
toggle('languages', 'languages', isTaskLanguage, 'lang');
toggle('skills', 'skills', isTaskType, 'skill');
toggle('availability', 'availability', isAvailability, 'avail');

const NEXT_STEP: Partial<Record<SignupDraft['step'], SignupDraft['step']>> = { languages: 'skills', skills: 'township', availability: 'max' };

privateChats.callbackQuery(callbackPattern(VOL, 'next'), async (ctx) => {
  const draft = ctx.session.volunteering?.signup;
  const next = draft ? NEXT_STEP[draft.step] : undefined;
  if (!draft || !next) return staleButton(ctx);
  const field = draft.step === 'languages' ? draft.languages : draft.step === 'skills' ? draft.skills : draft.availability;
  if (field.length === 0) return ctx.answerCallbackQuery({ text: ctx.t('volunteering.signup.pick_one'), show_alert: true });
  await ctx.answerCallbackQuery();
  draft.step = next;
  await show(ctx, signupScreen(ctx.t, draft, ctx.deps.townships), 'edit');
});

privateChats.callbackQuery(callbackPattern(VOL, 'town'), async (ctx) => {
  const draft = ctx.session.volunteering?.signup;
  const code = ctx.match[1] ?? '';
  if (!draft || draft.step !== 'township' || !townshipCodes(ctx).includes(code)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  draft.township = code;
  draft.step = 'availability';
  await show(ctx, signupScreen(ctx.t, draft, ctx.deps.townships), 'edit');
});

privateChats.callbackQuery(callbackPattern(VOL, 'max'), async (ctx) => {
  const draft = ctx.session.volunteering?.signup;
  const max = idOf(ctx);
  if (!draft || draft.step !== 'max' || !ctx.person || !(MAX_ACTIVE_CHOICES as readonly number[]).includes(max)) return staleButton(ctx);
  const result = await saveProfile(
    ctx.deps.db,
    ctx.person.id,
    { languages: draft.languages, skills: draft.skills, availability: draft.availability, township: draft.township ?? '', maxActiveTasks: max },
    townshipCodes(ctx),
  );
  state(ctx).signup = undefined;
  await ctx.answerCallbackQuery();
  if (!result.ok) {
    // A choice that is no longer valid (the township list changed, the role was switched): start again.
    return ctx.editMessageText(ctx.t(result.error === 'not_volunteer' ? 'volunteering.signup.not_volunteer' : 'errors.stale_button'));
  }
  await ctx.editMessageText(ctx.t(result.created ? 'volunteering.signup.saved_new' : 'volunteering.signup.saved'));
  if (!result.created) await show(ctx, profileScreen(ctx.t, result.profile, ctx.deps.townships), 'new');
});

for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
  privateChats.callbackQuery(callbackPattern(VOL, action), async (ctx) => {
    const profile = ctx.person ? await setPaused(ctx.deps.db, ctx.person.id, paused) : null;
    if (!profile) return staleButton(ctx);
    await ctx.answerCallbackQuery({ text: ctx.t(paused ? 'volunteering.paused' : 'volunteering.resumed') });
    await show(ctx, profileScreen(ctx.t, profile, ctx.deps.townships), 'edit');
  });
}

// --- Tasks ---------------------------------------------------------------------------------------------

async function showTasks(ctx: BotContext, mode: 'edit' | 'new'): Promise<void> {
  if (!ctx.person) return void (await ctx.reply(ctx.t('consent.required')));
  const result = await openTasksFor(ctx.deps.db, ctx.person.id);
  if (!result.ok) return void (await ctx.reply(ctx.t(`volunteering.refused.${result.error}`)));
  await show(ctx, taskListScreen(ctx.t, ctx.lang, result.listing, ctx.deps.townships, timeZone(ctx)), mode);
}

privateChats.command('tasks', (ctx) => showTasks(ctx, 'new'));
privateChats.callbackQuery(callbackPattern(VOL, 'tasks'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showTasks(ctx, 'edit');
});

/** The task's card for whoever pressed, read now; false when they may not see it. */
async function showCard(ctx: BotContext, taskId: number, mode: 'edit' | 'new'): Promise<boolean> {
  const card = ctx.person ? await taskCard(ctx.deps.db, ctx.person.id, taskId) : null;
  if (!card) return false;
  await show(ctx, taskCardScreen(ctx.t, ctx.lang, card, ctx.deps.townships, timeZone(ctx)), mode);
  return true;
}

privateChats.callbackQuery(callbackPattern(VOL, 'card'), async (ctx) => {
  if (!(await showCard(ctx, idOf(ctx), 'edit'))) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
});

const notAvailable = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t('volunteering.claim.not_found'), show_alert: true });

privateChats.callbackQuery(callbackPattern(VOL, 'claim'), async (ctx) => {
  if (!ctx.person) return staleButton(ctx);
  const result = await claimTask(ctx.deps.db, ctx.person.id, idOf(ctx));
  if (!result.ok) return ctx.answerCallbackQuery({ text: claimRefusal(ctx, result), show_alert: true });
  await ctx.answerCallbackQuery({ text: ctx.t('volunteering.claim.ok') });
  await showCard(ctx, result.taskId, 'edit');
  if (result.household) {
    const notice = householdNotice(langOf(ctx, result.household.language), 'claimed', { id: result.taskId, type: result.type, volunteerName: result.volunteerName });
    await tellPerson(ctx, result.household, notice);
  }
});

function claimRefusal(ctx: BotContext, result: Extract<ClaimResult, { ok: false }>): string {
  switch (result.error) {
    case 'cap_reached':
      return ctx.t('volunteering.claim.cap_reached', { max: result.maxActiveTasks ?? 0 });
    case 'taken':
    case 'already_yours':
    case 'not_found':
      return ctx.t(`volunteering.claim.${result.error}`);
    default:
      return ctx.t(`volunteering.refused.${result.error}`);
  }
}

privateChats.callbackQuery(callbackPattern(VOL, 'unclaim'), async (ctx) => {
  const result = ctx.person ? await unclaimTask(ctx.deps.db, ctx.person.id, idOf(ctx)) : null;
  if (!result?.ok) return ctx.answerCallbackQuery({ text: ctx.t('volunteering.not_held'), show_alert: true });
  if (ctx.session.volunteering?.completing?.taskId === result.taskId) state(ctx).completing = undefined;
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t('volunteering.unclaimed'));
});

privateChats.callbackQuery(callbackPattern(VOL, 'checkin'), async (ctx) => {
  const result = ctx.person ? await checkInTask(ctx.deps.db, ctx.person.id, idOf(ctx)) : null;
  if (!result?.ok) return ctx.answerCallbackQuery({ text: ctx.t('volunteering.not_held'), show_alert: true });
  await ctx.answerCallbackQuery({ text: ctx.t('volunteering.checked_in') });
});

privateChats.callbackQuery(callbackPattern(VOL, 'done'), async (ctx) => {
  const card = ctx.person ? await taskCard(ctx.deps.db, ctx.person.id, idOf(ctx)) : null;
  if (!card?.heldByViewer) return ctx.answerCallbackQuery({ text: ctx.t('volunteering.not_held'), show_alert: true });
  await ctx.answerCallbackQuery();
  state(ctx).completing = { taskId: card.id };
  await ctx.reply(ctx.t('volunteering.complete.report', { max: MAX_REPORT_LENGTH }));
});

// Before the FAQ and the questionnaire: the report and hours of a task being completed.
privateChats.on('message:text', async (ctx, next) => {
  const completing = ctx.session.volunteering?.completing;
  if (!completing || !ctx.person) return next();
  const text = ctx.message.text;
  if (text.startsWith('/')) {
    state(ctx).completing = undefined;
    return next();
  }
  if (completing.report === undefined) {
    const report = text.trim();
    if (report === '' || report.length > MAX_REPORT_LENGTH) return ctx.reply(ctx.t('volunteering.complete.bad_report', { max: MAX_REPORT_LENGTH }));
    completing.report = report;
    return ctx.reply(ctx.t('volunteering.complete.hours'));
  }
  // Hours with up to two decimals ("1.5", "1,5", "١٫٥"), read like an amount of money.
  const parsed = parseMoney(text, { maxMinor: MAX_TASK_HOURS * 100 });
  const minutes = parsed.ok ? Math.round((parsed.amountMinor * 60) / 100) : 0;
  if (minutes < 1) return ctx.reply(ctx.t('volunteering.complete.bad_hours', { max: MAX_TASK_HOURS }));
  state(ctx).completing = undefined;
  const result = await completeTask(ctx.deps.db, ctx.person.id, completing.taskId, { report: completing.report, minutes });
  if (!result.ok) return ctx.reply(ctx.t('volunteering.not_held'));
  await ctx.reply(ctx.t('volunteering.complete.done', { id: result.taskId }));
  if (result.household) {
    await tellPerson(ctx, result.household, householdNotice(langOf(ctx, result.household.language), 'done', { id: result.taskId, type: result.type }));
  }
});

// --- My tasks and pairings -------------------------------------------------------------------------------

async function showMine(ctx: BotContext, mode: 'edit' | 'new'): Promise<void> {
  if (!ctx.person) return void (await ctx.reply(ctx.t('consent.required')));
  const [mine, pairings] = await Promise.all([
    myTasks(ctx.deps.db, ctx.person.id),
    activePairings(ctx.deps.db, ctx.person.id, settings(ctx)),
  ]);
  await show(ctx, myTasksScreen(ctx.t, ctx.lang, mine, pairings ?? [], ctx.deps.townships, timeZone(ctx)), mode);
}

privateChats.command('my_tasks', (ctx) => showMine(ctx, 'new'));
privateChats.callbackQuery(callbackPattern(VOL, 'mine'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showMine(ctx, 'edit');
});

privateChats.callbackQuery(callbackPattern(VOL, 'contact'), async (ctx) => {
  const result = ctx.person ? await logContact(ctx.deps.db, ctx.person.id, idOf(ctx), settings(ctx)) : null;
  if (!result?.ok) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t('volunteering.contact_logged', { date: formatDate(ctx.lang, result.contactDueAt, timeZone(ctx)) }));
});

// --- Telling the household -----------------------------------------------------------------------------------

const langOf = (ctx: BotContext, language: string) => (isLanguage(language) ? language : ctx.deps.defaultLanguage);

/** A household or volunteer hears in their own language; a failure is logged (never the message) and ignored. */
export async function tellPerson(ctx: BotContext, to: { chatId: number; reachable: boolean }, message: Screen): Promise<boolean> {
  if (!to.reachable) return false;
  // No empty keyboard: a message without buttons is sent without reply_markup.
  const markup = message.keyboard.inline_keyboard.some((row) => row.length > 0) ? { reply_markup: message.keyboard } : {};
  return ctx.api
    .sendMessage(to.chatId, message.text, markup)
    .then(() => true)
    .catch((error: unknown) => {
      ctx.deps.logger.warn({ error: describeError(error) }, 'could not tell a household or volunteer about a task');
      return false;
    });
}
