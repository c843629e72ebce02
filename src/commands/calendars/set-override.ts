import { AppError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../store/dialect/dialect.js';
import { calendarRepo, type CalendarOverrideRow } from '../../store/repos/calendar-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditCalendar, checkCalendar, checkDate, checkNote, isOverrideKind, managedAgency, throwIssues } from './override-input.js';
import type { FieldIssue } from '../../domain/errors.js';

/** One override as entered in the console: a date of a calendar is a holiday or a working day. */
export interface OverrideInput {
  readonly calendar: string;
  readonly date: string;
  readonly kind: string;
  readonly note: string;
}

/**
 * Declares `date` a holiday or a working day of `calendar` for the agency's subtree (issue 5 §2,
 * local holidays). A second declaration of the same date replaces the first. Needs
 * `agency.manage`; audited as `calendar.override.set` with the previous value, in one transaction.
 */
export async function setCalendarOverride(deps: Deps, actor: Actor, agencyId: string, input: OverrideInput): Promise<CalendarOverrideRow> {
  const issues: FieldIssue[] = [];
  const calendar = checkCalendar(input.calendar, issues);
  const date = checkDate(input.date, 'date', issues);
  if (!isOverrideKind(input.kind)) issues.push({ field: 'kind', code: 'bad_kind' });
  const note = checkNote(input.note, issues);
  throwIssues(issues);
  // Checked just above: throwIssues returned, so the kind is valid.
  const kind = input.kind === 'working_day' ? 'working_day' : 'holiday';
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await managedAgency(trx, actor, agencyId);
      const at = deps.clock.now().toISOString();
      const before = await calendarRepo.overrideOn(trx, agencyId, calendar, date);
      let row: CalendarOverrideRow;
      if (before) {
        await calendarRepo.updateOverride(trx, before.id, { kind, note });
        row = { ...before, kind, note };
      } else {
        row = { id: deps.newId(), agency_id: agencyId, calendar_id: calendar, date, kind, note, created_at: at, created_by: actorId(actor) };
        await calendarRepo.insertOverride(trx, row);
      }
      await auditCalendar(trx, actor, at, 'calendar.override.set', agencyId, {
        calendar,
        date,
        kind,
        note,
        before: before ? { kind: before.kind, note: before.note } : null,
      });
      return row;
    });
  } catch (e) {
    // Two admins adding the same date at once: the loser is told to reload.
    if (isUniqueViolation(e)) throw new AppError('stale_version');
    throw e;
  }
}
