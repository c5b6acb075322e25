// Reminders in the chat: /calendar lists what is coming, in the person's time zone and language;
// the buttons under a reminder — Done, Remind me tomorrow, Not relevant — record the answer.
// The reminder id in the button is checked in the service against whoever pressed it.
import { FeatureComposer } from '../composer.js';
import { fundNames } from '../../domain/donations/funds.js';
import { respondToReminder, upcomingReminders, type ReminderResponse } from '../../domain/reminders/index.js';
import { formatDateTime } from '../../i18n.js';
import { callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { describeError } from '../errors.js';
import { calendarScreen } from '../views/reminders.js';
import { staleButton } from './shared.js';

export const reminders = new FeatureComposer<BotContext>();
const privateChats = reminders.chatType('private');

const CALENDAR_LENGTH = 10;

privateChats.command('calendar', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('consent.required'));
  const { reminders: coming, total } = await upcomingReminders(ctx.deps.db, ctx.person.id, { limit: CALENDAR_LENGTH });
  const funds = await fundNames(ctx.deps.db, coming.filter((r) => r.kind === 'pledge_instalment').map((r) => String(r.payload.fund)));
  await ctx.reply(calendarScreen(ctx.lang, coming, total, ctx.person.timeZone, funds));
});

/** `v1:rem:<action>:<reminderId>` → the answer it records. */
const ANSWERS: Record<string, ReminderResponse> = { done: 'done', snooze: 'snoozed', skip: 'not_relevant' };

for (const [action, response] of Object.entries(ANSWERS)) {
  privateChats.callbackQuery(callbackPattern('rem', action), async (ctx) => {
    const reminderId = Number(ctx.match[1]);
    if (!ctx.person || !Number.isSafeInteger(reminderId)) return staleButton(ctx);
    const result = await respondToReminder(ctx.deps.db, { personId: ctx.person.id, reminderId, response });
    if (!result.ok) {
      if (result.error === 'not_found') return staleButton(ctx);
      return ctx.answerCallbackQuery({ text: ctx.t('reminders.already_answered') });
    }
    await ctx.answerCallbackQuery();
    // The reminder stays readable; its buttons go, so it cannot be answered twice by mistake.
    await ctx.editMessageReplyMarkup().catch((error: unknown) =>
      ctx.deps.logger.warn({ error: describeError(error) }, 'could not remove reminder buttons'),
    );
    const date = result.snoozedUntil ? formatDateTime(ctx.lang, result.snoozedUntil, ctx.person.timeZone) : undefined;
    await ctx.reply(ctx.t(`reminders.answered.${response}`, date ? { date } : undefined));
  });
}
