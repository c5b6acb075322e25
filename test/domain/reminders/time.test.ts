import { describe, expect, it } from 'vitest';
import {
  addLocalMonths,
  endOfQuietHours,
  fromLocal,
  isQuietTime,
  occurrenceAt,
  parseQuietHours,
  toLocal,
  tomorrowAtSameTime,
  usableTimeZone,
  DEFAULT_QUIET_HOURS,
} from '../../../src/domain/reminders/time.js';

const Q = DEFAULT_QUIET_HOURS;
const at = (iso: string) => new Date(iso);

describe('local time', () => {
  it('converts between UTC and a zone’s wall clock, both ways', () => {
    expect(toLocal(at('2026-03-10T14:30:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 3, day: 10, hour: 22, minute: 30, second: 0 });
    expect(fromLocal({ year: 2026, month: 3, day: 11, hour: 8, minute: 0, second: 0 }, 'Asia/Shanghai')).toEqual(at('2026-03-11T00:00:00Z'));
    expect(fromLocal({ year: 2026, month: 7, day: 1, hour: 8, minute: 0, second: 0 }, 'America/New_York')).toEqual(at('2026-07-01T12:00:00Z'));
    expect(fromLocal({ year: 2026, month: 1, day: 1, hour: 8, minute: 0, second: 0 }, 'America/New_York')).toEqual(at('2026-01-01T13:00:00Z'));
    expect(fromLocal({ year: 2026, month: 6, day: 1, hour: 8, minute: 0, second: 0 }, 'Asia/Kolkata')).toEqual(at('2026-06-01T02:30:00Z'));
  });

  it('moves a time skipped by the spring-forward change an hour on, like a clock', () => {
    // 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT.
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, 'America/New_York')).toEqual(at('2026-03-08T07:30:00Z'));
  });

  it('falls back to UTC for a time zone Intl does not know', () => {
    expect(usableTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(usableTimeZone('')).toBe('UTC');
    expect(toLocal(at('2026-03-10T14:30:00Z'), 'Not/AZone').hour).toBe(14);
  });

  it('adds months keeping the day where the month has it', () => {
    const jan31 = { year: 2026, month: 1, day: 31, hour: 9, minute: 0, second: 0 };
    expect(addLocalMonths(jan31, 1)).toMatchObject({ year: 2026, month: 2, day: 28 });
    expect(addLocalMonths(jan31, 2)).toMatchObject({ year: 2026, month: 3, day: 31 });
    expect(addLocalMonths(jan31, 13)).toMatchObject({ year: 2027, month: 2, day: 28 });
    expect(addLocalMonths({ ...jan31, year: 2028, month: 2, day: 29 }, 12)).toMatchObject({ year: 2029, month: 2, day: 28 });
  });

  it('keeps the local time of a series across daylight saving changes', () => {
    const start = at('2026-01-15T14:00:00Z'); // 09:00 EST
    expect(occurrenceAt(start, 'monthly', 6, 'America/New_York')).toEqual(at('2026-07-15T13:00:00Z')); // 09:00 EDT
    expect(occurrenceAt(start, 'yearly', 1, 'America/New_York')).toEqual(at('2027-01-15T14:00:00Z'));
  });
});

describe('quiet hours', () => {
  it('are 21:00–08:00 local by default, start included, end excluded', () => {
    expect(isQuietTime(at('2026-03-10T20:59:00Z'), 'UTC', Q)).toBe(false);
    expect(isQuietTime(at('2026-03-10T21:00:00Z'), 'UTC', Q)).toBe(true);
    expect(isQuietTime(at('2026-03-10T03:00:00Z'), 'UTC', Q)).toBe(true);
    expect(isQuietTime(at('2026-03-10T07:59:00Z'), 'UTC', Q)).toBe(true);
    expect(isQuietTime(at('2026-03-10T08:00:00Z'), 'UTC', Q)).toBe(false);
    expect(isQuietTime(at('2026-03-10T14:00:00Z'), 'Asia/Shanghai', Q)).toBe(true); // 22:00 there
    expect(isQuietTime(at('2026-03-10T14:00:00Z'), 'Europe/Kyiv', Q)).toBe(false); // 16:00 there
  });

  it('end at the next local morning', () => {
    expect(endOfQuietHours(at('2026-03-10T14:00:00Z'), 'Asia/Shanghai', Q)).toEqual(at('2026-03-11T00:00:00Z'));
    expect(endOfQuietHours(at('2026-03-10T18:00:00Z'), 'Asia/Shanghai', Q)).toEqual(at('2026-03-11T00:00:00Z')); // 02:00 there
    expect(endOfQuietHours(at('2026-12-31T22:00:00Z'), 'UTC', Q)).toEqual(at('2027-01-01T08:00:00Z'));
    expect(endOfQuietHours(at('2026-03-10T12:00:00Z'), 'UTC', Q)).toEqual(at('2026-03-10T12:00:00Z')); // not quiet
  });

  it('may lie within one day, or be off', () => {
    const afternoon = parseQuietHours('13:00-14:30')!;
    expect(isQuietTime(at('2026-03-10T14:00:00Z'), 'UTC', afternoon)).toBe(true);
    expect(endOfQuietHours(at('2026-03-10T14:00:00Z'), 'UTC', afternoon)).toEqual(at('2026-03-10T14:30:00Z'));
    expect(parseQuietHours('off')).toBeNull();
    expect(isQuietTime(at('2026-03-10T03:00:00Z'), 'UTC', null)).toBe(false);
    expect(isQuietTime(at('2026-03-10T03:00:00Z'), 'UTC', parseQuietHours('08:00-08:00'))).toBe(false);
  });

  it('are parsed from HH:MM-HH:MM', () => {
    expect(parseQuietHours('21:00-08:00')).toEqual({ start: 1260, end: 480 });
    expect(parseQuietHours(' 22:30 - 7:15 ')).toEqual({ start: 1350, end: 435 });
    for (const bad of ['', '21-8', '24:00-08:00', '21:00', '21:60-08:00', 'night']) expect(() => parseQuietHours(bad)).toThrow();
  });
});

describe('tomorrow at the same time', () => {
  it('is the next local day at the time the reminder arrived', () => {
    const arrived = at('2026-03-10T02:00:00Z'); // 10:00 in Shanghai
    expect(tomorrowAtSameTime(at('2026-03-10T03:00:00Z'), arrived, 'Asia/Shanghai')).toEqual(at('2026-03-11T02:00:00Z'));
    // Pressed late at night (23:30 there): still tomorrow at 10:00, not 23:30.
    expect(tomorrowAtSameTime(at('2026-03-10T15:30:00Z'), arrived, 'Asia/Shanghai')).toEqual(at('2026-03-11T02:00:00Z'));
    // Pressed after midnight there: "tomorrow" is the day after that.
    expect(tomorrowAtSameTime(at('2026-03-10T16:30:00Z'), arrived, 'Asia/Shanghai')).toEqual(at('2026-03-12T02:00:00Z'));
  });
});
