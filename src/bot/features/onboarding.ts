// The first conversation: /start → language → privacy notice and consent → role → role menu.
// Nothing personal is stored before "I agree": until then the session holds only the language.
import { FeatureComposer } from '../composer.js';
import { chooseRole, changeLanguage, registerConsent } from '../../domain/people/people.js';
import { isPersonRole } from '../../domain/people/roles.js';
import { isLanguage, translator } from '../../i18n.js';
import { callbackPattern } from '../callback-data.js';
import { registerChatCommands } from '../commands.js';
import { describeError } from '../errors.js';
import type { BotContext } from '../context.js';
import { consentKeyboard, roleKeyboard } from '../keyboards/onboarding.js';
import { showLanguageChooser, showRoleMenu, staleButton } from './shared.js';

export const onboarding = new FeatureComposer<BotContext>();
const privateChats = onboarding.chatType('private');

privateChats.command('start', async (ctx) => {
  const person = ctx.person;
  if (!person) return showLanguageChooser(ctx);
  // The name Telegram shows today, not the one stored at consent: people change it.
  const greeting = ctx.t('start.welcome_back', { name: ctx.from.first_name });
  if (!person.role) return ctx.reply(`${greeting}\n\n${ctx.t('role.choose')}`, { reply_markup: roleKeyboard(ctx.t) });
  await ctx.reply(greeting);
  await showRoleMenu(ctx, person.role);
});

privateChats.command('language', (ctx) => showLanguageChooser(ctx));

privateChats.callbackQuery(callbackPattern('lang', 'set'), async (ctx) => {
  const lang = ctx.match[1];
  if (!isLanguage(lang)) return staleButton(ctx);
  ctx.lang = lang;
  ctx.t = translator(lang);
  await ctx.answerCallbackQuery();
  await registerChatCommands(ctx.api, ctx.chat.id, lang).catch((error: unknown) =>
    ctx.deps.logger.warn({ error: describeError(error) }, 'could not register chat commands'),
  );
  if (ctx.person) {
    ctx.person = await changeLanguage(ctx.deps.db, ctx.person.id, lang);
    await ctx.editMessageText(ctx.t('language.chosen'));
    if (!ctx.person.role) return ctx.reply(ctx.t('role.choose'), { reply_markup: roleKeyboard(ctx.t) });
    return showRoleMenu(ctx, ctx.person.role);
  }
  ctx.session.lang = lang;
  await ctx.editMessageText(ctx.t('language.chosen'));
  await ctx.reply(ctx.t('consent.notice'), { reply_markup: consentKeyboard(ctx.t) });
});

privateChats.callbackQuery(callbackPattern('consent', 'yes'), async (ctx) => {
  await ctx.answerCallbackQuery();
  const staffRole = ctx.deps.adminTelegramIds.has(ctx.from.id) ? 'admin' : null;
  ctx.person = await registerConsent(ctx.deps.db, {
    telegramId: ctx.from.id,
    chatId: ctx.chat.id,
    language: ctx.lang,
    firstName: ctx.from.first_name,
    staffRole,
  });
  await ctx.editMessageReplyMarkup(); // the notice stays readable; its buttons go
  if (ctx.person.role) return showRoleMenu(ctx, ctx.person.role);
  await ctx.reply(`${ctx.t('consent.thanks')}\n\n${ctx.t('role.choose')}`, { reply_markup: roleKeyboard(ctx.t) });
});

privateChats.callbackQuery(callbackPattern('consent', 'no'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup();
  await ctx.reply(ctx.t('consent.declined'));
});

privateChats.callbackQuery(callbackPattern('role', 'set'), async (ctx) => {
  const role = ctx.match[1];
  if (!isPersonRole(role)) return staleButton(ctx);
  if (!ctx.person) {
    await ctx.answerCallbackQuery();
    return ctx.reply(ctx.t('consent.required'));
  }
  await ctx.answerCallbackQuery();
  ctx.person = await chooseRole(ctx.deps.db, ctx.person.id, role);
  await ctx.editMessageReplyMarkup();
  await showRoleMenu(ctx, role);
});

privateChats.command('role', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('consent.required'));
  await ctx.reply(ctx.t('role.choose'), { reply_markup: roleKeyboard(ctx.t) });
});

privateChats.callbackQuery(callbackPattern('menu', 'role'), async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.person) return ctx.reply(ctx.t('consent.required'));
  await ctx.reply(ctx.t('role.choose'), { reply_markup: roleKeyboard(ctx.t) });
});

privateChats.callbackQuery(callbackPattern('menu', 'language'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showLanguageChooser(ctx);
});
