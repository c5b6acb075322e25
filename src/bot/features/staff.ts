// Staff membership in chat: `/invite <role> [township …]` (admins) gives a one-time code,
// `/join CODE` (anyone who has consented) redeems it, `/staff` (admins) lists the staff with a
// Remove button each. The staff service decides who may; the chat only words its answers.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import { townshipByCode, townshipCode, townshipName } from '../../domain/places/townships.js';
import { STAFF_ROLES } from '../../domain/people/roles.js';
import { createInvite, INVITE_VALID_DAYS, joinStaff, listStaff, removeStaff, type StaffMember } from '../../domain/staff/staff.js';
import { escapeHtml, formatDateTime } from '../../i18n.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';

export const staff = new FeatureComposer<BotContext>();
const privateChats = staff.chatType('private');
const FEATURE = 'staff';

function scopeText(ctx: BotContext, townships: readonly string[] | null): string {
  return townships === null
    ? ctx.t('staff.scope.all')
    : townships.map((code) => escapeHtml(townshipName(ctx.deps.townships, code))).join(', ');
}

privateChats.command('invite', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('errors.start_first'));
  const [role, ...places] = ctx.match.trim().split(/\s+/).filter(Boolean);
  const known = ctx.deps.townships.map((t) => t.code);
  const usage = () =>
    ctx.reply(
      ctx.t('staff.invite.usage', {
        roles: STAFF_ROLES.join(', '),
        townships: ctx.deps.townships.map((t) => escapeHtml(t.name)).join(', '),
        example: ctx.deps.townships[0]?.code ?? 'riverside',
      }),
    );
  if (!role) return ctx.person.staffRole === 'admin' ? usage() : ctx.reply(ctx.t('casework.not_available'));
  // Township names or codes, in any case: `Old Town`, `old_town`.
  const codes = places.map((p) => townshipByCode(ctx.deps.townships, townshipCode(p))?.code ?? p);
  const result = await createInvite(ctx.deps.db, ctx.person.id, { role: role.toLowerCase(), townships: codes, known });
  if (!result.ok) {
    if (result.error === 'not_admin') return ctx.reply(ctx.t('casework.not_available'));
    await ctx.reply(ctx.t(`staff.invite.error.${result.error}`));
    return usage();
  }
  await ctx.reply(
    ctx.t('staff.invite.done', {
      role: ctx.t(`staff_role.${result.role}`),
      scope: scopeText(ctx, result.townships),
      code: result.code,
      days: INVITE_VALID_DAYS,
      until: formatDateTime(ctx.lang, result.expiresAt, ctx.person.timeZone),
    }),
  );
});

privateChats.command('join', async (ctx) => {
  // Consent first: a staff member is a person whose data we keep too.
  if (!ctx.person) return ctx.reply(ctx.t('errors.start_first'));
  const code = ctx.match.trim();
  if (code === '') return ctx.reply(ctx.t('staff.join.usage'));
  const result = await joinStaff(ctx.deps.db, ctx.person.id, code);
  if (!result.ok) return ctx.reply(ctx.t(`staff.join.error.${result.error}`));
  await ctx.reply(ctx.t('staff.join.done', { role: ctx.t(`staff_role.${result.role}`), scope: scopeText(ctx, result.townships) }));
  await ctx.reply(ctx.t('help.staff'));
});

async function staffListScreen(ctx: BotContext): Promise<{ text: string; keyboard: InlineKeyboard } | null> {
  const list = ctx.person ? await listStaff(ctx.deps.db, ctx.person.id) : null;
  if (!list) return null;
  const lines = [`<b>${ctx.t('staff.list.title', { n: list.length })}</b>`];
  const keyboard = new InlineKeyboard();
  for (const member of list) {
    const name = member.name ? escapeHtml(member.name) : ctx.t('casework.nobody');
    lines.push(`• ${name} (#${member.id}) — ${ctx.t(`staff_role.${member.role}`)} · ${scopeText(ctx, member.townships)}`);
    if (member.id !== ctx.person!.id) {
      keyboard.text(ctx.t('staff.list.remove', { name: member.name ?? `#${member.id}` }), callbackData(FEATURE, 'rm', member.id)).row();
    }
  }
  lines.push('', ctx.t('staff.list.how_to_add'));
  return { text: lines.join('\n'), keyboard };
}

privateChats.command('staff', async (ctx) => {
  const screen = await staffListScreen(ctx);
  if (!screen) return ctx.reply(ctx.t('casework.not_available'));
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'rm'), async (ctx) => {
  const id = Number(ctx.match[1]);
  const list = ctx.person ? await listStaff(ctx.deps.db, ctx.person.id) : null;
  const member = list?.find((m) => m.id === id);
  if (!list || !member) return ctx.answerCallbackQuery({ text: ctx.t('casework.not_available'), show_alert: true });
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard()
    .text(ctx.t('staff.remove.confirm'), callbackData(FEATURE, 'rmy', id))
    .row()
    .text(ctx.t('casework.button.back'), callbackData(FEATURE, 'list'));
  await ctx.editMessageText(ctx.t('staff.remove.question', { who: describe(ctx, member) }), { reply_markup: keyboard });
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'rmy'), async (ctx) => {
  const result = ctx.person ? await removeStaff(ctx.deps.db, ctx.person.id, Number(ctx.match[1])) : null;
  if (!result?.ok) return ctx.answerCallbackQuery({ text: ctx.t('casework.not_available'), show_alert: true });
  await ctx.answerCallbackQuery({ text: ctx.t('staff.remove.done') });
  const screen = await staffListScreen(ctx);
  if (screen) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'list'), async (ctx) => {
  const screen = await staffListScreen(ctx);
  if (!screen) return ctx.answerCallbackQuery({ text: ctx.t('casework.not_available'), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
});

function describe(ctx: BotContext, member: StaffMember & { name: string | null }): string {
  return `${member.name ? escapeHtml(member.name) : `#${member.id}`} — ${ctx.t(`staff_role.${member.role}`)}`;
}
