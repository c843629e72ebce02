import { AppError } from '../../domain/errors.js';
import { calendarFor, type CalendarId } from '../../domain/calendar/calendars.js';
import type { CalendarOverrides, WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { calendarRepo, type CalendarOverrideRow, type CalendarYearRow } from '../../store/repos/calendar-repo.js';
import type { Exec } from '../../store/schema.js';

/** The agency ids of a materialised path `/root/…/id/`, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/**
 * Merges the overrides of an agency and its ancestors into one `CalendarOverrides`. `chain` is the
 * agency ids root first; on the same date the row of the agency latest in `chain` (the nearest)
 * wins, so a county can make a working day of a date its province declared a holiday. Complete
 * years are the union: a year declared complete anywhere up the chain is complete here.
 */
export function mergeOverrides(chain: readonly string[], rows: readonly Pick<CalendarOverrideRow, 'agency_id' | 'date' | 'kind'>[], years: readonly Pick<CalendarYearRow, 'year'>[]): CalendarOverrides {
  const depth = new Map(chain.map((id, i) => [id, i]));
  const byDate = new Map<string, { depth: number; kind: CalendarOverrideRow['kind'] }>();
  for (const r of rows) {
    const d = depth.get(r.agency_id);
    if (d === undefined) continue;
    const cur = byDate.get(r.date);
    if (!cur || d > cur.depth) byDate.set(r.date, { depth: d, kind: r.kind });
  }
  const holidays: string[] = [];
  const workingDays: string[] = [];
  for (const [date, v] of [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b))) (v.kind === 'holiday' ? holidays : workingDays).push(date);
  return { holidays, workingDays, years: [...new Set(years.map((y) => y.year))].sort((a, b) => a - b) };
}

/**
 * The working calendar `calendarId` as it applies to agency `agencyId` (built-in data plus the
 * overrides of the agency and its ancestors, nearest winning), read through `db` so commands can
 * use it inside their transaction. Throws `agency_not_found`.
 */
export async function agencyCalendar(db: Exec, agencyId: string, calendarId: CalendarId = 'cn'): Promise<WorkingCalendar> {
  const agency = await agencyRepo.byId(db, agencyId);
  if (!agency) throw new AppError('agency_not_found');
  const chain = pathIds(agency.path);
  const [rows, years] = await Promise.all([calendarRepo.overridesOf(db, chain, calendarId), calendarRepo.yearsOf(db, chain, calendarId)]);
  return calendarFor(calendarId, mergeOverrides(chain, rows, years));
}
