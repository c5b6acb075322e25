// The coordinator's console for volunteering: /volunteers (approve or reject sign-ups),
// /task_board (counts of requested, open, claimed, stale and done tasks; publish or decline
// households' requests, with effort and due date), /task_new SN-… (a task from a case:
// caseworkers too), /pair <volunteer #> SN-… (a recurring visit) and /pairings (end one). Rights are checked by the services on every
// command and button; the volunteer or household concerned is told in their own language.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import { REFERENCE_PATTERN } from '../../domain/applications/index.js';
import {
  activePairings,
  createPairing,
  declineRequest,
  endPairing,
  DEFAULT_VOLUNTEERING_SETTINGS,
  isFrequency,
  pendingVolunteers,
  publishRequest,
  reviewVolunteer,
  taskBoard,
  type Recipient,
} from '../../domain/volunteering/index.js';
import { formatDate, isLanguage, t as translate, type Language } from '../../i18n.js';
import { callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import {
  boardScreen,
  COORD,
  DUE_DAY_CHOICES,
  dueChoice,
  effortChoice,
  frequencyChoice,
  householdNotice,
  pairingsScreen,
  pendingVolunteersScreen,
} from '../views/volunteering.js';
import type { Screen } from '../views/questionnaire.js';
import { startContactForm } from './help-requests.js';
import { tellPerson } from './volunteering.js';

export const coordination = new FeatureComposer<BotContext>();
const privateChats = coordination.chatType('private');

const settings = (ctx: BotContext) => ctx.deps.volunteering ?? DEFAULT_VOLUNTEERING_SETTINGS;
const timeZone = (ctx: BotContext) => ctx.person?.timeZone ?? 'UTC';
const staffId = (ctx: BotContext) => ctx.person?.id ?? 0;
const notAvailable = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t('coordination.not_available'), show_alert: true });
const langOf = (ctx: BotContext, to: Recipient): Language => (isLanguage(to.language) ? to.language : ctx.deps.defaultLanguage);
const idOf = (ctx: { match: RegExpMatchArray | string }) => {
  const raw = typeof ctx.match === 'string' ? ctx.match : ctx.match[1];
  return raw && /^\d{1,10}$/.test(raw) ? Number(raw) : 0;
};

async function show(ctx: BotContext, screen: Screen, mode: 'edit' | 'new'): Promise<void> {
  if (mode === 'edit' && ctx.callbackQuery?.message) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  else await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

// --- Volunteers waiting for approval ----------------------------------------------------------------

async function showPending(ctx: BotContext, mode: 'edit' | 'new'): Promise<boolean> {
  const pending = await pendingVolunteers(ctx.deps.db, staffId(ctx));
  if (!pending) return false;
  await show(ctx, pendingVolunteersScreen(ctx.t, pending, ctx.deps.townships), mode);
  return true;
}

privateChats.command('volunteers', async (ctx) => {
  if (!(await showPending(ctx, 'new'))) await ctx.reply(ctx.t('coordination.not_available'));
});

for (const decision of ['approve', 'reject'] as const) {
  privateChats.callbackQuery(callbackPattern(COORD, decision), async (ctx) => {
    const result = await reviewVolunteer(ctx.deps.db, staffId(ctx), idOf(ctx), decision);
    if (!result.ok) return notAvailable(ctx);
    const id = result.volunteer.personId;
    await ctx.answerCallbackQuery({
      text: result.changed
        ? ctx.t(`coordination.volunteers.${decision === 'approve' ? 'approved' : 'rejected'}`, { id })
        : ctx.t('coordination.volunteers.unchanged', { id }),
    });
    await showPending(ctx, 'edit');
    if (result.changed) {
      const lang = langOf(ctx, result.volunteer);
      await tellPerson(ctx, result.volunteer, {
        text: translate(lang, decision === 'approve' ? 'volunteering.approved' : 'volunteering.rejected'),
        keyboard: new InlineKeyboard(),
      });
    }
  });
}

// --- The task board ----------------------------------------------------------------------------------

async function showBoard(ctx: BotContext, mode: 'edit' | 'new'): Promise<boolean> {
  const board = await taskBoard(ctx.deps.db, staffId(ctx), settings(ctx));
  if (!board) return false;
  await show(ctx, boardScreen(ctx.t, ctx.lang, board, settings(ctx).checkinAfterDays, ctx.deps.townships, timeZone(ctx)), mode);
  return true;
}

privateChats.command('task_board', async (ctx) => {
  if (!(await showBoard(ctx, 'new'))) await ctx.reply(ctx.t('coordination.not_available'));
});

// Publishing a request: about how many hours, then by when; then it is open for volunteers.
privateChats.callbackQuery(callbackPattern(COORD, 'publish'), async (ctx) => {
  const taskId = idOf(ctx);
  // Only routes: publishRequest checks the role again at the last step.
  if (!ctx.person?.staffRole || taskId === 0) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t('coordination.publish.effort', { id: taskId }), { reply_markup: effortChoice(ctx.t, taskId) });
});

privateChats.callbackQuery(callbackPattern(COORD, 'pube'), async (ctx) => {
  const match = /^(\d{1,10})-(\d{1,3})$/.exec(ctx.match[1] ?? '');
  if (!ctx.person?.staffRole || !match) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
  const [taskId, hours] = [Number(match[1]), Number(match[2])];
  await ctx.editMessageText(ctx.t('coordination.publish.due', { id: taskId }), {
    reply_markup: dueChoice(ctx.lang, taskId, hours, new Date(), timeZone(ctx)),
  });
});

privateChats.callbackQuery(callbackPattern(COORD, 'pubd'), async (ctx) => {
  const match = /^(\d{1,10})-(\d{1,3})-(\d{1,2})$/.exec(ctx.match[1] ?? '');
  const days = Number(match?.[3]);
  if (!match || !(DUE_DAY_CHOICES as readonly number[]).includes(days)) return notAvailable(ctx);
  const dueDate = new Date(Date.now() + days * 86_400_000);
  const effortHours = Number(match[2]);
  const result = await publishRequest(ctx.deps.db, staffId(ctx), Number(match[1]), { dueDate, effortHours });
  if (!result.ok) {
    if (result.error === 'not_requested') return ctx.answerCallbackQuery({ text: ctx.t('coordination.board.not_requested'), show_alert: true });
    return notAvailable(ctx);
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('coordination.board.published', { id: result.taskId, date: formatDate(ctx.lang, dueDate, timeZone(ctx)), hours: effortHours }));
  await tellAboutRequest(ctx, result, 'published');
});

privateChats.callbackQuery(callbackPattern(COORD, 'decline'), async (ctx) => {
  const result = await declineRequest(ctx.deps.db, staffId(ctx), idOf(ctx));
  if (!result.ok) {
    if (result.error === 'not_requested') return ctx.answerCallbackQuery({ text: ctx.t('coordination.board.not_requested'), show_alert: true });
    return notAvailable(ctx);
  }
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t('coordination.board.declined', { id: result.taskId }));
  await showBoard(ctx, 'edit');
  await tellAboutRequest(ctx, result, 'declined');
});

async function tellAboutRequest(ctx: BotContext, result: { taskId: number; household: Recipient | null; type?: string }, event: 'published' | 'declined') {
  if (!result.household || !result.type) return;
  await tellPerson(ctx, result.household, householdNotice(langOf(ctx, result.household), event, { id: result.taskId, type: result.type }));
}

// --- Pairings --------------------------------------------------------------------------------------------

async function showPairings(ctx: BotContext, mode: 'edit' | 'new'): Promise<boolean> {
  const pairings = await activePairings(ctx.deps.db, staffId(ctx), settings(ctx), 'all');
  if (!pairings) return false;
  await show(ctx, pairingsScreen(ctx.t, ctx.lang, pairings, timeZone(ctx)), mode);
  return true;
}

privateChats.command('pairings', async (ctx) => {
  if (!(await showPairings(ctx, 'new'))) await ctx.reply(ctx.t('coordination.not_available'));
});

privateChats.callbackQuery(callbackPattern(COORD, 'unpair'), async (ctx) => {
  const result = await endPairing(ctx.deps.db, staffId(ctx), idOf(ctx));
  if (!result.ok) return notAvailable(ctx);
  await ctx.answerCallbackQuery({ text: ctx.t('coordination.pairings.ended', { id: idOf(ctx) }) });
  await showPairings(ctx, 'edit');
});

// --- A task from a case, and pairing ------------------------------------------------------------------

privateChats.command('task_new', async (ctx) => {
  // The stored staff role only routes the command; createTaskFromCase checks it again.
  if (!ctx.person?.staffRole) return ctx.reply(ctx.t('coordination.not_available'));
  const reference = ctx.match.trim().toUpperCase();
  if (!REFERENCE_PATTERN.test(reference)) return ctx.reply(ctx.t('coordination.new_task.usage'));
  await startContactForm(ctx, { for: 'case', reference });
});

privateChats.command('pair', async (ctx) => {
  if (!ctx.person?.staffRole) return ctx.reply(ctx.t('coordination.not_available'));
  const match = /^#?(\d{1,10})\s+(\S+)$/.exec(ctx.match.trim());
  const reference = match?.[2]?.toUpperCase() ?? '';
  if (!match || !REFERENCE_PATTERN.test(reference)) return ctx.reply(ctx.t('coordination.pair.usage'));
  await ctx.reply(ctx.t('coordination.pair.frequency', { id: match[1], reference }), {
    reply_markup: frequencyChoice(ctx.t, Number(match[1]), reference),
  });
});

privateChats.callbackQuery(callbackPattern(COORD, 'pair'), async (ctx) => {
  const match = /^(\d{1,10})-(SN-\d{4}-\d{6,})-([a-z]+)$/.exec(ctx.match[1] ?? '');
  if (!match || !isFrequency(match[3])) return notAvailable(ctx);
  const [, volunteerId, reference, frequency] = match;
  const result = await createPairing(ctx.deps.db, staffId(ctx), { volunteerId: Number(volunteerId), reference: reference!, frequency: frequency! }, settings(ctx));
  if (!result.ok) {
    if (result.error === 'not_coordinator') return notAvailable(ctx);
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(ctx.t(`coordination.pair.error.${result.error}`, { id: volunteerId, reference }));
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('coordination.pair.created', { id: result.pairingId }));
  const lang = langOf(ctx, result.volunteer);
  await tellPerson(ctx, result.volunteer, {
    text: translate(lang, 'coordination.pair.volunteer_told', { frequency: translate(lang, `volunteering.frequency.${frequency}`) }),
    keyboard: new InlineKeyboard(),
  });
});
