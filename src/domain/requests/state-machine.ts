/**
 * The request state machine: pure transition rules that refuse skipped steps with stable codes.
 * The deadline arithmetic itself lives in `calendar/deadline.ts`; here only what may happen next.
 *
 * States: `submitted` (online or by mail/fax, receipt not yet confirmed: Art. 31) → `received` →
 * `in_progress` (an officer took it) → `extended` (Art. 33) / `consultation` (Arts. 32, 34: clock
 * paused) / `correction_requested` (Art. 30) / `fee_pending` (fee notice sent) → `replied`
 * (Art. 36) → `closed`. `abandoned`: no supplement by the deadline (Art. 30).
 */
import { AppError, type ErrorCode } from '../errors.js';
import { compareDates } from '../calendar/iso-date.js';
import type { Regime } from '../calendar/regimes.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { outcomeInfo, type OutcomeCode } from './outcomes.js';

export const REQUEST_STATES = [
  'submitted',
  'received',
  'in_progress',
  'extended',
  'correction_requested',
  'consultation',
  'fee_pending',
  'replied',
  'abandoned',
  'closed',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States in which the agency still owes a reply. */
export const OPEN_STATES: readonly RequestState[] = ['submitted', 'received', 'in_progress', 'extended', 'correction_requested', 'consultation', 'fee_pending'];

/** What the rules need to know about a request. */
export interface RequestSnapshot {
  readonly state: RequestState;
  readonly regime: Regime;
  /** Art. 31 date of receipt; null while `submitted`. */
  readonly receivedOn: string | null;
  readonly correctionsRequested: number;
  readonly supplementBy: string | null;
  readonly extensionsGranted: number;
  readonly extensionDaysGranted: number;
  /** The payment deadline of the open fee notice, if one is open. */
  readonly feeDueOn: string | null;
}

/** A step an officer (or the applicant) asks for. Dates are `YYYY-MM-DD` in the agency's zone. */
export type RequestAction =
  | { readonly type: 'confirm_receipt'; readonly on: string }
  | { readonly type: 'take' }
  | { readonly type: 'request_correction'; readonly on: string; readonly supplementBy: string }
  | { readonly type: 'supplement'; readonly on: string }
  | { readonly type: 'abandon'; readonly on: string }
  | { readonly type: 'extend'; readonly on: string; readonly days: number; readonly approver: string }
  | { readonly type: 'start_consultation'; readonly on: string }
  | { readonly type: 'end_consultation'; readonly on: string }
  | { readonly type: 'fee_notice'; readonly on: string }
  | { readonly type: 'fee_paid'; readonly on: string }
  | { readonly type: 'fee_unpaid'; readonly on: string }
  | { readonly type: 'reply'; readonly on: string; readonly outcome: OutcomeCode }
  | { readonly type: 'close'; readonly on: string };

const refuse = (code: ErrorCode, message: string): never => {
  throw new AppError(code, { message });
};

/** States where the clock runs and the officer works on the request. */
const WORKING: readonly RequestState[] = ['received', 'in_progress', 'extended'];

function requireWorking(s: RequestSnapshot, step: string): void {
  switch (s.state) {
    case 'received':
    case 'in_progress':
    case 'extended':
      return;
    case 'submitted':
      return refuse('receipt_not_confirmed', `${step}: confirm the receipt first (Art. 31)`);
    case 'correction_requested':
      return refuse('awaiting_supplement', `${step}: the applicant has been asked to supplement (Art. 30)`);
    case 'consultation':
      return refuse('consultation_open', `${step}: record the end of the consultation first`);
    case 'fee_pending':
      return refuse('fee_pending', `${step}: the fee notice is still open`);
    default:
      return refuse('request_finished', `${step}: the request is ${s.state}`);
  }
}

/** The working state to return to after a pause: `extended` once an extension was granted. */
function resumeState(s: RequestSnapshot): RequestState {
  return s.extensionsGranted > 0 ? 'extended' : 'in_progress';
}

/**
 * The state after `action`, or an `AppError` naming the refused step. `calendar` is the regime's
 * working calendar (for the Art. 30 seven-working-day limit).
 */
export function nextState(s: RequestSnapshot, action: RequestAction, calendar: WorkingCalendar): RequestState {
  switch (action.type) {
    case 'confirm_receipt':
      if (s.state !== 'submitted') return refuse('receipt_already_confirmed', `the request is ${s.state}`);
      return 'received';
    case 'take':
      requireWorking(s, 'take');
      return s.state === 'received' ? 'in_progress' : s.state;
    case 'request_correction': {
      const rule = s.regime.correction;
      if (rule === null) return refuse('correction_not_allowed', `${s.regime.id} has no correction step`);
      if (s.correctionsRequested > 0 && rule.once) return refuse('correction_already_requested', 'Art. 30: the applicant is told once');
      requireWorking(s, 'correction');
      if (s.extensionsGranted > 0) return refuse('correction_not_allowed', 'the period was already extended');
      if (rule.noticeWithinDays !== null && s.receivedOn !== null) {
        // Art. 30: the notice goes out within 7 working days of receipt (day 0 = receipt).
        const by = calendar.addWorkingDays(s.receivedOn, rule.noticeWithinDays).value;
        if (compareDates(action.on, by) > 0) return refuse('correction_notice_too_late', `Art. 30: the notice was due by ${by}`);
      }
      if (compareDates(action.supplementBy, action.on) <= 0) return refuse('validation_failed', 'the supplement deadline must be after today');
      return 'correction_requested';
    }
    case 'supplement':
      if (s.state !== 'correction_requested') return refuse('correction_not_pending', 'no correction is awaited');
      // Art. 30: the period counts again from the supplement's receipt.
      return 'in_progress';
    case 'abandon':
      if (s.state !== 'correction_requested') return refuse('correction_not_pending', 'Art. 30: only an application awaiting its supplement is deemed abandoned');
      if (s.supplementBy !== null && compareDates(action.on, s.supplementBy) <= 0) {
        return refuse('supplement_deadline_not_passed', `the applicant has until ${s.supplementBy}`);
      }
      return 'abandoned';
    case 'extend': {
      const rule = s.regime.extension;
      if (rule === null) return refuse('extension_not_allowed', `${s.regime.id} allows no extension`);
      requireWorking(s, 'extension');
      if (s.extensionsGranted >= rule.maxTimes) return refuse('extension_already_granted', `Art. 33: at most ${rule.maxTimes} extension(s)`);
      if (!Number.isInteger(action.days) || action.days < 1) return refuse('validation_failed', 'days must be a whole number ≥ 1');
      if (s.extensionDaysGranted + action.days > rule.maxDays) {
        return refuse('extension_exceeds_maximum', `Art. 33: at most ${rule.maxDays} days, asked ${s.extensionDaysGranted + action.days}`);
      }
      if (action.approver.trim() === '') return refuse('approver_required', 'Art. 33: the head of the disclosure office approves an extension');
      return 'extended';
    }
    case 'start_consultation':
      if (s.regime.consultation === null) return refuse('consultation_not_allowed', `${s.regime.id} has no consultation pause`);
      requireWorking(s, 'consultation');
      return 'consultation';
    case 'end_consultation':
      if (s.state !== 'consultation') return refuse('consultation_not_open', 'no consultation is open');
      return resumeState(s);
    case 'fee_notice':
      requireWorking(s, 'fee notice');
      return 'fee_pending';
    case 'fee_paid':
      if (s.state !== 'fee_pending') return refuse('fee_not_pending', 'no fee notice is open');
      return resumeState(s);
    case 'fee_unpaid':
      if (s.state !== 'fee_pending') return refuse('fee_not_pending', 'no fee notice is open');
      if (s.feeDueOn !== null && compareDates(action.on, s.feeDueOn) <= 0) return refuse('payment_deadline_not_passed', `the applicant may pay until ${s.feeDueOn}`);
      return 'closed';
    case 'reply': {
      requireWorking(s, 'reply');
      const o = outcomeInfo(action.outcome);
      if (!o.byReply) return refuse('outcome_not_for_reply', `${o.code} follows from its own step`);
      if (o.code === 'unable.unclear_after_correction' && s.correctionsRequested === 0) {
        return refuse('outcome_not_for_reply', 'Art. 30: no correction was requested');
      }
      return 'replied';
    }
    case 'close':
      if (s.state === 'closed') return refuse('request_finished', 'the request is closed');
      if (s.state !== 'replied' && s.state !== 'abandoned') return refuse('request_not_replied', 'reply before closing');
      return 'closed';
  }
}

/** True while the agency still owes a reply. */
export function isOpen(state: RequestState): boolean {
  return OPEN_STATES.includes(state);
}

/** True in the states where an officer works on the request with the clock running. */
export function isWorking(state: RequestState): boolean {
  return WORKING.includes(state);
}
