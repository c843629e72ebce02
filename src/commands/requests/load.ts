import type { Updateable } from 'kysely';
import { computeDeadlines, type DeadlineReport, type RequestEvent } from '../../domain/calendar/deadline.js';
import type { Regime } from '../../domain/calendar/regimes.js';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { AppError } from '../../domain/errors.js';
import { localDate } from '../../domain/local-date.js';
import type { Action } from '../../domain/policy.js';
import { nextState, type RequestAction, type RequestSnapshot, type RequestState } from '../../domain/requests/state-machine.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import type { Agency, Exec, RequestEventRow, RequestRow, RequestTable } from '../../store/schema.js';
import { actorId, allowed, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { calendarForAgency, regimeOf } from './calendar.js';

/** A request with its agency, loaded inside a transaction. */
export interface RequestContext {
  req: RequestRow;
  agency: Agency;
}

/**
 * Loads a request and checks `action` on its agency. Staff who may not even read requests there
 * get `request_not_found` (they do not learn it exists); readers without `action` get `forbidden`.
 */
export async function loadRequest(trx: Exec, actor: Actor, requestId: string, action: Action): Promise<RequestContext> {
  const req = await requestRepo.byId(trx, requestId);
  const agency = req ? await agencyRepo.byId(trx, req.agency_id) : undefined;
  if (!req || !agency || !allowed(actor, 'request.read', agency.path)) throw new AppError('request_not_found');
  if (!allowed(actor, action, agency.path)) throw new AppError('forbidden');
  return { req, agency };
}

/** Today's date in the agency's time zone (the legal calendar date of a step). */
export function todayAt(deps: Deps, agency: Pick<Agency, 'time_zone'>): string {
  return localDate(deps.clock.now().toISOString(), agency.time_zone || deps.defaultTimeZone);
}

/** Writes the staff audit entry of a request action (no personal data in `detail`). */
export async function auditRequest(trx: Exec, actor: Actor, at: string, action: string, req: { id: string; agency_id: string }, detail: Record<string, unknown> = {}): Promise<void> {
  await appendAudit(trx, {
    at,
    actorId: actorId(actor),
    actorUsername: actor.username,
    action,
    targetType: 'request',
    targetId: req.id,
    agencyId: req.agency_id,
    ip: actor.ip,
    detail,
  });
}

function detailsOf(e: RequestEventRow): Record<string, unknown> {
  const v: unknown = JSON.parse(e.details);
  return typeof v === 'object' && v !== null ? { ...v } : {};
}

/** The deadline events of the recorded history (steps without a clock effect are left out). */
export function deadlineEvents(rows: readonly RequestEventRow[]): RequestEvent[] {
  const out: RequestEvent[] = [];
  for (const e of rows) {
    const d = detailsOf(e);
    const date = e.local_date;
    switch (e.kind) {
      case 'received':
        out.push({ type: 'received', date });
        break;
      case 'correction_requested':
        out.push({ type: 'correction_requested', date, ...(typeof d.supplement_by === 'string' ? { supplementBy: d.supplement_by } : {}) });
        break;
      case 'supplemented':
        out.push({ type: 'supplemented', date });
        break;
      case 'abandoned':
        out.push({ type: 'deemed_abandoned', date });
        break;
      case 'extended':
        out.push({ type: 'extended', date, days: Number(d.days), by: String(d.approver ?? '') });
        break;
      case 'consultation_started':
        out.push({ type: 'consultation_started', date });
        break;
      case 'consultation_ended':
        out.push({ type: 'consultation_ended', date });
        break;
      case 'replied':
        out.push({ type: 'replied', date });
        break;
      case 'closed':
      case 'fee_unpaid':
        out.push({ type: 'closed', date });
        break;
      default:
        break;
    }
  }
  return out;
}

/** The deadlines of a request from its recorded events; null before receipt (Art. 31). */
export function deadlinesOf(regime: Regime, calendar: WorkingCalendar, rows: readonly RequestEventRow[], today: string): DeadlineReport | null {
  const events = deadlineEvents(rows);
  if (events[0]?.type !== 'received') return null;
  return computeDeadlines({ regime, calendar, events, today });
}

/** The cached deadline columns of a report. */
export function cachedDeadlines(r: DeadlineReport | null): Pick<RequestTable, 'due_date' | 'clock_status' | 'correction_notice_due_by'> {
  return { due_date: r?.dueDate ?? null, clock_status: r?.status ?? null, correction_notice_due_by: r?.correction?.noticeDueBy ?? null };
}

/** What the state machine needs of a stored request. */
export function snapshotOf(req: RequestRow): RequestSnapshot {
  return {
    // The store only holds states written through `nextState`.
    state: req.state as RequestState,
    regime: regimeOf(req.regime),
    receivedOn: req.received_on,
    correctionsRequested: req.corrections_requested,
    supplementBy: req.supplement_by,
    extensionsGranted: req.extensions_granted,
    extensionDaysGranted: req.extension_days_granted,
    feeDueOn: req.fee_due_on,
  };
}

/** One recorded step: the event kind and its details (no personal data). */
export interface StepEvent {
  kind: string;
  details?: Record<string, unknown>;
}

/**
 * The one way a request changes state: checks `action` with the state machine, appends the event
 * (actor, instant, legal date), recomputes the deadlines from every recorded event with
 * `computeDeadlines` (which also refuses an illegal sequence), caches them on the request with
 * `patch`, and writes the audit entry. Runs inside the caller's transaction; compare-and-set on
 * the request's version, so two officers acting at once cannot both win.
 */
export async function applyStep(
  trx: Exec,
  deps: Deps,
  actor: Actor,
  ctx: RequestContext,
  action: RequestAction,
  event: StepEvent,
  patch: Updateable<RequestTable> = {},
): Promise<{ req: RequestRow; deadlines: DeadlineReport | null }> {
  const { req, agency } = ctx;
  const regime = regimeOf(req.regime);
  const calendar = await calendarForAgency(deps, agency.id, regime, trx);
  const state = nextState(snapshotOf(req), action, calendar);
  const at = deps.clock.now().toISOString();
  const today = todayAt(deps, agency);
  const on = 'on' in action ? action.on : today;
  await requestRepo.appendEvent(trx, {
    id: deps.newId(),
    request_id: req.id,
    kind: event.kind,
    at,
    local_date: on,
    actor_id: actorId(actor),
    actor_name: actor.username,
    details: JSON.stringify(event.details ?? {}),
  });
  const deadlines = deadlinesOf(regime, calendar, await requestRepo.events(trx, req.id), today);
  const full: Updateable<RequestTable> = { ...patch, ...cachedDeadlines(deadlines), state, updated_at: at };
  if (!(await requestRepo.update(trx, req.id, req.version, full))) throw new AppError('stale_version');
  await auditRequest(trx, actor, at, `request.${event.kind}`, req, event.details ?? {});
  const updated = await requestRepo.byId(trx, req.id);
  if (!updated) throw new AppError('request_not_found');
  return { req: updated, deadlines };
}
