// Statistics in words: the staff summary (/stats) and the public transparency summary
// (/transparency), in the reader's language. Counts as numbers formatted for the language;
// hidden public counts as "<5".
import { townshipName, type Township } from '../../domain/places/townships.js';
import {
  COUNTED_STATUSES,
  SMALL_COUNT,
  type PublicCount,
  type Section,
  type Statistics,
  type StatusTally,
  type Tally,
  type TransparencySummary,
} from '../../domain/statistics/index.js';
import { CURRENCY } from './answers.js';
import { escapeHtml, formatDateTime, formatMoney, formatNumber, type Language, type Translate } from '../../i18n.js';

const RAW = { interpolation: { escapeValue: false } } as const;

const number = formatNumber;

function scopeLine(t: Translate, lang: Language, townships: readonly Township[], township: string | null, at: Date, timeZone: string): string {
  const where = township ? escapeHtml(townshipName(townships, township)) : t('statistics.district');
  return t('statistics.scope', { where, date: formatDateTime(lang, at, timeZone), ...RAW });
}

function tally(t: Translate, lang: Language, label: string, value: Tally): string {
  return t('statistics.line', { label, households: number(lang, value.households), persons: number(lang, value.persons), ...RAW });
}

/** `label: 12 households, 30 persons (approved 5 / 12)`: the total and the approved share. */
function tallyWithApproved(t: Translate, lang: Language, label: string, value: StatusTally): string {
  const approved = value.byStatus.approved;
  return t('statistics.line_approved', {
    label,
    households: number(lang, value.total.households),
    persons: number(lang, value.total.persons),
    approvedHouseholds: number(lang, approved.households),
    approvedPersons: number(lang, approved.persons),
    ...RAW,
  });
}

function sectionLine<T>(t: Translate, label: string, section: Section<T>, words: (value: T) => string): string {
  return t('statistics.item', { label, value: section.available ? words(section.value) : t('statistics.not_available'), ...RAW });
}

function moneyList(lang: Language, totals: readonly { currency: string; amountMinor: number }[]): string {
  return totals.length === 0 ? '0' : totals.map((m) => formatMoney(lang, m.amountMinor, m.currency)).join(', ');
}

function fundsAndVolunteers(t: Translate, lang: Language, s: Pick<Statistics, 'funds' | 'volunteers'>): string[] {
  return [
    sectionLine(t, t('statistics.funds_pledged'), s.funds, (f) => moneyList(lang, f.pledged)),
    sectionLine(t, t('statistics.funds_received'), s.funds, (f) => moneyList(lang, f.received)),
    sectionLine(t, t('statistics.volunteers_active'), s.volunteers, (v) => published(t, lang, v.active)),
  ];
}

export function statisticsText(t: Translate, lang: Language, stats: Statistics, townships: readonly Township[], timeZone: string): string {
  const lines = [t('statistics.title'), scopeLine(t, lang, townships, stats.township, stats.generatedAt, timeZone), ''];
  lines.push(`<b>${tally(t, lang, t('statistics.applications'), stats.applications.total)}</b>`);
  for (const status of COUNTED_STATUSES) lines.push(`• ${tally(t, lang, t(`casework.status.${status}`), stats.applications.byStatus[status])}`);
  lines.push('', `<b>${t('statistics.by_programme')}</b>`);
  for (const p of stats.byProgramme) lines.push(`• ${tallyWithApproved(t, lang, t(`screening.programme.${p.programme}`), p.tally)}`);
  lines.push('', `<b>${t('statistics.by_area')}</b>`);
  for (const a of stats.byArea) lines.push(`• ${tallyWithApproved(t, lang, t(`casework.area.${a.area}`), a.tally)}`);
  lines.push('', `<b>${t('statistics.by_township')}</b>`);
  for (const tw of stats.byTownship) {
    const label = tw.township === null ? t('statistics.not_recorded') : escapeHtml(townshipName(townships, tw.township));
    lines.push(`• ${tallyWithApproved(t, lang, label, tw.tally)}`);
  }
  lines.push('', `<b>${t('statistics.allowance')}</b>`);
  if (stats.allowance.length === 0) lines.push(`• ${formatMoney(lang, 0, CURRENCY)}`);
  for (const a of stats.allowance) {
    lines.push(
      `• ${t('statistics.allowance_line', {
        amount: formatMoney(lang, a.monthlyMinor, a.currency),
        households: number(lang, a.households),
        persons: number(lang, a.persons),
        ...RAW,
      })}`,
    );
  }
  lines.push('', ...fundsAndVolunteers(t, lang, stats));
  if (stats.unreadable > 0) lines.push('', t('statistics.unreadable', { count: stats.unreadable }));
  return lines.join('\n');
}

function published(t: Translate, lang: Language, count: PublicCount): string {
  return count === null ? t('statistics.public.small', { min: SMALL_COUNT }) : number(lang, count);
}

export function transparencyText(t: Translate, lang: Language, summary: TransparencySummary, townships: readonly Township[], timeZone: string): string {
  const p = (count: PublicCount) => published(t, lang, count);
  const pair = (label: string, households: PublicCount, persons: PublicCount) =>
    t('statistics.line', { label, households: p(households), persons: p(persons), ...RAW });
  const lines = [t('statistics.public.title'), scopeLine(t, lang, townships, summary.township, summary.generatedAt, timeZone), ''];
  lines.push(`<b>${t('statistics.public.applications', { total: p(summary.applications.total), ...RAW })}</b>`);
  const item = (label: string, value: string) => t('statistics.item', { label, value, ...RAW });
  for (const s of summary.applications.byStatus) lines.push(`• ${item(t(`casework.status.${s.status}`), p(s.households))}`);
  const r = summary.recipients;
  lines.push('', `<b>${pair(t('statistics.public.recipients'), r.households, r.persons)}</b>`);
  for (const a of r.byArea) lines.push(`• ${pair(t(`casework.area.${a.key}`), a.households, a.persons)}`);
  for (const tw of r.byTownship) {
    const label = tw.key === null ? t('statistics.not_recorded') : escapeHtml(townshipName(townships, tw.key));
    lines.push(`• ${pair(label, tw.households, tw.persons)}`);
  }
  lines.push('', `<b>${t('statistics.public.by_programme')}</b>`);
  for (const prog of summary.byProgramme) lines.push(`• ${item(t(`screening.programme.${prog.programme}`), p(prog.households))}`);
  lines.push('', `<b>${t('statistics.allowance')}</b>`);
  if (summary.allowance.length === 0) lines.push(`• ${formatMoney(lang, 0, CURRENCY)}`);
  for (const a of summary.allowance) {
    lines.push(`• ${a.monthlyMinor === null ? t('statistics.public.small', { min: SMALL_COUNT }) : formatMoney(lang, a.monthlyMinor, a.currency)}`);
  }
  lines.push('', ...fundsAndVolunteers(t, lang, summary), '', t('statistics.public.note', { min: SMALL_COUNT }));
  return lines.join('\n');
}
