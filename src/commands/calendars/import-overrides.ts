import { parseDateList, parseIcsCalendar, type ImportedCalendar } from '../../domain/calendar/calendar-import.js';
import { yearOf, dayNumber } from '../../domain/calendar/iso-date.js';
import type { FieldIssue } from '../../domain/errors.js';
import { calendarRepo } from '../../store/repos/calendar-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditCalendar, checkCalendar, checkNote, isOverrideKind, managedAgency, throwIssues } from './override-input.js';

/** The formats an admin can import: iCalendar all-day events, or one `YYYY-MM-DD` a line. */
export const IMPORT_FORMATS = ['ics', 'dates'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** More dates than this in one upload is certainly not a holiday schedule. */
export const IMPORT_MAX_DATES = 2000;

export interface ImportInput {
  readonly calendar: string;
  readonly format: string;
  /** The file's or the pasted text. */
  readonly text: string;
  /** For a date list: whether its dates are holidays or working days (iCalendar events say it themselves). */
  readonly kind: string;
  /** Kept with each imported date (say, the notice's title and number). */
  readonly note: string;
  /** Declare the years the imported dates fall in complete (silences their "no data" warning). */
  readonly completeYears: boolean;
}

export interface ImportResult {
  readonly added: number;
  readonly replaced: number;
  readonly holidays: number;
  readonly workingDays: number;
  readonly years: readonly number[];
}

/**
 * Imports holidays and working days for the agency's subtree from an iCalendar file or a plain
 * date list (issue 5 §2), all or nothing: a file with a bad line is refused whole, with every
 * problem and its line number (`CalendarImportError`, fields `line N`). Imported dates replace the
 * agency's own overrides on the same dates. Needs `agency.manage`; one `calendar.import` audit
 * record with the counts, in the same transaction.
 */
export async function importCalendarOverrides(deps: Deps, actor: Actor, agencyId: string, input: ImportInput): Promise<ImportResult> {
  const issues: FieldIssue[] = [];
  const calendar = checkCalendar(input.calendar, issues);
  const note = checkNote(input.note, issues);
  const format = input.format === 'ics' || input.format === 'dates' ? input.format : null;
  if (format === null) issues.push({ field: 'format', code: 'bad_format' });
  if (format === 'dates' && !isOverrideKind(input.kind)) issues.push({ field: 'kind', code: 'bad_kind' });
  if (input.text.trim() === '') issues.push({ field: 'text', code: 'required' });
  throwIssues(issues);
  // Both parsers throw CalendarImportError naming every bad line.
  let data: ImportedCalendar;
  if (format === 'ics') {
    data = parseIcsCalendar(input.text);
  } else {
    const dates = parseDateList(input.text);
    const years = [...new Set(dates.map((d) => yearOf(dayNumber(d))))];
    data = input.kind === 'working_day' ? { holidays: [], workingDays: dates, years } : { holidays: dates, workingDays: [], years };
  }
  const total = data.holidays.length + data.workingDays.length;
  if (total === 0) throwIssues([{ field: 'text', code: 'no_dates' }]);
  if (total > IMPORT_MAX_DATES) throwIssues([{ field: 'text', code: 'too_many_dates' }]);

  return deps.db.transaction().execute(async (trx) => {
    await managedAgency(trx, actor, agencyId);
    const at = deps.clock.now().toISOString();
    let added = 0;
    let replaced = 0;
    const entries: [string, 'holiday' | 'working_day'][] = [
      ...data.holidays.map((d): [string, 'holiday'] => [d, 'holiday']),
      ...data.workingDays.map((d): [string, 'working_day'] => [d, 'working_day']),
    ];
    for (const [date, kind] of entries) {
      const cur = await calendarRepo.overrideOn(trx, agencyId, calendar, date);
      if (cur) {
        await calendarRepo.updateOverride(trx, cur.id, { kind, note });
        replaced += 1;
      } else {
        await calendarRepo.insertOverride(trx, { id: deps.newId(), agency_id: agencyId, calendar_id: calendar, date, kind, note, created_at: at, created_by: actorId(actor) });
        added += 1;
      }
    }
    if (input.completeYears) {
      for (const year of data.years) {
        if (!(await calendarRepo.yearOf(trx, agencyId, calendar, year))) {
          await calendarRepo.insertYear(trx, { agency_id: agencyId, calendar_id: calendar, year, note, created_at: at, created_by: actorId(actor) });
        }
      }
    }
    const result: ImportResult = { added, replaced, holidays: data.holidays.length, workingDays: data.workingDays.length, years: data.years };
    await auditCalendar(trx, actor, at, 'calendar.import', agencyId, { calendar, format, note, ...result, completeYears: input.completeYears });
    return result;
  });
}
