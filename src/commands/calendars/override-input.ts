/**
 * What every calendar-override command shares: input checks, the policy check and the audit
 * record. Overrides are jurisdiction configuration that changes the legal deadline of every request
 * in the agency's subtree, so changing them needs `agency.manage` (the admin role), the same action
 * that creates, moves and closes agencies; the disclosure-guide action `agency.edit_profile` that
 * editors hold is not enough.
 */
import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import { CALENDAR_IDS, type CalendarId } from '../../domain/calendar/calendars.js';
import { isIsoDate } from '../../domain/calendar/iso-date.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import type { Agency, Exec } from '../../store/schema.js';
import { actorId, authorize, type Actor } from '../actor.js';

/** The kinds of day an override can declare. */
export const OVERRIDE_KINDS = ['holiday', 'working_day'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/** Longest note kept with an override (the local notice's title and number fit easily). */
export const NOTE_MAX = 200;

/** Whether `s` names a built-in calendar. */
export function isCalendarId(s: string): s is CalendarId {
  return (CALENDAR_IDS as readonly string[]).includes(s); // widening the literal list to strings is safe
}

/** Whether `s` is an override kind. */
export function isOverrideKind(s: string): s is OverrideKind {
  return (OVERRIDE_KINDS as readonly string[]).includes(s); // widening the literal list to strings is safe
}

/** Checks a calendar id, pushing an issue on `issues` when it is unknown. */
export function checkCalendar(s: string, issues: FieldIssue[]): CalendarId {
  if (isCalendarId(s)) return s;
  issues.push({ field: 'calendar', code: 'bad_calendar' });
  return 'cn';
}

/** Checks a note: at most `NOTE_MAX` characters, no control characters; returns it trimmed. */
export function checkNote(s: string, issues: FieldIssue[]): string {
  const note = s.trim();
  if (note.length > NOTE_MAX) issues.push({ field: 'note', code: 'too_long' });
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(note)) issues.push({ field: 'note', code: 'control_chars' });
  return note;
}

/** Checks a `YYYY-MM-DD` date field. */
export function checkDate(s: string, field: string, issues: FieldIssue[]): string {
  const d = s.trim();
  if (!isIsoDate(d)) issues.push({ field, code: 'bad_date' });
  return d;
}

/** Checks a year for a complete-year declaration. */
export function checkYear(n: number, issues: FieldIssue[]): number {
  if (!Number.isInteger(n) || n < 1900 || n > 2200) issues.push({ field: 'year', code: 'bad_year' });
  return n;
}

/** Throws the collected issues, if there are some. */
export function throwIssues(issues: FieldIssue[]): void {
  if (issues.length > 0) throw invalid(issues);
}

/** Loads the agency and checks that the actor may change its calendar (`agency.manage`). */
export async function managedAgency(db: Exec, actor: Actor, agencyId: string): Promise<Agency> {
  const agency = await agencyRepo.byId(db, agencyId);
  if (!agency) throw new AppError('agency_not_found');
  // Agencies are public, so a refusal reveals nothing that a 404 would hide.
  authorize(actor, 'agency.manage', agency.path);
  if (agency.status === 'closed') throw new AppError('agency_closed');
  return agency;
}

/** Appends the audit record of a calendar change, in the caller's transaction. */
export async function auditCalendar(db: Exec, actor: Actor, at: string, action: string, agencyId: string, detail: Record<string, unknown>): Promise<void> {
  await appendAudit(db, {
    at,
    actorId: actorId(actor),
    actorUsername: actor.username,
    action,
    targetType: 'calendar',
    targetId: `${agencyId}:${String(detail.calendar ?? '')}`,
    agencyId,
    ip: actor.ip,
    detail,
  });
}
