// When a pledge's instalments fall due. Pure calendar arithmetic on "YYYY-MM-DD" dates (a due
// date is a day where the donor lives, not an instant). Every instalment is computed from the
// start date and its number, never from the previous instalment, so days do not drift: a monthly
// pledge started on the 31st falls on Feb 28 (29 in leap years) and is back on the 31st in March.

export const FREQUENCIES = ['one_time', 'monthly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export function isFrequency(value: unknown): value is Frequency {
  return typeof value === 'string' && (FREQUENCIES as readonly string[]).includes(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number; // 1–12
  day: number;
}

function parts(date: string): Ymd | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && parts(value) !== null;
}

function format({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function read(date: string): Ymd {
  const ymd = parts(date);
  if (!ymd) throw new RangeError(`expected a calendar date YYYY-MM-DD, got "${date}"`);
  return ymd;
}

/** `date` moved by whole days (negative: earlier). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = read(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** `date` moved by whole months; a day the target month lacks becomes its last day. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = read(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Today's date in a time zone (an unusable zone counts as UTC). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The 1st of the month after `date`. */
export function firstOfNextMonth(date: string): string {
  const { year, month } = read(date);
  return addMonths(format({ year, month, day: 1 }), 1);
}

/**
 * The due date of instalment `n` (0 = the start date), or null when there is no such instalment:
 * a one-time pledge has only number 0, and nothing falls after the end date (inclusive).
 */
export function instalmentDueDate(
  pledge: { frequency: Frequency; startDate: string; endDate?: string | null },
  n: number,
): string | null {
  if (!Number.isInteger(n) || n < 0) return null;
  let due: string;
  switch (pledge.frequency) {
    case 'one_time':
      if (n > 0) return null;
      due = pledge.startDate;
      break;
    case 'monthly':
      due = addMonths(pledge.startDate, n);
      break;
    case 'annual':
      due = addMonths(pledge.startDate, 12 * n);
      break;
  }
  return pledge.endDate && due > pledge.endDate ? null : due;
}

/**
 * Instalments numbered from `fromSequence` whose due dates are on or before `through`, in order.
 * A pledge without an end date goes on forever: the horizon keeps the list short.
 */
export function instalmentsThrough(
  pledge: { frequency: Frequency; startDate: string; endDate?: string | null },
  fromSequence: number,
  through: string,
): { sequence: number; dueDate: string }[] {
  const out: { sequence: number; dueDate: string }[] = [];
  for (let n = fromSequence; ; n++) {
    const dueDate = instalmentDueDate(pledge, n);
    if (dueDate === null || dueDate > through) return out;
    out.push({ sequence: n, dueDate });
  }
}

/** The first instalment number due on or after `date` (null: none is, the pledge has ended). */
export function firstSequenceFrom(
  pledge: { frequency: Frequency; startDate: string; endDate?: string | null },
  date: string,
): number | null {
  for (let n = 0; ; n++) {
    const dueDate = instalmentDueDate(pledge, n);
    if (dueDate === null) return null;
    if (dueDate >= date) return n;
  }
}
