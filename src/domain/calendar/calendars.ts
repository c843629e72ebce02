/**
 * The built-in calendars, by id. China comes from `chinese-days`; the others carry hand-entered
 * holiday data where it is certain, and are weekends-only (with the "no data" warning on every
 * date) where it is not.
 *
 * - `uk-england`: England and Wales bank holidays 2025–2026 (Banking and Financial Dealings Act
 *   1971 and the annual proclamations, as listed on GOV.UK), substitute days included.
 * - `us-federal`: the 11 federal holidays of 5 U.S.C. 6103, 2025–2026, on their observed dates
 *   (a Saturday holiday is observed on the Friday before, a Sunday one on the Monday after).
 *   One-off closures by executive order are not included: add them as overrides.
 * - `eu`: no data. The EU institutions each publish their own list of public holidays yearly, and
 *   they differ between institutions; the admin must import the relevant institution's list.
 */
import { CHINA_CALENDAR_ID, chinaCalendar } from './china.js';
import { type CalendarOverrides, WorkingCalendar } from './working-calendar.js';

/** The calendars a regime can name. */
export type CalendarId = 'cn' | 'uk-england' | 'us-federal' | 'eu';

export const CALENDAR_IDS: readonly CalendarId[] = [CHINA_CALENDAR_ID, 'uk-england', 'us-federal', 'eu'];

/** England and Wales bank holidays (GOV.UK). 2026-12-28 substitutes for Boxing Day on a Saturday. */
export const UK_ENGLAND_BANK_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
};

/**
 * US federal holidays, observed dates (5 U.S.C. 6103; OPM). In order: New Year's Day, Birthday of
 * Martin Luther King Jr., Washington's Birthday, Memorial Day, Juneteenth, Independence Day
 * (2026: observed Friday 3 July), Labor Day, Columbus Day, Veterans Day, Thanksgiving, Christmas.
 */
export const US_FEDERAL_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2025: [
    '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04',
    '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
  ],
  2026: [
    '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03',
    '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
  ],
};

function fromTable(id: CalendarId, table: Readonly<Record<number, readonly string[]>>, overrides?: CalendarOverrides): WorkingCalendar {
  return new WorkingCalendar({
    id,
    holidays: Object.values(table).flat(),
    workingDays: [],
    years: Object.keys(table).map(Number),
    ...(overrides === undefined ? {} : { overrides }),
  });
}

/** The built-in calendar `id`, with optional admin overrides. */
export function calendarFor(id: CalendarId, overrides?: CalendarOverrides): WorkingCalendar {
  switch (id) {
    case 'cn':
      return chinaCalendar(overrides);
    case 'uk-england':
      return fromTable(id, UK_ENGLAND_BANK_HOLIDAYS, overrides);
    case 'us-federal':
      return fromTable(id, US_FEDERAL_HOLIDAYS, overrides);
    case 'eu':
      return fromTable(id, {}, overrides);
  }
}
