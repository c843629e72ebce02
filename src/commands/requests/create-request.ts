import { compareDates } from '../../domain/calendar/iso-date.js';
import { AppError } from '../../domain/errors.js';
import type { Channel } from '../../domain/requests/receipt.js';
import { formatTrackingNumber } from '../../domain/requests/tracking.js';
import { newToken, tokenDigest } from '../../security/tokens.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import type { Agency, Exec, RequestRow } from '../../store/schema.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import type { CleanApplication } from './application-input.js';
import { regimeForAgency } from './calendar.js';
import { applyStep, auditRequest, todayAt } from './load.js';
import { notifyApplicant, notifyStaff } from './notify.js';

/** What creating a request returns: the private token is shown once and never stored. */
export interface CreatedRequest {
  requestId: string;
  trackingNumber: string;
  token: string;
  state: string;
  /** Earlier requests of the same applicant for the same information (Art. 36(6)). */
  repeatOf: string | null;
}

/** Who sends an online application: the applicant, acting without an account. */
export const APPLICANT_ACTOR: Actor = { type: 'system', username: 'applicant', ip: null };

/**
 * Inserts a request and its applicant in `trx`: tracking number, private token (its hash stored),
 * repeat detection, the `submitted` event, audit and notifications. With `receivedOn` the receipt
 * is recorded at once through the state machine (Art. 31). The agency must be open.
 */
export async function createRequestIn(
  trx: Exec,
  deps: Deps,
  actor: Actor,
  agency: Agency,
  app: CleanApplication,
  opts: { channel: Channel; submittedOn: string; receivedOn: string | null },
): Promise<CreatedRequest> {
  if (agency.status === 'closed') throw new AppError('agency_closed');
  const today = todayAt(deps, agency);
  if (compareDates(opts.submittedOn, today) > 0) throw new AppError('validation_failed', { fields: [{ field: 'submitted_on', code: 'in_future' }] });
  const at = deps.clock.now().toISOString();
  const year = Number(opts.submittedOn.slice(0, 4));
  const trackingNumber = formatTrackingNumber(year, await requestRepo.nextSerial(trx, year));
  const token = newToken();
  const id = deps.newId();
  const earlier = await requestRepo.sameApplicantAndDescription(trx, agency.id, app.applicant.applicant_key, app.request.description_key);
  const repeatOf = earlier[earlier.length - 1] ?? null;
  const row: RequestRow = {
    id,
    agency_id: agency.id,
    regime: await regimeForAgency(deps, agency.id),
    tracking_number: trackingNumber,
    token_hash: tokenDigest(token),
    state: 'submitted',
    ...app.request,
    channel: opts.channel,
    submitted_at: at,
    submitted_on: opts.submittedOn,
    received_on: null,
    repeat_of_id: repeatOf?.id ?? null,
    officer_id: actorId(actor),
    due_date: null,
    clock_status: null,
    correction_notice_due_by: null,
    supplement_by: null,
    extensions_granted: 0,
    extension_days_granted: 0,
    corrections_requested: 0,
    fee_due_on: null,
    outcome_code: null,
    replied_on: null,
    closed_on: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  await requestRepo.insert(trx, row);
  await requestRepo.insertApplicant(trx, { request_id: id, ...app.applicant });
  await requestRepo.appendEvent(trx, {
    id: deps.newId(),
    request_id: id,
    kind: 'submitted',
    at,
    local_date: opts.submittedOn,
    actor_id: actorId(actor),
    actor_name: actor.username,
    details: JSON.stringify({ channel: opts.channel, repeat_of: repeatOf?.tracking_number ?? null }),
  });
  await auditRequest(trx, actor, at, 'request.submitted', row, { tracking_number: trackingNumber, channel: opts.channel });
  await notifyApplicant(trx, deps, id, 'request.submitted', { tracking_number: trackingNumber, submitted_on: opts.submittedOn });
  await notifyStaff(trx, deps, id, 'request.submitted', { tracking_number: trackingNumber, repeat_of: repeatOf?.tracking_number ?? null });
  let state = row.state;
  if (opts.receivedOn !== null) {
    const r = await applyStep(trx, deps, actor, { req: row, agency }, { type: 'confirm_receipt', on: opts.receivedOn }, { kind: 'received', details: { channel: opts.channel } }, { received_on: opts.receivedOn });
    state = r.req.state;
    await notifyApplicant(trx, deps, id, 'request.receipt_confirmed', { tracking_number: trackingNumber, received_on: opts.receivedOn, due_date: r.req.due_date });
  }
  return { requestId: id, trackingNumber, token, state, repeatOf: repeatOf?.tracking_number ?? null };
}
