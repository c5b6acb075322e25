// The household's side: "I need help with the form" (/help_request, or the button on /status):
// the kind of help, the township, then the name, address and phone the volunteer will see, and
// consent; later Thanks / Report a problem under the "done" notice. Staff making a task from a
// case (/task_new, coordination.ts) type the household's details through the same form.
// The details sit in the session only until sent or cancelled.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import {
  createTaskFromCase,
  householdFeedback,
  isTaskType,
  MAX_CONTACT_FIELD,
  requestHelp,
} from '../../domain/volunteering/index.js';
import { townshipName } from '../../domain/places/townships.js';
import { isLanguage, t as translate } from '../../i18n.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import type { BotContext, ContactForm } from '../context.js';
import { HREQ, townshipChoice, typeChoice, typeName } from '../views/volunteering.js';
import { staleButton } from './shared.js';
import { tellPerson } from './volunteering.js';

export const helpRequests = new FeatureComposer<BotContext>();
const privateChats = helpRequests.chatType('private');

/** Staff-made tasks: due in a week, about two hours, unless a coordinator changes them later. */
export const DEFAULT_DUE_DAYS = 7;
export const DEFAULT_EFFORT_HOURS = 2;

const form = (ctx: BotContext) => ctx.session.volunteering?.contactForm;
function setForm(ctx: BotContext, value: ContactForm | undefined): void {
  (ctx.session.volunteering ??= {}).contactForm = value;
}

/** Starts the form: for the household itself, or for staff about a case. */
export async function startContactForm(ctx: BotContext, start: { for: 'request' } | { for: 'case'; reference: string }): Promise<void> {
  setForm(ctx, { ...start, step: 'type' });
  const prompt = start.for === 'case' ? ctx.t('coordination.new_task.type', { reference: start.reference }) : ctx.t('help_request.type');
  await ctx.reply(prompt, { reply_markup: typeChoice(ctx.t, HREQ, 'type') });
}

async function beginRequest(ctx: BotContext): Promise<void> {
  if (!ctx.person) return void (await ctx.reply(ctx.t('consent.required')));
  await startContactForm(ctx, { for: 'request' });
}

privateChats.command('help_request', beginRequest);
privateChats.callbackQuery(callbackPattern(HREQ, 'start'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await beginRequest(ctx);
});

privateChats.callbackQuery(callbackPattern(HREQ, 'type'), async (ctx) => {
  const current = form(ctx);
  const type = ctx.match[1] ?? '';
  if (!current || current.step !== 'type' || !isTaskType(type)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  setForm(ctx, { ...current, type, step: 'township' });
  await ctx.editMessageText(ctx.t('help_request.township'), { reply_markup: townshipChoice(HREQ, 'town', ctx.deps.townships) });
});

privateChats.callbackQuery(callbackPattern(HREQ, 'town'), async (ctx) => {
  const current = form(ctx);
  const code = ctx.match[1] ?? '';
  if (!current || current.step !== 'township' || !ctx.deps.townships.some((t) => t.code === code)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  setForm(ctx, { ...current, township: code, step: 'name' });
  await ctx.editMessageReplyMarkup();
  await ctx.reply(ctx.t('help_request.name'));
});

const NEXT: Record<'name' | 'address' | 'phone', ContactForm['step']> = { name: 'address', address: 'phone', phone: 'confirm' };

// Before the FAQ and the questionnaire: the name, address and phone being typed.
privateChats.on('message:text', async (ctx, next) => {
  const current = form(ctx);
  const text = ctx.message.text;
  if (current && text.startsWith('/')) {
    // Another command: the form is abandoned, and what was typed into it forgotten.
    setForm(ctx, undefined);
    return next();
  }
  if (!current || !ctx.person || !(current.step === 'name' || current.step === 'address' || current.step === 'phone')) return next();
  const value = text.replace(/\s+/g, ' ').trim();
  if (value === '' || value.length > MAX_CONTACT_FIELD) return ctx.reply(ctx.t('help_request.bad_field', { max: MAX_CONTACT_FIELD }));
  if (current.step === 'phone' && (value.match(/\d/g) ?? []).length < 5) return ctx.reply(ctx.t('help_request.bad_phone'));
  const updated: ContactForm = { ...current, [current.step]: value, step: NEXT[current.step] };
  setForm(ctx, updated);
  if (updated.step !== 'confirm') return ctx.reply(ctx.t(`help_request.${updated.step}`));
  const summary = ctx.t(updated.for === 'request' ? 'help_request.confirm' : 'coordination.new_task.confirm', {
    type: typeName(ctx.t, updated.type ?? ''),
    township: townshipName(ctx.deps.townships, updated.township ?? ''),
    name: updated.name,
    address: updated.address,
    phone: updated.phone,
    reference: updated.reference ?? '',
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t('help_request.button.send'), callbackData(HREQ, 'send'))
    .row()
    .text(ctx.t('help_request.button.cancel'), callbackData(HREQ, 'cancel'));
  await ctx.reply(summary, { reply_markup: keyboard });
});

privateChats.callbackQuery(callbackPattern(HREQ, 'cancel'), async (ctx) => {
  setForm(ctx, undefined);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('help_request.cancelled'));
});

privateChats.callbackQuery(callbackPattern(HREQ, 'send'), async (ctx) => {
  const current = form(ctx);
  if (!current || current.step !== 'confirm' || !ctx.person) return staleButton(ctx);
  setForm(ctx, undefined);
  await ctx.answerCallbackQuery();
  const contact = { name: current.name ?? '', address: current.address ?? '', phone: current.phone ?? '' };
  const townships = ctx.deps.townships.map((t) => t.code);
  if (current.for === 'request') {
    const result = await requestHelp(ctx.deps.db, ctx.person.id, { type: current.type ?? '', township: current.township ?? '', contact, consent: true }, townships);
    if (result.ok) return ctx.editMessageText(ctx.t('help_request.sent'));
    if (result.error === 'too_many_requests') return ctx.editMessageText(ctx.t('help_request.too_many'));
    return ctx.editMessageText(ctx.t('errors.stale_button'));
  }
  const result = await createTaskFromCase(
    ctx.deps.db,
    ctx.person.id,
    {
      reference: current.reference ?? '',
      type: current.type ?? '',
      township: current.township ?? null,
      dueDate: new Date(Date.now() + DEFAULT_DUE_DAYS * 86_400_000),
      effortHours: DEFAULT_EFFORT_HOURS,
      contact,
    },
    townships,
  );
  if (result.ok) return ctx.editMessageText(ctx.t('coordination.new_task.created', { id: result.taskId }));
  return ctx.editMessageText(ctx.t(result.error === 'case_not_found' ? 'coordination.new_task.not_found' : 'coordination.not_available', { reference: current.reference ?? '' }));
});

// --- Thanks / Report a problem -------------------------------------------------------------------------

for (const feedback of ['thanks', 'problem'] as const) {
  privateChats.callbackQuery(callbackPattern(HREQ, feedback), async (ctx) => {
    const taskId = Number(ctx.match[1]);
    const result = ctx.person && Number.isSafeInteger(taskId) ? await householdFeedback(ctx.deps.db, ctx.person.id, taskId, feedback) : null;
    if (!result) return staleButton(ctx);
    if (!result.ok) {
      if (result.error === 'not_found') return staleButton(ctx);
      return ctx.answerCallbackQuery({ text: ctx.t('help_request.already') });
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t(feedback === 'thanks' ? 'help_request.thanks_sent' : 'help_request.problem_sent'));
    if (feedback === 'thanks' && result.volunteer) {
      const lang = isLanguage(result.volunteer.language) ? result.volunteer.language : ctx.deps.defaultLanguage;
      await tellPerson(ctx, result.volunteer, {
        text: translate(lang, 'volunteering.thanked', { type: typeName((k, v) => translate(lang, k, v), result.type) }),
        keyboard: new InlineKeyboard(),
      });
    }
  });
}
