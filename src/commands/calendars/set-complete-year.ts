import { calendarRepo } from '../../store/repos/calendar-repo.js';
import type { FieldIssue } from '../../domain/errors.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditCalendar, checkCalendar, checkNote, checkYear, managedAgency, throwIssues } from './override-input.js';

/**
 * Declares a year of `calendar` complete for the agency's subtree (or withdraws the declaration).
 * A complete year no longer raises the "year without data" warning (DOMAIN.md §2): the admin
 * vouches that the base data plus the overrides are the whole schedule, typically after importing
 * the State Council's notice for a year `chinese-days` does not carry yet. Idempotent. Needs
 * `agency.manage`; audited as `calendar.year.add` / `calendar.year.remove`.
 */
export async function setCalendarYearComplete(
  deps: Deps,
  actor: Actor,
  agencyId: string,
  input: { calendar: string; year: number; complete: boolean; note?: string },
): Promise<void> {
  const issues: FieldIssue[] = [];
  const calendar = checkCalendar(input.calendar, issues);
  const year = checkYear(input.year, issues);
  const note = checkNote(input.note ?? '', issues);
  throwIssues(issues);
  await deps.db.transaction().execute(async (trx) => {
    await managedAgency(trx, actor, agencyId);
    const at = deps.clock.now().toISOString();
    const cur = await calendarRepo.yearOf(trx, agencyId, calendar, year);
    if (input.complete && !cur) {
      await calendarRepo.insertYear(trx, { agency_id: agencyId, calendar_id: calendar, year, note, created_at: at, created_by: actorId(actor) });
      await auditCalendar(trx, actor, at, 'calendar.year.add', agencyId, { calendar, year, note });
    } else if (!input.complete && cur) {
      await calendarRepo.deleteYear(trx, agencyId, calendar, year);
      await auditCalendar(trx, actor, at, 'calendar.year.remove', agencyId, { calendar, year });
    }
  });
}
