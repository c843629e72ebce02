/**
 * The refusal of an illegal sequence of request events. It is an `AppError` of kind `invalid`
 * (catalogue code `validation_failed`) whose `reason` is the stable, specific code below; the same
 * code is repeated as the field issue on `events[i]` so that the generic HTTP error mapping shows it.
 */
import { AppError } from '../errors.js';

/** Stable codes for illegal request-event sequences. */
export type DeadlineErrorCode =
  | 'received_missing'
  | 'duplicate_received'
  | 'bad_date'
  | 'unknown_event'
  | 'events_out_of_order'
  | 'event_in_future'
  | 'event_after_closed'
  | 'event_after_reply'
  | 'event_after_abandoned'
  | 'correction_not_allowed'
  | 'correction_already_requested'
  | 'correction_after_extension'
  | 'correction_during_consultation'
  | 'bad_supplement_deadline'
  | 'supplement_without_correction'
  | 'abandon_without_correction'
  | 'abandoned_before_supplement_deadline'
  | 'extension_not_allowed'
  | 'extension_limit_reached'
  | 'extension_exceeds_maximum'
  | 'invalid_extension_days'
  | 'extension_without_approver'
  | 'extension_while_awaiting_supplement'
  | 'extension_after_due_date'
  | 'consultation_not_allowed'
  | 'consultation_already_open'
  | 'consultation_not_open'
  | 'consultation_while_awaiting_supplement'
  | 'reply_while_awaiting_supplement'
  | 'reply_during_consultation'
  | 'calendar_mismatch';

/** An illegal request-event sequence; `eventIndex` is the offending event's position (−1: none). */
export class DeadlineError extends AppError {
  readonly reason: DeadlineErrorCode;
  readonly eventIndex: number;

  constructor(reason: DeadlineErrorCode, eventIndex: number, detail: string) {
    const field = eventIndex >= 0 ? `events[${eventIndex}]` : 'events';
    super('validation_failed', { message: `${field}: ${reason}: ${detail}`, fields: [{ field, code: reason, message: detail }] });
    this.name = 'DeadlineError';
    this.reason = reason;
    this.eventIndex = eventIndex;
  }
}
