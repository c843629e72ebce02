/**
 * The mainland-China working-day calendar (DOMAIN.md §2), built from the `chinese-days` package's
 * data file: the State Council's yearly holiday schedule, holidays and adjusted working days (调休).
 *
 * The JSON is imported once and turned into sets when the module loads; per-day lookups never go
 * through the package's functions (which re-parse dates on every call).
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type CalendarOverrides, WorkingCalendar } from './working-calendar.js';

/** The calendar id used in regimes and warnings. */
export const CHINA_CALENDAR_ID = 'cn';

/** The base data: holidays, adjusted working days and the years they cover. */
export interface ChinaCalendarData {
  readonly holidays: readonly string[];
  readonly workingDays: readonly string[];
  readonly years: readonly number[];
}

function load(): ChinaCalendarData {
  // The package maps `YYYY-MM-DD` to "English name,中文名,n"; only the keys matter here.
  // `inLieuDays` lists holidays that were "paid for" by an adjusted working day; they are already
  // in `holidays`, so they add nothing to a working-day count.
  const holidays: Readonly<Record<string, string>> = chineseDays.holidays;
  const workingDays: Readonly<Record<string, string>> = chineseDays.workdays;
  const holidayDates = Object.keys(holidays).sort();
  // A year counts as covered only when its schedule includes National Day (1 October), which every
  // State Council schedule does. A stray cross-year entry (say a 1 January announced with the
  // previous year's schedule) therefore never marks the next year as covered.
  const years = holidayDates.filter((d) => d.endsWith('-10-01')).map((d) => Number(d.slice(0, 4)));
  return { holidays: holidayDates, workingDays: Object.keys(workingDays).sort(), years };
}

/** The base data from `chinese-days`, parsed once. */
export const CHINA_CALENDAR_DATA: ChinaCalendarData = load();

const base = new WorkingCalendar({
  id: CHINA_CALENDAR_ID,
  holidays: CHINA_CALENDAR_DATA.holidays,
  workingDays: CHINA_CALENDAR_DATA.workingDays,
  years: CHINA_CALENDAR_DATA.years,
});

/**
 * The China calendar, optionally with admin overrides (local holidays, extra working days, or a
 * year the admin has imported in full). Without overrides the same instance is returned each time.
 */
export function chinaCalendar(overrides?: CalendarOverrides): WorkingCalendar {
  return overrides === undefined ? base : base.withOverrides(overrides);
}
