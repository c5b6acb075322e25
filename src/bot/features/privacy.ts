// Privacy rights in chat: /privacy (what is stored), /export_me (a JSON file of it all),
// /delete_me (erasure after confirmation; anonymous audit events are kept and we say so).
import { InlineKeyboard, InputFile } from 'grammy';
import { FeatureComposer } from '../composer.js';
import { erasePerson, exportPersonalData } from '../../domain/people/people.js';
import { formatDate } from '../../i18n.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';

export const privacy = new FeatureComposer<BotContext>();
const privateChats = privacy.chatType('private');

async function showPrivacy(ctx: BotContext): Promise<void> {
  const person = ctx.person;
  if (!person) {
    await ctx.reply(`${ctx.t('privacy.nothing_stored')}\n\n${ctx.t('privacy.policy')}`);
    return;
  }
  const stored = ctx.t('privacy.stored', {
    telegramId: person.telegramId,
    name: person.firstName ?? '—',
    language: ctx.t('language.name'),
    role: person.role ? ctx.t(`role.name.${person.role}`) : '—',
    consentedAt: formatDate(ctx.lang, person.consentedAt, person.timeZone),
  });
  const announcements = ctx.t(person.announcementsOptOut ? 'announce.privacy.stopped' : 'announce.privacy.receiving');
  await ctx.reply(`${stored}\n${announcements}\n\n${ctx.t('privacy.policy')}\n\n${ctx.t('privacy.rights')}`);
}

privateChats.command('privacy', showPrivacy);
privateChats.callbackQuery(callbackPattern('menu', 'privacy'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showPrivacy(ctx);
});

privateChats.command('export_me', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('privacy.nothing_stored'));
  await ctx.replyWithChatAction('upload_document');
  const data = await exportPersonalData(ctx.deps.db, ctx.person.id);
  const file = new InputFile(Buffer.from(JSON.stringify(data, null, 2), 'utf8'), 'safety-net-my-data.json');
  await ctx.replyWithDocument(file, { caption: ctx.t('export.caption') });
});

privateChats.command('delete_me', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('privacy.nothing_stored'));
  const keyboard = new InlineKeyboard()
    .text(ctx.t('delete.confirm'), callbackData('delete', 'yes'))
    .row()
    .text(ctx.t('delete.cancel'), callbackData('delete', 'no'));
  await ctx.reply(ctx.t('delete.question'), { reply_markup: keyboard });
});

privateChats.callbackQuery(callbackPattern('delete', 'yes'), async (ctx) => {
  await ctx.answerCallbackQuery();
  // The person is whoever pressed the button, re-read for this update: never the message's owner.
  if (!ctx.person) return ctx.editMessageText(ctx.t('privacy.nothing_stored'));
  const { keptAuditEvents } = await erasePerson(ctx.deps.db, ctx.person.id);
  ctx.person = null;
  ctx.session = null as unknown as typeof ctx.session; // grammY: null deletes the stored session
  await ctx.editMessageText(ctx.t('delete.done', { count: keptAuditEvents }));
});

privateChats.callbackQuery(callbackPattern('delete', 'no'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('delete.cancelled'));
});
