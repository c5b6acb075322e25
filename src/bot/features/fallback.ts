// Registered last: whatever no feature handled gets a short hint and a way forward, or is
// ignored where answering would be noise. Nothing here may throw on odd input.
import { FeatureComposer } from '../composer.js';
import type { BotContext } from '../context.js';
import { staleButton } from './shared.js';

export const fallback = new FeatureComposer<BotContext>();

// Buttons from old messages, or forged data: answer so the spinner stops; never act.
fallback.on('callback_query', staleButton);

const privateMessages = fallback.chatType('private').on('message');

privateMessages.on('message:text', async (ctx) => {
  const text = ctx.message.text.trim();
  if (text === '') return;
  if (text.startsWith('/')) return ctx.reply(ctx.t('errors.unknown_command'));
  await ctx.reply(ctx.t(ctx.person ? 'errors.not_understood' : 'errors.start_first'));
});

// Stickers, voice notes, locations…: say what the bot can read.
privateMessages.on('message', (ctx) => ctx.reply(ctx.t('errors.unsupported_content')));

// Edited messages, channel posts, group chatter and everything else are ignored on purpose.
