// Screening dates are calendar dates in the region ("YYYY-MM-DD"), not instants: a standard takes
// effect on a day, whatever the time zone of the caller. ISO strings of equal length compare
// chronologically as plain strings, which keeps the standard lookup cheap.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function assertCalendarDate(value: string, what: string): void {
  if (!isCalendarDate(value)) {
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got "${value}"`);
  }
}
