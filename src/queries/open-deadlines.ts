/**
 * The requests area's answer to the reminder job: open requests whose clock is running, with
 * their due date, working days left and who to tell. Shaped like `OpenDeadlineSource` of
 * `jobs/reminders.ts` (structurally, so this read model does not import from `jobs/`).
 */
import { addCalendarDays, compareDates } from '../domain/calendar/iso-date.js';
import { localDate } from '../domain/local-date.js';
import { withinScope } from '../domain/policy.js';
import type { Deps } from '../commands/deps.js';
import { calendarForAgency, regimeOf } from '../commands/requests/calendar.js';

/** One open request with a running deadline (fields as `OpenDeadline` of the reminder job). */
export interface RequestDeadline {
  requestId: string;
  agencyId: string;
  trackingNumber: string;
  dueDate: string;
  workingDaysLeft: number;
  overdueSince?: string;
  officerUserIds: readonly string[];
  supervisorUserIds: readonly string[];
}

/** States in which the reply clock runs (paused consultations and pending corrections are left out). */
const RUNNING = ['received', 'in_progress', 'extended', 'fee_pending'];

/**
 * Open requests with a running clock at `now`. Officers: the assigned officer, or, when none is
 * assigned, every active request officer whose grant covers the agency. Supervisors: every
 * active supervisor whose grant covers it. Working days are counted on `calendarForAgency`.
 */
export async function openDeadlines(deps: Deps, now: Date): Promise<readonly RequestDeadline[]> {
  const rows = await deps.db
    .selectFrom('requests as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.agency_id', 'r.tracking_number', 'r.due_date', 'r.officer_id', 'r.regime', 'a.path', 'a.time_zone'])
    .where('r.state', 'in', RUNNING)
    .where('r.due_date', 'is not', null)
    .execute();
  if (rows.length === 0) return [];
  const grants = await deps.db
    .selectFrom('grants as g')
    .innerJoin('agencies as a', 'a.id', 'g.agency_id')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.user_id', 'g.role', 'a.path'])
    .where('g.role', 'in', ['request_officer', 'supervisor'])
    .where('u.status', '=', 'active')
    .execute();
  const out: RequestDeadline[] = [];
  for (const r of rows) {
    if (r.due_date === null) continue;
    const today = localDate(now.toISOString(), r.time_zone || deps.defaultTimeZone);
    const cal = await calendarForAgency(deps, r.agency_id, regimeOf(r.regime));
    const covering = (role: string) => [...new Set(grants.filter((g) => g.role === role && withinScope(g.path, r.path)).map((g) => g.user_id))];
    out.push({
      requestId: r.id,
      agencyId: r.agency_id,
      trackingNumber: r.tracking_number,
      dueDate: r.due_date,
      workingDaysLeft: cal.workingDaysBetween(today, r.due_date).value,
      ...(compareDates(today, r.due_date) > 0 ? { overdueSince: addCalendarDays(r.due_date, 1) } : {}),
      officerUserIds: r.officer_id ? [r.officer_id] : covering('request_officer'),
      supervisorUserIds: covering('supervisor'),
    });
  }
  return out;
}
