/**
 * Read models of the working-day calendars: the calendar that applies to an agency (its own
 * overrides merged with its ancestors', the nearest winning), and the console's views.
 */
import { AppError } from '../domain/errors.js';
import { calendarFor, CALENDAR_IDS, type CalendarId } from '../domain/calendar/calendars.js';
import type { CalendarOverrides, WorkingCalendar } from '../domain/calendar/working-calendar.js';
import { scopesFor } from '../domain/policy.js';
import type { Actor } from '../commands/actor.js';
import { allowed } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { calendarRepo, type CalendarOverrideRow, type CalendarYearRow } from '../store/repos/calendar-repo.js';
import { agencyCalendar, mergeOverrides, pathIds } from '../commands/calendars/agency-calendar.js';

export { mergeOverrides, pathIds };
import type { Agency } from '../store/schema.js';

/**
 * The working calendar `calendarId` as it applies to agency `agencyId`: the built-in data with the
 * overrides of the agency and all its ancestors (nearest wins on a date) and their complete years.
 * Throws `agency_not_found`. Public data: no permission is needed to read a calendar.
 */
export async function calendarForAgency(deps: Deps, agencyId: string, calendarId: CalendarId = 'cn'): Promise<WorkingCalendar> {
  return agencyCalendar(deps.db, agencyId, calendarId);
}

/** An override as the console shows it, with the agency that made it. */
export interface OverrideView extends CalendarOverrideRow {
  readonly agency_name_zh: string;
  readonly agency_name_en: string;
  /** Whether a nearer agency's override on the same date replaces this one. */
  readonly shadowed: boolean;
}

/** One agency's calendar page in the console: its own and inherited overrides, and what the actor may do. */
export interface CalendarAdminView {
  readonly agency: Agency;
  readonly calendar: CalendarId;
  readonly own: readonly OverrideView[];
  readonly inherited: readonly OverrideView[];
  readonly ownYears: readonly CalendarYearRow[];
  readonly inheritedYears: readonly (CalendarYearRow & { agency_name_zh: string; agency_name_en: string })[];
  /** Years the built-in data covers. */
  readonly builtInYears: readonly number[];
  readonly canManage: boolean;
}

/** The console's view of an agency's calendar. Readable by every staff member who can read the agency. */
export async function calendarAdminView(deps: Deps, actor: Actor, agencyId: string, calendarId: CalendarId): Promise<CalendarAdminView> {
  const agency = await agencyRepo.byId(deps.db, agencyId);
  if (!agency) throw new AppError('agency_not_found');
  if (!allowed(actor, 'agency.read', agency.path)) throw new AppError('forbidden');
  const chain = pathIds(agency.path);
  const ancestors = new Map<string, Agency>();
  for (const id of chain) {
    const a = id === agency.id ? agency : await agencyRepo.byId(deps.db, id);
    if (a) ancestors.set(id, a);
  }
  const [rows, years] = await Promise.all([calendarRepo.overridesOf(deps.db, chain, calendarId), calendarRepo.yearsOf(deps.db, chain, calendarId)]);
  const depth = new Map(chain.map((id, i) => [id, i]));
  const nearest = new Map<string, number>();
  for (const r of rows) nearest.set(r.date, Math.max(nearest.get(r.date) ?? -1, depth.get(r.agency_id) ?? -1));
  const view = (r: CalendarOverrideRow): OverrideView => ({
    ...r,
    agency_name_zh: ancestors.get(r.agency_id)?.name_zh ?? '',
    agency_name_en: ancestors.get(r.agency_id)?.name_en ?? '',
    shadowed: (nearest.get(r.date) ?? -1) > (depth.get(r.agency_id) ?? -1),
  });
  const names = (y: CalendarYearRow) => ({ ...y, agency_name_zh: ancestors.get(y.agency_id)?.name_zh ?? '', agency_name_en: ancestors.get(y.agency_id)?.name_en ?? '' });
  return {
    agency,
    calendar: calendarId,
    own: rows.filter((r) => r.agency_id === agency.id).map(view),
    inherited: rows.filter((r) => r.agency_id !== agency.id).map(view),
    ownYears: years.filter((y) => y.agency_id === agency.id),
    inheritedYears: years.filter((y) => y.agency_id !== agency.id).map(names),
    builtInYears: calendarFor(calendarId).years,
    canManage: allowed(actor, 'agency.manage', agency.path) && agency.status === 'open',
  };
}

/** An agency in the console's calendar index, with its own override count for the calendar. */
export interface CalendarIndexRow {
  readonly agency: Agency;
  readonly overrides: number;
  readonly canManage: boolean;
}

/** The agencies the actor can read, in path order, with their override counts for `calendarId`. */
export async function calendarIndex(deps: Deps, actor: Actor, calendarId: CalendarId): Promise<CalendarIndexRow[]> {
  const rows =
    actor.type === 'system'
      ? await agencyRepo.all(deps.db, { includeClosed: false })
      : await agencyRepo.inScopes(deps.db, scopesFor(actor.grants, 'agency.read'), { includeClosed: false });
  const counts = await calendarRepo.countsByAgency(deps.db, calendarId);
  return rows
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((agency) => ({ agency, overrides: counts.get(agency.id) ?? 0, canManage: allowed(actor, 'agency.manage', agency.path) }));
}

/** The calendar ids, for pickers. */
export const CALENDARS: readonly CalendarId[] = CALENDAR_IDS;
