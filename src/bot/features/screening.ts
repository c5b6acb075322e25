// Eligibility check in chat: /check (or the applicant menu) → questions one at a time, with
// buttons where possible → review where any answer can be changed → results with the numbers.
// The questionnaire lives in the session (database), so a restart continues where it stopped.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import {
  addMember,
  answer,
  currentQuestion,
  editAnswer,
  goBack,
  isComplete,
  removeMember,
  restoreQuestionnaire,
  questionnaireFromHousehold,
  startQuestionnaire,
  toHousehold,
  type QuestionnaireHousehold,
  type QuestionnaireState,
} from '../../domain/questionnaire/index.js';
import { getApplication, saveDraft } from '../../domain/applications/index.js';
import { submitReviewUpdate } from '../../domain/casework/index.js';
import { evaluate } from '../../domain/screening/index.js';
import { currentPolicy } from '../../domain/standards/standards.js';
import { isLanguage, t } from '../../i18n.js';
import { describeError } from '../errors.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { optionFromLabel } from '../views/answers.js';
import { memberScreen, questionScreen, reviewScreen, type Screen } from '../views/questionnaire.js';
import { resultScreens } from '../views/screening-results.js';
import { showChecklist } from './applications.js';
import { faqCanAnswer } from './questions.js';
import { staleButton } from './shared.js';

export const screening = new FeatureComposer<BotContext>();
const privateChats = screening.chatType('private');

/**
 * Buttons carry the number of the screen they belong to (`v1:scr:<action>:<screen>[-<arg>]`):
 * a button from an older screen must not answer the question on screen now.
 */
function button(ctx: BotContext, action: string, arg?: string | number): string {
  return callbackData('scr', action, arg === undefined ? String(ctx.session.screeningScreen ?? 0) : `${ctx.session.screeningScreen ?? 0}-${arg}`);
}

function loadState(ctx: BotContext): QuestionnaireState | null {
  return ctx.session.screening === undefined ? null : restoreQuestionnaire(ctx.session.screening);
}

function saveState(ctx: BotContext, state: QuestionnaireState): void {
  ctx.session.screening = state;
}

/** The screen for where the person is now: the current question, or the review. */
function currentScreen(ctx: BotContext, state: QuestionnaireState): Screen {
  ctx.session.screeningScreen = (ctx.session.screeningScreen ?? 0) + 1;
  const bind = (id: string) => button(ctx, ...splitAction(id));
  return (
    questionScreen(ctx.t, ctx.lang, state, bind) ?? reviewScreen(ctx.t, ctx.lang, state, bind)
  );
}

/** Views name buttons `action` or `action:arg`; this binds them to the current screen number. */
function splitAction(id: string): [string, string | undefined] {
  const [action, arg] = id.split(':') as [string, string | undefined];
  return [action, arg];
}

async function show(ctx: BotContext, screen: Screen, mode: 'edit' | 'new'): Promise<void> {
  if (mode === 'edit' && ctx.callbackQuery?.message) {
    await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  } else {
    await ctx.reply(screen.text, { reply_markup: screen.keyboard });
  }
}

async function begin(ctx: BotContext): Promise<void> {
  if (!ctx.person) {
    await ctx.reply(ctx.t('consent.required'));
    return;
  }
  const existing = loadState(ctx);
  if (existing && !isComplete(existing) && existing.history.length > 0) {
    await ctx.reply(ctx.t('screening.resume.question'), {
      reply_markup: {
        inline_keyboard: [
          [{ text: ctx.t('screening.resume.continue'), callback_data: callbackData('scr', 'continue') }],
          [{ text: ctx.t('screening.resume.restart'), callback_data: callbackData('scr', 'restart') }],
        ],
      },
    });
    return;
  }
  const state = existing ?? startQuestionnaire();
  if (!existing) ctx.session.reviewUpdate = undefined;
  saveState(ctx, state);
  if (!existing) await ctx.reply(ctx.t('screening.intro'));
  await show(ctx, currentScreen(ctx, state), 'new');
}

privateChats.command('check', begin);
privateChats.callbackQuery(callbackPattern('menu', 'check'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await begin(ctx);
});

privateChats.callbackQuery(callbackPattern('scr', 'continue'), async (ctx) => {
  await ctx.answerCallbackQuery();
  const state = loadState(ctx);
  if (!state || !ctx.person) return begin(ctx);
  await show(ctx, currentScreen(ctx, state), 'edit');
});

privateChats.callbackQuery(callbackPattern('scr', 'restart'), async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.person) return ctx.reply(ctx.t('consent.required'));
  const state = startQuestionnaire();
  saveState(ctx, state);
  ctx.session.reviewUpdate = undefined;
  await show(ctx, currentScreen(ctx, state), 'edit');
});

/**
 * Every other screening button: check it belongs to the screen on display, then act.
 * `arg` is what the view put after the screen number.
 */
type ButtonAction = (ctx: BotContext, state: QuestionnaireState, arg: string | undefined) => Promise<void>;

function onButton(action: string, act: ButtonAction): void {
  privateChats.callbackQuery(callbackPattern('scr', action), async (ctx) => {
    const [screenNo, ...rest] = (ctx.match[1] ?? '').split('-');
    const state = loadState(ctx);
    if (!ctx.person || !state || Number(screenNo) !== ctx.session.screeningScreen) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    await act(ctx, state, rest.length ? rest.join('-') : undefined);
  });
}

onButton('a', async (ctx, state, code) => {
  const outcome = answer(state, code ?? '');
  if (!outcome.ok) return; // buttons only offer valid options; a mismatch is a stale screen
  saveState(ctx, outcome.state);
  await show(ctx, currentScreen(ctx, outcome.state), 'edit');
});

onButton('back', async (ctx, state) => {
  const previous = goBack(state);
  saveState(ctx, previous);
  await show(ctx, currentScreen(ctx, previous), 'edit');
});

onButton('pause', async (ctx) => {
  await ctx.editMessageText(ctx.t('screening.paused'));
});

onButton('review', async (ctx, state) => {
  await show(ctx, currentScreen(ctx, state), 'edit');
});

onButton('edit', async (ctx, state, arg) => {
  const [id, member] = (arg ?? '').split('-');
  const edited = editAnswer(state, id ?? '', member === undefined ? undefined : Number(member));
  saveState(ctx, edited);
  await show(ctx, currentScreen(ctx, edited), 'edit');
});

onButton('member', async (ctx, state, arg) => {
  const index = Number(arg);
  if (!Number.isInteger(index) || state.members[index] === undefined) return;
  ctx.session.screeningScreen = (ctx.session.screeningScreen ?? 0) + 1;
  const bind = (id: string) => button(ctx, ...splitAction(id));
  await show(ctx, memberScreen(ctx.t, ctx.lang, state, index, bind), 'edit');
});

onButton('rm', async (ctx, state, arg) => {
  const next = removeMember(state, Number(arg));
  saveState(ctx, next);
  await show(ctx, currentScreen(ctx, next), 'edit');
});

onButton('add', async (ctx, state) => {
  const next = addMember(state);
  saveState(ctx, next);
  await show(ctx, currentScreen(ctx, next), 'edit');
});

/** Today in UTC as the rules read dates. */
const today = () => new Date().toISOString().slice(0, 10);

/** The household's screening today, under the standards in force (admins add them by date). */
async function screen(ctx: BotContext, household: QuestionnaireHousehold) {
  return evaluate(household, today(), await currentPolicy(ctx.deps.db));
}

onButton('results', async (ctx, state) => {
  const household = toHousehold(state);
  if (!household) return show(ctx, currentScreen(ctx, state), 'edit');
  const result = await screen(ctx, household);
  ctx.session.screeningScreen = (ctx.session.screeningScreen ?? 0) + 1;
  await ctx.editMessageReplyMarkup();
  const purpose = ctx.session.reviewUpdate ? 'review_update' : 'apply';
  const screens = resultScreens(ctx.t, ctx.lang, result, (id) => button(ctx, ...splitAction(id)), purpose);
  for (const s of screens) await ctx.reply(s.text, { reply_markup: s.keyboard });
});

// --- Updating an approved case's answers before its re-review --------------------------------

// From the review reminder: the stored answers, on the review screen, to change what changed.
privateChats.callbackQuery(callbackPattern('scr', 'upd'), async (ctx) => {
  const application = ctx.person ? await getApplication(ctx.deps.db, ctx.person.id, Number(ctx.match[1])) : null;
  if (!application || application.status !== 'approved') return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const state = questionnaireFromHousehold(application.household);
  saveState(ctx, state);
  ctx.session.reviewUpdate = true;
  await ctx.reply(ctx.t('screening.update.intro', { reference: application.reference }));
  await show(ctx, currentScreen(ctx, state), 'new');
});

onButton('sendupd', async (ctx, state) => {
  const household = toHousehold(state);
  if (!household || !ctx.person || !ctx.session.reviewUpdate) return show(ctx, currentScreen(ctx, state), 'edit');
  const sent = await submitReviewUpdate(ctx.deps.db, ctx.person.id, household, await screen(ctx, household));
  await ctx.editMessageReplyMarkup();
  ctx.session.reviewUpdate = undefined;
  ctx.session.screening = undefined;
  if (!sent.ok) return void (await ctx.reply(ctx.t('screening.update.no_case')));
  await ctx.reply(ctx.t('screening.update.sent', { reference: sent.reference }));
  if (sent.caseworker) {
    const lang = isLanguage(sent.caseworker.language) ? sent.caseworker.language : ctx.deps.defaultLanguage;
    await ctx.api
      .sendMessage(sent.caseworker.chatId, t(lang, 'screening.update.staff_notice', { reference: sent.reference }), {
        reply_markup: new InlineKeyboard().text(t(lang, 'casework.button.review_now'), callbackData('rev', 'open', sent.applicationId)),
      })
      .catch((error: unknown) => ctx.deps.logger.warn({ error: describeError(error) }, 'could not tell a caseworker about an update'));
  }
});

onButton('apply', async (ctx, state) => {
  const household = toHousehold(state);
  if (!household || !ctx.person) return show(ctx, currentScreen(ctx, state), 'edit');
  const saved = await saveDraft(ctx.deps.db, ctx.person.id, household, await screen(ctx, household));
  await ctx.editMessageReplyMarkup();
  if (saved.ok) return showChecklist(ctx, saved.application, 'new');
  if (saved.error === 'already_open') {
    await ctx.reply(
      ctx.t('application.already_open', { reference: saved.reference, status: ctx.t(`application.status.${saved.status}`) }),
    );
  }
});

/** Errors that mean "this text is not an answer", as opposed to a wrong amount or age. */
const UNREADABLE: ReadonlySet<string> = new Set([
  'choice.unknown_option',
  'yes_no.unknown_option',
  'money.not_a_number',
  'whole_number.not_a_number',
]);

// Typed answers to the question on screen. Commands and people not in a questionnaire pass on.
privateChats.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  const state = ctx.person && !text.startsWith('/') ? loadState(ctx) : null;
  const current = state ? currentQuestion(state) : null;
  if (!state || !current) return next();

  const input = optionFromLabel(ctx.t, current.question, text) ?? text;
  const outcome = answer(state, input);
  // Not an answer at all but a question ("how much is the allowance?"): let the FAQ answer it,
  // then ask the current question again.
  if (!outcome.ok && UNREADABLE.has(outcome.error) && faqCanAnswer(ctx.lang, text)) {
    await next();
    await show(ctx, currentScreen(ctx, state), 'new');
    return;
  }
  if (!outcome.ok) {
    await ctx.reply(ctx.t(`screening.error.${outcome.error}`));
    await show(ctx, currentScreen(ctx, state), 'new');
    return;
  }
  saveState(ctx, outcome.state);
  await show(ctx, currentScreen(ctx, outcome.state), 'new');
});
