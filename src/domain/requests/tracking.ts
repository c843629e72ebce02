/**
 * Tracking numbers: `YSQ-<year>-<serial>` (依申请 = YSQ), six digits or more, unique per instance.
 * The serial counts per year and is never reused.
 */

const PATTERN = /^YSQ-(\d{4})-(\d{6,})$/;

/** `YSQ-2026-000123` from year 2026 and serial 123. */
export function formatTrackingNumber(year: number, serial: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`bad year ${year}`);
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError(`bad serial ${serial}`);
  return `YSQ-${year}-${String(serial).padStart(6, '0')}`;
}

/** The year and serial of a tracking number, or null when it is not one (case-insensitive). */
export function parseTrackingNumber(s: string): { year: number; serial: number } | null {
  const m = PATTERN.exec(s.trim().toUpperCase());
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { year: Number(m[1]), serial: Number(m[2]) };
}
