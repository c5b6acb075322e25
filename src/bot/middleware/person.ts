// Who is writing, and in which language to answer. Runs before every feature.
import type { NextFunction } from 'grammy';
import { grantConfiguredStaffRole, setReachable, toPerson } from '../../domain/people/people.js';
import { isLanguage, languageFromTag, translator } from '../../i18n.js';
import type { BotContext } from '../context.js';

export async function loadPerson(ctx: BotContext, next: NextFunction): Promise<void> {
  const { db, hotPath, adminTelegramIds, defaultLanguage } = ctx.deps;
  const from = ctx.from;
  // Read afresh on every update (a role granted or removed counts at once), on the hot path.
  const row = from ? await hotPath.findUser(from.id) : null;
  let person = row ? toPerson(row) : null;

  if (person && from && adminTelegramIds.has(from.id)) {
    person = await grantConfiguredStaffRole(db, person, 'admin');
  }
  // Someone who blocked the bot and writes again can be reached again.
  if (person && !person.active && ctx.chat) {
    await setReachable(db, ctx.chat.id, true);
    person = { ...person, active: true };
  }

  ctx.person = person;
  // Updates without a chat (inline queries, polls) have no session.
  const chosen = person?.language ?? (ctx.chat ? ctx.session.lang : undefined);
  ctx.lang = isLanguage(chosen) ? chosen : (languageFromTag(from?.language_code) ?? defaultLanguage);
  ctx.t = translator(ctx.lang);
  await next();
}
