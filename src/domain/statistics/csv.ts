// Statistics as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
// comma, quote or line break, quotes doubled; UTF-8), one figure per row under a fixed header:
//
//   section,category,status,measure,value
//   applications,all,approved,households,12
//   township,Riverside,all,persons,31
//   allowance,CNY,approved,monthly_total,4800.00
//   funds,all,all,pledged,not_available
//
// Rows come in a fixed order (sections, then the policy's or configuration's order), so two
// exports can be compared line by line. Text cells that a spreadsheet would run as a formula
// (starting with = + - @, tab or carriage return) get a leading apostrophe.
import { minorUnitsPerMajor } from '../screening/money.js';
import type { MoneyTotal } from './providers.js';
import { COUNTED_STATUSES, type Statistics, type StatusTally } from './statistics.js';
import type { PublicCount, TransparencySummary } from './transparency.js';

export const CSV_HEADER = ['section', 'category', 'status', 'measure', 'value'] as const;

type Row = [section: string, category: string, status: string, measure: string, value: string | number];

const FORMULA_START = /^[=+\-@\t\r]/;

/** One text field, safe for spreadsheets and quoted per RFC 4180 when needed. */
export function csvText(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function csvField(value: string | number): string {
  return typeof value === 'number' ? String(value) : csvText(value);
}

export function toCsv(rows: readonly Row[]): string {
  return [CSV_HEADER as readonly string[], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Minor units → a plain decimal in major units ("4800.00"), without grouping, for spreadsheets. */
export function majorAmount(minor: number, currency: string): string {
  const per = minorUnitsPerMajor(currency);
  const digits = Math.round(Math.log10(per));
  const whole = Math.floor(minor / per);
  return digits === 0 ? String(whole) : `${whole}.${String(minor % per).padStart(digits, '0')}`;
}

/** A township code → the name to show (configured name, else the code); null → `not_recorded`. */
export type TownshipNamer = (code: string) => string;
const townshipCategory = (name: TownshipNamer, code: string | null) => (code === null ? 'not_recorded' : name(code));

function tallyRows(section: string, category: string, tally: StatusTally): Row[] {
  const rows: Row[] = [
    [section, category, 'all', 'households', tally.total.households],
    [section, category, 'all', 'persons', tally.total.persons],
  ];
  for (const status of COUNTED_STATUSES) {
    rows.push([section, category, status, 'households', tally.byStatus[status].households]);
    rows.push([section, category, status, 'persons', tally.byStatus[status].persons]);
  }
  return rows;
}

function moneyRows(section: string, measure: string, totals: readonly MoneyTotal[]): Row[] {
  return totals.map((t) => [section, t.currency, 'all', measure, majorAmount(t.amountMinor, t.currency)]);
}

function sectionRows(statistics: Pick<Statistics, 'funds' | 'volunteers'>): Row[] {
  const rows: Row[] = [];
  const funds = statistics.funds;
  if (funds.available) {
    rows.push(...moneyRows('funds', 'pledged', funds.value.pledged), ...moneyRows('funds', 'received', funds.value.received));
  } else {
    rows.push(['funds', 'all', 'all', 'pledged', 'not_available'], ['funds', 'all', 'all', 'received', 'not_available']);
  }
  rows.push(['volunteers', 'all', 'all', 'active', statistics.volunteers.available ? (statistics.volunteers.value.active ?? '<5') : 'not_available']);
  return rows;
}

/** The staff figures, every count exact. */
export function statisticsCsv(stats: Statistics, townshipName: TownshipNamer): string {
  const rows: Row[] = [
    ...tallyRows('applications', 'all', stats.applications),
    ['applications', 'all', 'all', 'unreadable_households', stats.unreadable],
  ];
  for (const p of stats.byProgramme) rows.push(...tallyRows('programme', p.programme, p.tally));
  for (const a of stats.byArea) rows.push(...tallyRows('area', a.area, a.tally));
  for (const t of stats.byTownship) rows.push(...tallyRows('township', townshipCategory(townshipName, t.township), t.tally));
  for (const a of stats.allowance) {
    rows.push(
      ['allowance', a.currency, 'approved', 'households', a.households],
      ['allowance', a.currency, 'approved', 'persons', a.persons],
      ['allowance', a.currency, 'approved', 'monthly_total', majorAmount(a.monthlyMinor, a.currency)],
    );
  }
  rows.push(...sectionRows(stats));
  return toCsv(rows);
}

const published = (count: PublicCount): string | number => (count === null ? '<5' : count);

/** The public summary: small counts as "<5". */
export function transparencyCsv(summary: TransparencySummary, townshipName: TownshipNamer): string {
  const rows: Row[] = [['applications', 'all', 'all', 'households', published(summary.applications.total)]];
  for (const s of summary.applications.byStatus) rows.push(['applications', 'all', s.status, 'households', published(s.households)]);
  const r = summary.recipients;
  rows.push(['recipients', 'all', 'approved', 'households', published(r.households)], ['recipients', 'all', 'approved', 'persons', published(r.persons)]);
  for (const a of r.byArea) {
    rows.push(['area', a.key, 'approved', 'households', published(a.households)], ['area', a.key, 'approved', 'persons', published(a.persons)]);
  }
  for (const t of r.byTownship) {
    const category = townshipCategory(townshipName, t.key);
    rows.push(['township', category, 'approved', 'households', published(t.households)], ['township', category, 'approved', 'persons', published(t.persons)]);
  }
  for (const p of summary.byProgramme) rows.push(['programme', p.programme, 'approved', 'households', published(p.households)]);
  for (const a of summary.allowance) {
    rows.push(['allowance', a.currency, 'approved', 'monthly_total', a.monthlyMinor === null ? '<5' : majorAmount(a.monthlyMinor, a.currency)]);
  }
  rows.push(...sectionRows(summary));
  return toCsv(rows);
}
