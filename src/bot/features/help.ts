// /help: what this person can do, in their role and language.
import { FeatureComposer } from '../composer.js';
import type { BotContext } from '../context.js';

export const help = new FeatureComposer<BotContext>();

help.chatType('private').command('help', async (ctx) => {
  const role = ctx.person?.role;
  const parts = [ctx.t(role ? `help.${role}` : 'help.newcomer'), ctx.t('help.common')];
  if (ctx.person?.staffRole) parts.push(ctx.t('help.staff'));
  if (ctx.person?.staffRole === 'coordinator' || ctx.person?.staffRole === 'admin') parts.push(ctx.t('help.coordinator'));
  if (ctx.person?.staffRole === 'admin') parts.push(ctx.t('help.admin_funds'));
  if (ctx.person?.staffRole === 'admin') parts.push(ctx.t('help.admin'));
  await ctx.reply(parts.join('\n\n'));
});
