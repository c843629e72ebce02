import { AppError } from '../../domain/errors.js';
import { calendarRepo } from '../../store/repos/calendar-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditCalendar, managedAgency } from './override-input.js';

/**
 * Removes one of the agency's own overrides (an ancestor's override is removed at the ancestor).
 * Needs `agency.manage`; audited as `calendar.override.remove` with the removed values.
 */
export async function removeCalendarOverride(deps: Deps, actor: Actor, agencyId: string, overrideId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await managedAgency(trx, actor, agencyId);
    const row = await calendarRepo.overrideById(trx, overrideId);
    if (!row || row.agency_id !== agencyId) throw new AppError('not_found');
    await calendarRepo.deleteOverride(trx, row.id);
    await auditCalendar(trx, actor, deps.clock.now().toISOString(), 'calendar.override.remove', agencyId, {
      calendar: row.calendar_id,
      date: row.date,
      kind: row.kind,
      note: row.note,
    });
  });
}
