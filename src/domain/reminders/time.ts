// Local time for reminders: a person's time zone, quiet hours, "tomorrow", and the next month of a
// series. Stored times are UTC; these turn them into the wall-clock time where the person lives
// and back, with Intl only (no time-zone database of our own).

/** Wall-clock date and time in some time zone; month is 1–12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Quiet hours in local minutes after midnight, e.g. 21:00–08:00 is { start: 1260, end: 480 }. */
export interface QuietHours {
  start: number;
  end: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21 * 60, end: 8 * 60 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The time zone itself when Intl knows it, else UTC: a bad stored value must not stop a send. */
export function usableTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function toLocal(date: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(usableTimeZone(timeZone)).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function utcOf(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

/** Milliseconds the zone is ahead of UTC at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return utcOf(toLocal(new Date(whole), timeZone)) - whole;
}

/**
 * The instant the wall clock in `timeZone` shows `local`. A time skipped by a daylight-saving
 * change (02:30 on the spring-forward night) comes out one hour later, as a clock would show it.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const tz = usableTimeZone(timeZone);
  const asUtc = utcOf(local);
  const first = asUtc - offsetAt(asUtc, tz);
  const second = asUtc - offsetAt(first, tz);
  if (second === first) return new Date(second);
  const shown = toLocal(new Date(second), tz);
  return new Date(shown.hour === local.hour && shown.minute === local.minute ? second : Math.max(first, second));
}

/** `local` moved by whole days (calendar arithmetic: month and year roll over). */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `local` moved by whole months; the 31st becomes the last day of a shorter month. */
export function addLocalMonths(local: LocalDateTime, months: number): LocalDateTime {
  const index = local.year * 12 + (local.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { ...local, year, month, day: Math.min(local.day, daysInMonth(year, month)) };
}

function minutesOf(local: LocalDateTime): number {
  return local.hour * 60 + local.minute;
}

/** Equal start and end mean no quiet hours at all. */
export function isQuietTime(date: Date, timeZone: string, quiet: QuietHours | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const m = minutesOf(toLocal(date, timeZone));
  return quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
}

/** When the quiet hours `date` falls in end (the next local 08:00 by default); `date` itself if not quiet. */
export function endOfQuietHours(date: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet || !isQuietTime(date, timeZone, quiet)) return date;
  const local = toLocal(date, timeZone);
  const wrapsAndEvening = quiet.start > quiet.end && minutesOf(local) >= quiet.start;
  const day = wrapsAndEvening ? addLocalDays(local, 1) : local;
  return fromLocal({ ...day, hour: Math.floor(quiet.end / 60), minute: quiet.end % 60, second: 0 }, timeZone);
}

/**
 * "Remind me tomorrow": the next local day, at the local time the reminder arrived (which was
 * outside quiet hours), so pressing the button late at night does not mean a message at night.
 */
export function tomorrowAtSameTime(now: Date, arrivedAt: Date, timeZone: string): Date {
  const today = toLocal(now, timeZone);
  const arrived = toLocal(arrivedAt, timeZone);
  const tomorrow = addLocalDays(today, 1);
  return fromLocal({ ...tomorrow, hour: arrived.hour, minute: arrived.minute, second: 0 }, timeZone);
}

/** Occurrence `n` of a series that started at `start`: same local day of month (clamped) and time. */
export function occurrenceAt(start: Date, recurrence: 'monthly' | 'yearly', n: number, timeZone: string): Date {
  const local = toLocal(start, timeZone);
  return fromLocal(addLocalMonths(local, recurrence === 'monthly' ? n : 12 * n), timeZone);
}

/** `HH:MM-HH:MM` → quiet hours; `off` → none. Throws on anything else. */
export function parseQuietHours(text: string): QuietHours | null {
  if (text.trim().toLowerCase() === 'off') return null;
  const match = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(text);
  if (!match) throw new Error('expected HH:MM-HH:MM (e.g. 21:00-08:00) or off');
  return { start: Number(match[1]) * 60 + Number(match[2]), end: Number(match[3]) * 60 + Number(match[4]) };
}
