import type { Deps, Exec } from '../deps.js';

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
 * CONTRACT for the outbox: today this appends to `request_notifications`; once the outbox exposes
 * its enqueue function, this body calls it instead and the callers stay unchanged.
 */
export async function notifyApplicant(trx: Exec, deps: Deps, requestId: string, kind: RequestNotificationKind, payload: NotificationPayload): Promise<void> {
  await append(trx, deps, requestId, kind, 'applicant', payload);
}

/**
 * Queues a notification to the staff of the request's agency holding `role` (officers by default),
 * in the caller's transaction. Same contract as `notifyApplicant`.
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
  await trx
    .insertInto('request_notifications')
    .values({ id: deps.newId(), request_id: requestId, kind, recipient_role: role, payload: JSON.stringify(payload), created_at: deps.clock.now().toISOString() })
    .execute();
}
