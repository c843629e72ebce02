/**
 * Shared steps of the message commands: loading a message with the actor's permission checked,
 * the answer deadline in working days on the agency's calendar, the event history, the audit
 * entry, and the notifications (sender by e-mail, staff in the console) through the outbox.
 */
import { agencyCalendar } from '../calendars/agency-calendar.js';
import { AppError } from '../../domain/errors.js';
import { localDate } from '../../domain/local-date.js';
import { DEFAULT_ANSWER_DAYS } from '../../domain/messages/message-rules.js';
import type { Action } from '../../domain/policy.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { messageRepo } from '../../store/repos/message-repo.js';
import { enqueue, type Json } from '../../store/repos/outbox-repo.js';
import type { Agency, Exec, MessageRow } from '../../store/schema.js';
import { actorId, allowed, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';

/** A message with its agency, loaded inside a transaction. */
export interface MessageContext {
  msg: MessageRow;
  agency: Agency;
}

/**
 * Loads a message and checks `action` on its agency. Staff who may not read requests there get
 * `message_not_found` (they do not learn it exists); readers without `action` get `forbidden`.
 * Messages follow the authorisation model of requests: `request.read` to see, `request.handle`
 * to assign, answer, transfer and redirect.
 */
export async function loadMessage(trx: Exec, actor: Actor, id: string, action: Action): Promise<MessageContext> {
  const msg = await messageRepo.byId(trx, id);
  const agency = msg ? await agencyRepo.byId(trx, msg.agency_id) : undefined;
  if (!msg || !agency || !allowed(actor, 'request.read', agency.path)) throw new AppError('message_not_found');
  if (!allowed(actor, action, agency.path)) throw new AppError('forbidden');
  return { msg, agency };
}

/** Today's date in the agency's time zone. */
export function todayIn(deps: Deps, agency: Pick<Agency, 'time_zone'>): string {
  return localDate(deps.clock.now().toISOString(), agency.time_zone || deps.defaultTimeZone);
}

/** The agency's answer period in working days (its setting, else the default of 5). */
export async function answerDaysOf(trx: Exec, agencyId: string): Promise<number> {
  return (await messageRepo.answerDays(trx, agencyId)) ?? DEFAULT_ANSWER_DAYS;
}

/**
 * The answer deadline of a period starting on `from` at `agencyId`: the agency's number of
 * working days after `from` on its calendar (China's, with the agency's and its ancestors'
 * overrides; the same calendar as requests). `from` itself is day 0 (Civil Code Art. 201).
 */
export async function dueDateFrom(trx: Exec, agencyId: string, from: string): Promise<string> {
  const cal = await agencyCalendar(trx, agencyId, 'cn');
  return cal.addWorkingDays(from, await answerDaysOf(trx, agencyId)).value;
}

/** Appends an event to the message's history. */
export async function recordMessageEvent(trx: Exec, deps: Deps, actor: Actor, msg: { id: string }, kind: string, localDay: string, details: Record<string, Json> = {}): Promise<void> {
  await messageRepo.appendEvent(trx, {
    id: deps.newId(),
    message_id: msg.id,
    kind,
    at: deps.clock.now().toISOString(),
    local_date: localDay,
    actor_id: actorId(actor),
    actor_name: actor.username,
    details: JSON.stringify(details),
  });
}

/** The staff audit entry of a message action (no personal data in `detail`). */
export async function auditMessage(trx: Exec, deps: Deps, actor: Actor, action: string, msg: { id: string; agency_id: string }, detail: Record<string, unknown> = {}): Promise<void> {
  await appendAudit(trx, {
    at: deps.clock.now().toISOString(),
    actorId: actorId(actor),
    actorUsername: actor.username,
    action,
    targetType: 'message',
    targetId: msg.id,
    agencyId: msg.agency_id,
    ip: actor.ip,
    detail,
  });
}

/** The optimistic update of a loaded message; a concurrent change gives `stale_version`. */
export async function saveMessage(trx: Exec, msg: MessageRow, set: Parameters<typeof messageRepo.update>[3]): Promise<void> {
  if (!(await messageRepo.update(trx, msg.id, msg.version, set))) throw new AppError('stale_version');
}

/** Message kinds of the outbox (templates in `jobs/mail/message-templates.ts`). */
export const MESSAGE_MAIL = {
  submitted: 'message.submitted',
  transferred: 'message.transferred',
  answered: 'message.answered',
  redirected: 'message.redirected',
  received: 'message.received',
  overdue: 'message.overdue',
} as const;

/** Where the sender's e-mails point: the look-up form (the private token is never stored, so never mailed). */
export const SENDER_LINK = '/messages/track';

/**
 * Queues an e-mail to the sender of `msg`, when they gave an address, in the caller's
 * transaction, in the language they wrote in. The payload holds the tracking number and public facts only; the address is the
 * outbox row's recipient (staff-only data).
 */
export async function notifySender(trx: Exec, deps: Deps, msg: { id: string; agency_id: string; tracking_number: string; locale: string }, kind: string, payload: Record<string, Json>): Promise<boolean> {
  const sender = await messageRepo.sender(trx, msg.id);
  if (!sender?.email) return false;
  const at = deps.clock.now().toISOString();
  const id = deps.newId();
  await enqueue(trx, {
    id,
    kind,
    channel: 'email',
    recipient: { email: sender.email },
    locale: msg.locale === 'en' ? 'en' : 'zh-CN',
    payload: { trackingNumber: msg.tracking_number, path: SENDER_LINK, ...payload },
    dedupeKey: `${kind}:${msg.id}:${id}`,
    agencyId: msg.agency_id,
    createdAt: at,
  });
  return true;
}

/** Active users holding `role` at `agency` or an agency above it. */
export async function staffAbove(trx: Exec, agency: Pick<Agency, 'path'>, role: 'request_officer' | 'supervisor'): Promise<{ id: string; email: string | null }[]> {
  const ancestors = agency.path.split('/').filter(Boolean);
  return trx
    .selectFrom('grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.email'])
    .distinct()
    .where('g.role', '=', role)
    .where('g.agency_id', 'in', ancestors)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
}

/** Console notices to the request officers of `agency` and above that a message arrived (new or transferred). */
export async function notifyOfficers(trx: Exec, deps: Deps, msg: { id: string; tracking_number: string }, agency: Agency): Promise<void> {
  const at = deps.clock.now().toISOString();
  const seq = deps.newId();
  for (const u of await staffAbove(trx, agency, 'request_officer')) {
    await enqueue(trx, {
      kind: MESSAGE_MAIL.received,
      channel: 'console',
      recipient: { userId: u.id },
      locale: 'zh-CN',
      payload: { trackingNumber: msg.tracking_number, path: `/admin/messages/${msg.id}`, agency: agency.name_zh },
      dedupeKey: `${MESSAGE_MAIL.received}:${msg.id}:${seq}:${u.id}`,
      agencyId: agency.id,
      createdAt: at,
    });
  }
}
