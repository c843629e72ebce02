import type { Deps, Exec } from '../deps.js';
import { enqueue } from '../../store/repos/outbox-repo.js';

/** What a notification is about; the outbox helper maps each kind to a template. */
export type RequestNotificationKind =
  | 'request.submitted'
  | 'request.receipt_confirmed'
  | 'request.correction_requested'
  | 'request.extended'
  | 'request.consultation_started'
  | 'request.fee_notice'
  | 'request.replied'
  | 'request.closed';

/** Payload fields: tracking number and dates only, never personal data (the sender looks that up). */
export type NotificationPayload = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Queues a notification to the applicant of `requestId`, in the caller's transaction, so it exists
 * exactly when the step it reports was committed. The sender reads the address from
 * `request_applicants` when it sends.
 *
 * Each notification is kept in `request_notifications` (the request's own record) and queued in
 * the outbox: an e-mail to the applicant's address, if they gave one.
 */
export async function notifyApplicant(trx: Exec, deps: Deps, requestId: string, kind: RequestNotificationKind, payload: NotificationPayload): Promise<void> {
  await append(trx, deps, requestId, kind, 'applicant', payload);
}

/**
 * Queues a notification to the staff of the request's agency holding `role` (officers by default),
 * in the caller's transaction, as console notices in the outbox (the reminder job adds e-mail).
 */
export async function notifyStaff(
  trx: Exec,
  deps: Deps,
  requestId: string,
  kind: RequestNotificationKind,
  payload: NotificationPayload,
  role: 'request_officer' | 'supervisor' = 'request_officer',
): Promise<void> {
  await append(trx, deps, requestId, kind, role, payload);
}

async function append(trx: Exec, deps: Deps, requestId: string, kind: string, role: string, payload: NotificationPayload): Promise<void> {
  const id = deps.newId();
  const at = deps.clock.now().toISOString();
  await trx
    .insertInto('request_notifications')
    .values({ id, request_id: requestId, kind, recipient_role: role, payload: JSON.stringify(payload), created_at: at })
    .execute();
  const req = await trx.selectFrom('requests as r').innerJoin('agencies as a', 'a.id', 'r.agency_id').select(['r.agency_id', 'a.path']).where('r.id', '=', requestId).executeTakeFirst();
  if (!req) return;
  const body = { ...payload, request_id: requestId };
  if (role === 'applicant') {
    // E-mail to the applicant when they gave an address (the outbox row is staff-only data).
    const applicant = await trx.selectFrom('request_applicants').select('email').where('request_id', '=', requestId).executeTakeFirst();
    if (applicant?.email) {
      await enqueue(trx, { kind, channel: 'email', recipient: { email: applicant.email }, locale: 'zh-CN', payload: { ...body, audience: 'applicant' }, dedupeKey: `${kind}:${id}`, agencyId: req.agency_id, createdAt: at });
    }
    return;
  }
  // Console notices to the staff holding `role` at the request's agency or above it.
  const ancestors = req.path.split('/').filter(Boolean);
  const users = await trx
    .selectFrom('grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select('u.id')
    .distinct()
    .where('g.role', '=', role)
    .where('g.agency_id', 'in', ancestors)
    .where('u.status', '=', 'active')
    .execute();
  for (const u of users) {
    await enqueue(trx, { kind, channel: 'console', recipient: { userId: u.id }, locale: 'zh-CN', payload: { ...body, audience: 'staff' }, dedupeKey: `${kind}:${id}:${u.id}`, agencyId: req.agency_id, createdAt: at });
  }
}
