// Statistics in the chat. Staff (any staff role): /stats, a summary in their language, and
// /export_stats, the same figures as a CSV file. Everybody, consent or not: /transparency, the
// public summary (small counts hidden; nothing personal). Staff rights are checked by the
// statistics service. District-wide aggregates (nothing personal) for every staff member; `/stats
// <township>` narrows them to one township.
import { InputFile } from 'grammy';
import { FeatureComposer } from '../composer.js';
import { townshipByCode, townshipCode, townshipName } from '../../domain/places/townships.js';
import { staffStatistics, statisticsCsv, transparencySummary } from '../../domain/statistics/index.js';
import type { BotContext } from '../context.js';
import { statisticsText, transparencyText } from '../views/statistics.js';

export const statistics = new FeatureComposer<BotContext>();
const privateChats = statistics.chatType('private');

/** `/stats Hillview` (or `/stats hillview`) limits the figures to one township. */
function options(ctx: BotContext): { townships: string[]; township?: string } {
  const typed = typeof ctx.match === 'string' ? ctx.match.trim() : '';
  const place = typed ? townshipByCode(ctx.deps.townships, townshipCode(typed)) : undefined;
  return { townships: ctx.deps.townships.map((t) => t.code), ...(place ? { township: place.code } : {}) };
}
const timeZone = (ctx: BotContext) => ctx.person?.timeZone ?? 'UTC';

privateChats.command('stats', async (ctx) => {
  const result = ctx.person ? await staffStatistics(ctx.deps.db, ctx.person.id, options(ctx)) : null;
  if (!result?.ok) return ctx.reply(ctx.t('statistics.staff_only'));
  await ctx.reply(statisticsText(ctx.t, ctx.lang, result.statistics, ctx.deps.townships, timeZone(ctx)));
});

privateChats.command('export_stats', async (ctx) => {
  const result = ctx.person ? await staffStatistics(ctx.deps.db, ctx.person.id, options(ctx)) : null;
  if (!result?.ok) return ctx.reply(ctx.t('statistics.staff_only'));
  await ctx.replyWithChatAction('upload_document');
  const csv = statisticsCsv(result.statistics, (code) => townshipName(ctx.deps.townships, code));
  const day = result.statistics.generatedAt.toISOString().slice(0, 10);
  await ctx.replyWithDocument(new InputFile(Buffer.from(csv, 'utf8'), `safety-net-statistics-${day}.csv`), {
    caption: ctx.t('statistics.export_caption'),
  });
});

privateChats.command('transparency', async (ctx) => {
  const summary = await transparencySummary(ctx.deps.db, options(ctx));
  await ctx.reply(transparencyText(ctx.t, ctx.lang, summary, ctx.deps.townships, timeZone(ctx)));
});
