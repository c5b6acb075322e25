// my_chat_member: Telegram tells us when a person blocks or unblocks the bot.
import { FeatureComposer } from '../composer.js';
import { setReachable } from '../../domain/people/people.js';
import type { BotContext } from '../context.js';

export const membership = new FeatureComposer<BotContext>();

membership.on('my_chat_member', async (ctx) => {
  if (ctx.chat.type !== 'private') return;
  const status = ctx.myChatMember.new_chat_member.status;
  await setReachable(ctx.deps.db, ctx.chat.id, status !== 'kicked' && status !== 'left');
});
