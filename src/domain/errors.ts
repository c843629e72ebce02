/**
 * The single error type of the application. Domain code and commands throw `AppError`s with a
 * stable `code` (documented in the catalogue below) and a `kind` that `http/` maps to a status in
 * one table. Never throw HTTP errors from the domain.
 */
export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'unavailable';

/** One problem with one field of the input (`field` is a dotted path such as `body.name_zh`). */
export interface FieldIssue {
  field: string;
  code: string;
  message?: string;
}

/**
 * The error catalogue: every stable code the application can return, with its kind. The i18n
 * catalogues carry the human message for each code under `error.<code>`.
 */
export const ERROR_CATALOGUE = {
  validation_failed: 'invalid',
  bad_agency_code: 'invalid',
  bad_agency_parent: 'invalid',
  agency_cycle: 'invalid',
  weak_password: 'invalid',
  bad_role: 'invalid',
  bad_csv: 'invalid',
  file_too_large: 'invalid',
  file_type_not_allowed: 'invalid',
  file_type_mismatch: 'invalid',
  file_name_invalid: 'invalid',
  archive_suspicious: 'invalid',
  upload_missing: 'invalid',
  personal_data_found: 'invalid',
  bad_transition: 'conflict',
  same_person: 'forbidden',
  document_not_found: 'not_found',
  revision_not_found: 'not_found',
  attachment_not_found: 'not_found',
  version_not_found: 'not_found',
  theme_not_found: 'invalid',
  index_serial_exhausted: 'conflict',
  not_found: 'not_found',
  agency_not_found: 'not_found',
  user_not_found: 'not_found',
  grant_not_found: 'not_found',
  duplicate_agency_code: 'conflict',
  duplicate_username: 'conflict',
  duplicate_grant: 'conflict',
  stale_version: 'conflict',
  // Webhooks (issue 8 §4).
  webhook_not_found: 'not_found',
  webhook_delivery_not_found: 'not_found',
  webhook_disabled: 'conflict',
  webhook_delivery_busy: 'conflict',
  agency_closed: 'conflict',
  agency_has_open_children: 'conflict',
  forbidden: 'forbidden',
  csrf_failed: 'forbidden',
  login_required: 'unauthenticated',
  bad_credentials: 'unauthenticated',
  session_expired: 'unauthenticated',
  too_many_attempts: 'rate_limited',
  rate_limited: 'rate_limited',
  store_unavailable: 'unavailable',
  // Disclosure on request (issue 5): the request state machine's refusals.
  request_not_found: 'not_found',
  appeal_not_found: 'not_found',
  request_finished: 'conflict',
  receipt_not_confirmed: 'conflict',
  receipt_already_confirmed: 'conflict',
  awaiting_supplement: 'conflict',
  correction_not_allowed: 'conflict',
  correction_already_requested: 'conflict',
  correction_notice_too_late: 'conflict',
  correction_not_pending: 'conflict',
  supplement_deadline_not_passed: 'conflict',
  extension_not_allowed: 'conflict',
  extension_already_granted: 'conflict',
  extension_exceeds_maximum: 'invalid',
  approver_required: 'invalid',
  consultation_not_allowed: 'conflict',
  consultation_open: 'conflict',
  consultation_not_open: 'conflict',
  fee_pending: 'conflict',
  fee_not_pending: 'conflict',
  no_fee_due: 'conflict',
  payment_deadline_not_passed: 'conflict',
  outcome_not_for_reply: 'invalid',
  request_not_replied: 'conflict',
  art44_not_eligible: 'conflict',
  // Annual reports (issue 7; Art. 49–50).
  report_identities_broken: 'conflict',
  report_in_review: 'conflict',
  report_published: 'conflict',
  // Open data (issue 7 §4).
  opendata_not_ready: 'unavailable',
  report_not_found: 'not_found',
  // consultations (意见征集, issue 8 §1)
  consultation_not_found: 'not_found',
  consultation_window_closed: 'conflict',
  consultation_not_closed: 'conflict',
  consultation_already_closed: 'conflict',
  consultation_summary_published: 'conflict',
  anonymous_not_allowed: 'invalid',
  comment_not_found: 'not_found',
  already_reported: 'conflict',
  verification_invalid: 'not_found',
  // messages to agencies (政民互动, issue 8 §2)
  message_not_found: 'not_found',
  message_finished: 'conflict',
  message_not_answered: 'conflict',
  message_already_rated: 'conflict',
  // Subscriptions (issue 8 §3).
  subscription_not_found: 'not_found',
  subscription_link_invalid: 'not_found',
  mail_events_unauthorized: 'unauthenticated',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An expected failure with a stable code; safe to show to users (never carries a stack to them). */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, opts: { message?: string; fields?: FieldIssue[]; retryAfterSeconds?: number } = {}) {
    super(opts.message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.kind = ERROR_CATALOGUE[code];
    this.fields = opts.fields ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/** Shorthand for a validation error naming the offending fields. */
export function invalid(fields: FieldIssue[], code: ErrorCode = 'validation_failed'): AppError {
  return new AppError(code, { fields, message: fields.map((f) => `${f.field}: ${f.code}`).join('; ') });
}
