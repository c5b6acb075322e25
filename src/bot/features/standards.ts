// Standards by mechanism in chat: `/standard urban 450 2027-01-01` (admins) adds a minimum living
// standard from a date and lists the approved cases whose allowance changes; `/standards` (staff)
// shows the standards in force and to come.
import { FeatureComposer } from '../composer.js';
import { parseMoney } from '../../domain/input/numbers.js';
import { addStandard, listStandards, MAX_STANDARD_MINOR } from '../../domain/standards/standards.js';
import { escapeHtml, formatDate, formatMoney } from '../../i18n.js';
import type { BotContext } from '../context.js';
import { CURRENCY } from '../views/answers.js';
import { townshipName } from '../../domain/places/townships.js';

export const standards = new FeatureComposer<BotContext>();
const privateChats = standards.chatType('private');

const day = (ctx: BotContext, date: string) => formatDate(ctx.lang, new Date(`${date}T12:00:00Z`), 'UTC');
/** Cases listed in the reply at most; the rest are counted. */
const LISTED = 30;

privateChats.command('standard', async (ctx) => {
  if (!ctx.person?.staffRole) return ctx.reply(ctx.t('casework.not_available'));
  const [area, amountText, date] = ctx.match.trim().split(/\s+/);
  const usage = () => ctx.reply(ctx.t('standards.usage'));
  if (!area || !amountText || !date) return usage();
  const amount = parseMoney(amountText, { maxMinor: MAX_STANDARD_MINOR });
  if (!amount.ok) return ctx.reply(ctx.t('standards.error.invalid_amount'));
  const result = await addStandard(ctx.deps.db, ctx.person.id, { area: area.toLowerCase(), amountMinor: amount.amountMinor, effectiveFrom: date });
  if (!result.ok) {
    if (result.error === 'not_admin') return ctx.reply(ctx.t('casework.not_available'));
    await ctx.reply(ctx.t(`standards.error.${result.error}`));
    return result.error === 'already_exists' ? undefined : usage();
  }
  const { standard, affected } = result;
  const lines = [
    ctx.t('standards.added', {
      area: ctx.t(`casework.area.${standard.area}`),
      amount: formatMoney(ctx.lang, standard.amountMinor, CURRENCY),
      date: day(ctx, standard.effectiveFrom),
    }),
    '',
    affected.length === 0 ? ctx.t('standards.affected.none') : ctx.t('standards.affected.title', { n: affected.length }),
  ];
  for (const c of affected.slice(0, LISTED)) {
    lines.push(
      `• ${c.reference}${c.township ? ` (${escapeHtml(townshipName(ctx.deps.townships, c.township))})` : ''}: ${formatMoney(ctx.lang, c.currentMonthlyMinor, CURRENCY)} → ${formatMoney(ctx.lang, c.newMonthlyMinor, CURRENCY)}`,
    );
  }
  if (affected.length > LISTED) lines.push(ctx.t('standards.affected.more', { n: affected.length - LISTED }));
  if (affected.length > 0) lines.push('', ctx.t('standards.affected.how'));
  await ctx.reply(lines.join('\n'));
});

privateChats.command('standards', async (ctx) => {
  if (!ctx.person?.staffRole) return ctx.reply(ctx.t('casework.not_available'));
  const list = await listStandards(ctx.deps.db);
  const today = new Date().toISOString().slice(0, 10);
  const lines = [`<b>${ctx.t('standards.list.title')}</b>`];
  for (const s of list) {
    const when = s.effectiveFrom > today ? ctx.t('standards.list.from_future', { date: day(ctx, s.effectiveFrom) }) : ctx.t('standards.list.from', { date: day(ctx, s.effectiveFrom) });
    lines.push(`• ${ctx.t(`casework.area.${s.area}`)}: ${formatMoney(ctx.lang, s.amountMinor, CURRENCY)} — ${when}`);
  }
  if (ctx.person.staffRole === 'admin') lines.push('', ctx.t('standards.usage'));
  await ctx.reply(lines.join('\n'));
});
