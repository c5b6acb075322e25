// Instalment due dates: anchored to the start date, month ends, leap years, end dates, horizons.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  firstOfNextMonth,
  firstSequenceFrom,
  instalmentDueDate,
  instalmentsThrough,
  isCalendarDate,
  todayIn,
} from '../../../src/domain/donations/schedule.js';

const monthly = (startDate: string, endDate: string | null = null) => ({ frequency: 'monthly' as const, startDate, endDate });
const annual = (startDate: string, endDate: string | null = null) => ({ frequency: 'annual' as const, startDate, endDate });
const dates = (pledge: Parameters<typeof instalmentDueDate>[0], count: number) =>
  Array.from({ length: count }, (_, n) => instalmentDueDate(pledge, n));

describe('monthly instalments', () => {
  it('started on the 31st fall on the last day of shorter months and go back to the 31st', () => {
    expect(dates(monthly('2027-01-31'), 7)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
      '2027-07-31',
    ]);
  });

  it('fall on Feb 29 in a leap year', () => {
    expect(dates(monthly('2028-01-31'), 3)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(dates(monthly('2028-01-29'), 2)).toEqual(['2028-01-29', '2028-02-29']);
    expect(dates(monthly('2027-01-29'), 3)).toEqual(['2027-01-29', '2027-02-28', '2027-03-29']);
  });

  it('started on the 30th keep the 30th after February (no drift to the 28th)', () => {
    expect(dates(monthly('2026-11-30'), 5)).toEqual(['2026-11-30', '2026-12-30', '2027-01-30', '2027-02-28', '2027-03-30']);
  });

  it('cross the year end', () => {
    expect(dates(monthly('2026-12-15'), 2)).toEqual(['2026-12-15', '2027-01-15']);
  });

  it('stop after the end date (inclusive)', () => {
    const pledge = monthly('2027-01-31', '2027-04-30');
    expect(dates(pledge, 5)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', null]);
  });
});

describe('annual instalments', () => {
  it('from Feb 29 fall on Feb 28 in common years and on Feb 29 again in leap years', () => {
    expect(dates(annual('2028-02-29'), 5)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });

  it('keep their day', () => {
    expect(dates(annual('2026-12-01'), 3)).toEqual(['2026-12-01', '2027-12-01', '2028-12-01']);
  });
});

describe('one-time pledges', () => {
  it('have exactly one instalment, on the start date', () => {
    const pledge = { frequency: 'one_time' as const, startDate: '2027-03-31', endDate: null };
    expect(dates(pledge, 2)).toEqual(['2027-03-31', null]);
    expect(instalmentDueDate(pledge, -1)).toBeNull();
  });
});

describe('generation up to a horizon', () => {
  it('lists the instalments due on or before the horizon from a given number on', () => {
    expect(instalmentsThrough(monthly('2027-01-31'), 0, '2027-03-30')).toEqual([
      { sequence: 0, dueDate: '2027-01-31' },
      { sequence: 1, dueDate: '2027-02-28' },
    ]);
    expect(instalmentsThrough(monthly('2027-01-31'), 2, '2027-03-31')).toEqual([{ sequence: 2, dueDate: '2027-03-31' }]);
    expect(instalmentsThrough(annual('2027-06-01'), 1, '2028-05-31')).toEqual([]);
  });

  it('finds the first instalment on or after a date (resuming a paused pledge)', () => {
    expect(firstSequenceFrom(monthly('2027-01-31'), '2027-03-01')).toBe(2);
    expect(firstSequenceFrom(monthly('2027-01-31'), '2027-02-28')).toBe(1);
    expect(firstSequenceFrom(monthly('2027-01-31', '2027-02-28'), '2027-03-01')).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('move dates across months and years and reject impossible dates', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-01-03', -7)).toBe('2026-12-27');
    expect(addMonths('2027-10-31', 4)).toBe('2028-02-29');
    expect(firstOfNextMonth('2026-12-31')).toBe('2027-01-01');
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2028-2-1')).toBe(false);
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
  });

  it("gives today's date where the donor lives", () => {
    const now = new Date('2027-01-31T20:00:00Z');
    expect(todayIn('UTC', now)).toBe('2027-01-31');
    expect(todayIn('Asia/Shanghai', now)).toBe('2027-02-01');
    expect(todayIn('America/Los_Angeles', now)).toBe('2027-01-31');
    expect(todayIn('Not/AZone', now)).toBe('2027-01-31');
  });
});
