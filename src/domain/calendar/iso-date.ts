/**
 * Dates of the legal calendar as `YYYY-MM-DD` strings, and the arithmetic on them.
 *
 * All arithmetic runs on UTC day numbers (days since 1970-01-01), so no local time zone, DST change
 * or `Date` parsing quirk can shift a date by one. A date string names a day in the agency's time
 * zone; this module never converts instants.
 */
import { AppError } from '../errors.js';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written exactly as `YYYY-MM-DD` (so `2025-02-29` is not). */
export function isIsoDate(s: string): boolean {
  return tryDayNumber(s) !== null;
}

function tryDayNumber(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 02-30 over to 03-02; the round trip catches it. It also maps years 0–99 to
  // 1900–1999, which the round trip rejects too.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

/**
 * The UTC day number of a `YYYY-MM-DD` date. Throws `AppError('validation_failed')` with field
 * code `bad_date` for anything else.
 */
export function dayNumber(date: string, field = 'date'): number {
  const n = tryDayNumber(date);
  if (n === null) {
    throw new AppError('validation_failed', {
      message: `${field}: not a YYYY-MM-DD date: ${JSON.stringify(date)}`,
      fields: [{ field, code: 'bad_date' }],
    });
  }
  return n;
}

/** The `YYYY-MM-DD` string of a UTC day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** The calendar year of a day number. */
export function yearOf(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function calendarDaysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Compares two dates for sorting: negative when `a` is earlier. */
export function compareDates(a: string, b: string): number {
  return dayNumber(a) - dayNumber(b);
}
