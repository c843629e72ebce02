/**
 * Freedom-of-information regimes as data: how long an agency has to reply, how the period is
 * counted, and which pauses and extensions the law allows. `deadline.ts` interprets these; nothing
 * here computes dates.
 */
import type { CalendarId } from './calendars.js';

export type RegimeId = 'cn-ogi' | 'uk-foia' | 'us-foia' | 'eu-1049';

/**
 * `working_days`: count only working days of the regime's calendar.
 * `calendar_days`: count every day; a due date that falls on a weekend or holiday moves forward to
 * the next working day (the Alaveteli rule, DOMAIN.md §3).
 */
export type CountingMode = 'working_days' | 'calendar_days';

/**
 * `day_after_receipt`: the day of receipt is day 0 and the period ends on the day the N-th day is
 * reached (Civil Code Art. 201; DOMAIN.md §1 "Counting periods"). `day_of_receipt`: the day of
 * receipt is itself day 1 when it is a countable day. Kept configurable because the Regulations are
 * silent.
 */
export type PeriodStart = 'day_after_receipt' | 'day_of_receipt';

export interface Regime {
  readonly id: RegimeId;
  /** The law, for display and audit. */
  readonly citation: string;
  readonly calendar: CalendarId;
  readonly counting: CountingMode;
  readonly periodStart: PeriodStart;
  /** The reply period, in the counting mode's days. */
  readonly replyDays: number;
  /** Extensions allowed: at most `maxTimes` of them, together at most `maxDays` days; null = none. */
  readonly extension: { readonly maxTimes: number; readonly maxDays: number } | null;
  /**
   * Asking the applicant to correct or clarify. `noticeWithinDays`: the agency must ask within this
   * many days of receipt (null = no limit). `effect`: `restart` counts the whole period again from
   * the day the supplement is received; `toll` stops the clock while the agency waits and resumes it
   * afterwards. `once`: only one request is allowed. Null = the regime has no such step.
   */
  readonly correction: {
    readonly noticeWithinDays: number | null;
    readonly effect: 'restart' | 'toll';
    readonly once: boolean;
  } | null;
  /** Consultation of a third party or another agency that stops the clock, at most `maxPauseDays`. */
  readonly consultation: { readonly maxPauseDays: number } | null;
}

/** The built-in regimes. Callers may build their own `Regime` (e.g. calendar-day counting). */
export const REGIMES: Readonly<Record<RegimeId, Regime>> = {
  'cn-ogi': {
    id: 'cn-ogi',
    citation: '中华人民共和国政府信息公开条例 (2019) Arts. 30–34',
    calendar: 'cn',
    counting: 'working_days',
    periodStart: 'day_after_receipt',
    // Art. 33: 20 working days, extendable once by at most 20 with the disclosure office head's approval.
    replyDays: 20,
    extension: { maxTimes: 1, maxDays: 20 },
    // Art. 30: one notice (一次性告知) within 7 working days; the period runs from the supplement's receipt.
    correction: { noticeWithinDays: 7, effect: 'restart', once: true },
    // Arts. 32, 34: third party / other agency have 15 working days; the time is not counted.
    consultation: { maxPauseDays: 15 },
  },
  'uk-foia': {
    id: 'uk-foia',
    citation: 'Freedom of Information Act 2000 ss. 1(3), 10',
    calendar: 'uk-england',
    counting: 'working_days',
    periodStart: 'day_after_receipt',
    // s. 10(1): 20 working days. The s. 10(3) public-interest extension has no fixed length, so none here.
    replyDays: 20,
    extension: null,
    // s. 1(3): the authority need not comply until it has the clarification; the period then starts afresh.
    correction: { noticeWithinDays: null, effect: 'restart', once: true },
    consultation: null,
  },
  'us-foia': {
    id: 'us-foia',
    citation: '5 U.S.C. 552(a)(6)',
    calendar: 'us-federal',
    counting: 'working_days',
    periodStart: 'day_after_receipt',
    // (a)(6)(A)(i): 20 working days; (a)(6)(B)(i): up to 10 more in unusual circumstances, by one notice.
    replyDays: 20,
    extension: { maxTimes: 1, maxDays: 10 },
    // (a)(6)(A)(ii)(II): the agency may toll the period once while awaiting information from the requester.
    correction: { noticeWithinDays: null, effect: 'toll', once: true },
    consultation: null,
  },
  'eu-1049': {
    id: 'eu-1049',
    citation: 'Regulation (EC) No 1049/2001 Arts. 6(2), 7',
    calendar: 'eu',
    counting: 'working_days',
    periodStart: 'day_after_receipt',
    // Art. 7(1): 15 working days from registration; Art. 7(3): exceptionally extended by 15.
    replyDays: 15,
    extension: { maxTimes: 1, maxDays: 15 },
    // Art. 6(2) lets the institution ask for clarification; in the institutions' practice the 15 days
    // then run from the clarification's receipt. The Regulation's text is silent: configurable.
    correction: { noticeWithinDays: null, effect: 'restart', once: true },
    consultation: null,
  },
};

/** The built-in regime `id`. */
export function regimeFor(id: RegimeId): Regime {
  return REGIMES[id];
}
