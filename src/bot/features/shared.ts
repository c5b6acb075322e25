// Screens more than one feature shows: the language chooser, the role menu, the stale-button answer.
import type { PersonRole } from '../../domain/people/roles.js';
import { SUPPORTED_LANGUAGES, t } from '../../i18n.js';
import type { BotContext } from '../context.js';
import { languageKeyboard, roleMenuKeyboard } from '../keyboards/onboarding.js';

/**
 * The prompt is written in every language, the current one first: someone who cannot read the
 * guessed language still finds their own.
 */
export async function showLanguageChooser(ctx: BotContext): Promise<void> {
  const others = SUPPORTED_LANGUAGES.filter((l) => l !== ctx.lang);
  const prompt = [ctx.t('language.choose'), ...others.map((l) => t(l, 'language.choose'))].join('\n');
  await ctx.reply(prompt, { reply_markup: languageKeyboard(ctx.lang) });
}

export async function showRoleMenu(ctx: BotContext, role: PersonRole): Promise<void> {
  const lines = [ctx.t(`menu.${role}`)];
  if (ctx.person?.staffRole) lines.push(ctx.t('menu.staff', { staffRole: ctx.t(`staff_role.${ctx.person.staffRole}`) }));
  await ctx.reply(lines.join('\n\n'), { reply_markup: roleMenuKeyboard(ctx.t, role) });
}

/** A button from an old message, or callback data we do not recognise: say so, never act. */
export async function staleButton(ctx: BotContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t('errors.stale_button'), show_alert: false });
}
