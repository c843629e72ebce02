/**
 * A request's deadlines, computed from its ordered list of recorded events under a regime and a
 * working calendar. Pure: `today` is passed in by the caller (from its injected clock).
 *
 * Counting rules (see `regimes.ts` for where each comes from):
 * - The clock's anchor (day 0) is the day of receipt, or for a `restart` correction the day the
 *   supplement is received (Art. 30). The due date is the day the N-th countable day after the
 *   anchor is reached, N = reply period + granted extensions (Art. 33). With `day_of_receipt`
 *   counting the anchor is the day before.
 * - Countable days are working days of the regime's calendar (`working_days`) or all days
 *   (`calendar_days`, where a due date on a non-working day then moves to the next working day).
 * - A pause stops the clock: the days from the day AFTER it starts through the day it ends, both
 *   inclusive, are not counted; the start day counts as usual and counting resumes the day after
 *   the end. So a consultation sent on Tuesday and answered the next Friday removes Wednesday to
 *   that Friday. Pauses come from consultations (Arts. 32, 34) and from `toll` corrections.
 * - A consultation pause is capped at the regime's `maxPauseDays` (15 working days for cn-ogi):
 *   days after the cap count again even if the consultation is still open or ended later, and a
 *   `consultation_pause_capped` warning says so. While an open consultation has not reached its cap
 *   the due date is unknown (`dueDate: null`, status `paused`), unless it fell before the pause.
 * - The request is overdue from the day after the due date, while it is neither replied, abandoned
 *   nor closed.
 */
import { dayNumber, fromDayNumber } from './iso-date.js';
import { DeadlineError, type DeadlineErrorCode } from './deadline-error.js';
import type { Regime, RegimeId } from './regimes.js';
import { type CalendarWarning, type Checked, mergeWarnings, type WorkingCalendar } from './working-calendar.js';

/** One recorded fact about a request. Dates are `YYYY-MM-DD` in the agency's time zone. */
export type RequestEvent =
  | { readonly type: 'received'; readonly date: string }
  /** `supplementBy`: the date by which the agency asked the applicant to supplement (Art. 30). */
  | { readonly type: 'correction_requested'; readonly date: string; readonly supplementBy?: string }
  | { readonly type: 'supplemented'; readonly date: string }
  | { readonly type: 'deemed_abandoned'; readonly date?: string }
  /** `by`: who approved it (Art. 33: the head of the disclosure office). */
  | { readonly type: 'extended'; readonly days: number; readonly by: string; readonly date?: string }
  | { readonly type: 'consultation_started'; readonly date: string }
  | { readonly type: 'consultation_ended'; readonly date: string }
  | { readonly type: 'replied'; readonly date: string }
  | { readonly type: 'closed'; readonly date?: string };

export type ClockStatus = 'running' | 'awaiting_supplement' | 'paused' | 'replied' | 'abandoned' | 'closed';

/** A deadline-specific warning; calendar warnings report years without holiday data. */
export type DeadlineWarning =
  | CalendarWarning
  | { readonly code: 'correction_notice_late'; readonly requestedOn: string; readonly noticeDueBy: string }
  | { readonly code: 'supplement_late'; readonly supplementedOn: string; readonly supplementBy: string }
  | { readonly code: 'consultation_pause_capped'; readonly startedOn: string; readonly cappedAt: string; readonly open: boolean };

export interface PauseReport {
  readonly kind: 'consultation' | 'correction';
  readonly startedOn: string;
  /** The recorded end (consultation ended / supplement received); null while open. */
  readonly endedOn: string | null;
  /** The last day not counted; null while unknown. */
  readonly excludedThrough: string | null;
  /** For consultations: the last day the pause can cover (the cap). */
  readonly capDate: string | null;
  readonly capped: boolean;
  /** Countable days inside the pause (up to `today` while it is open). */
  readonly days: number;
}

export interface DeadlineReport {
  readonly regime: RegimeId;
  readonly status: ClockStatus;
  readonly receivedOn: string;
  /** Day 0 of the running period: receipt, or the supplement's receipt after a restart; null while waiting for it. */
  readonly clockStartedOn: string | null;
  /** Reply period plus granted extensions, in the regime's counting unit. */
  readonly periodDays: number;
  readonly dueDate: string | null;
  /** The day after the due date. */
  readonly overdueFrom: string | null;
  readonly overdue: boolean;
  /** Working days after `today` up to and including the due date; ≤ 0 once it has passed. */
  readonly daysRemaining: number | null;
  readonly correction: {
    /** Art. 30: receipt + 7 working days for cn-ogi; null when the regime sets no limit. */
    readonly noticeDueBy: string | null;
    readonly requestedOn: string | null;
    readonly noticeLate: boolean;
    readonly supplementBy: string | null;
    readonly supplementedOn: string | null;
  } | null;
  readonly extension: {
    readonly granted: number;
    readonly maxTimes: number;
    readonly daysGranted: number;
    readonly maxDays: number;
    readonly approvedBy: readonly string[];
  } | null;
  readonly pauses: readonly PauseReport[];
  /** Countable days skipped by pauses before the due date was reached. */
  readonly pausedDays: number;
  readonly repliedOn: string | null;
  readonly repliedLate: boolean | null;
  readonly warnings: readonly DeadlineWarning[];
}

export interface DeadlineInput {
  readonly regime: Regime;
  /** The calendar named by `regime.calendar` (with any overrides). */
  readonly calendar: WorkingCalendar;
  readonly events: readonly RequestEvent[];
  /** The current date in the agency's time zone, from the injected clock. */
  readonly today: string;
}

interface Pause {
  kind: 'consultation' | 'correction';
  start: number;
  end: number | null;
}

interface State {
  received: number;
  anchor: number | null;
  correctionRequested: number | null;
  supplementBy: number | null;
  supplemented: number | null;
  extensions: { days: number; by: string }[];
  pauses: Pause[];
  replied: number | null;
  abandoned: boolean;
  closed: number | null;
  isClosed: boolean;
}

interface ResolvedPause extends Pause {
  /** Last excluded day; null = open with no known end. */
  through: number | null;
  cap: number | null;
  capped: boolean;
}

/** Shared machinery: the calendar, the counting mode and the warning collector. */
class Counter {
  readonly calendarWarnings: CalendarWarning[][] = [];
  constructor(private readonly regime: Regime, private readonly calendar: WorkingCalendar) {}

  private take<T>(c: Checked<T>): T {
    this.calendarWarnings.push([...c.warnings]);
    return c.value;
  }
  countable(n: number): boolean {
    return this.regime.counting === 'calendar_days' || this.take(this.calendar.isWorkingDay(fromDayNumber(n)));
  }
  /** The day the `k`-th countable day after `from` is reached (no pauses, no roll-forward). */
  add(from: number, k: number): number {
    if (this.regime.counting === 'calendar_days') return from + k;
    return dayNumber(this.take(this.calendar.addWorkingDays(fromDayNumber(from), k)));
  }
  rollForward(n: number): number {
    return dayNumber(this.take(this.calendar.rollForward(fromDayNumber(n))));
  }
  workingDaysBetween(a: number, b: number): number {
    return this.take(this.calendar.workingDaysBetween(fromDayNumber(a), fromDayNumber(b)));
  }
  /** The period's anchor: day 0, or the day before with `day_of_receipt` counting. */
  anchorOf(n: number): number {
    return this.regime.periodStart === 'day_of_receipt' ? n - 1 : n;
  }
  countIn(from: number, through: number): number {
    let k = 0;
    for (let d = from + 1; d <= through; d += 1) if (this.countable(d)) k += 1;
    return k;
  }
}

function resolvePauses(regime: Regime, c: Counter, s: State, asOf: number): ResolvedPause[] {
  return s.pauses.map((p): ResolvedPause => {
    const max = p.kind === 'consultation' ? regime.consultation?.maxPauseDays ?? null : null;
    const cap = max === null ? null : c.add(p.start, max);
    // A request closed or abandoned while a pause was open: the pause ends there.
    const end = p.end ?? s.closed ?? null;
    if (cap === null) return { ...p, through: end, cap, capped: false };
    if (end !== null) return { ...p, through: Math.min(end, cap), cap, capped: end > cap };
    if (asOf >= cap) return { ...p, through: cap, cap, capped: true };
    return { ...p, through: null, cap, capped: false };
  });
}

/** Walks from the anchor to the due date, skipping paused days. `due` null = not yet knowable. */
function walk(regime: Regime, c: Counter, s: State, pauses: readonly ResolvedPause[]): { due: number | null; skipped: number } {
  if (s.anchor === null) return { due: null, skipped: 0 };
  const n = regime.replyDays + s.extensions.reduce((t, e) => t + e.days, 0);
  let d = s.anchor;
  let counted = 0;
  let skipped = 0;
  while (counted < n) {
    d += 1;
    const p = pauses.find((q) => d > q.start && (q.through === null || d <= q.through));
    if (p !== undefined) {
      if (p.through === null) return { due: null, skipped };
      if (c.countable(d)) skipped += 1;
      continue;
    }
    if (c.countable(d)) counted += 1;
  }
  // Calendar-day mode: a due date on a weekend or holiday moves to the next working day.
  return { due: regime.counting === 'calendar_days' ? c.rollForward(d) : d, skipped };
}

function dateOf(e: RequestEvent): string | undefined {
  return 'date' in e ? e.date : undefined;
}

/**
 * Computes the deadlines of a request from its events. Throws `DeadlineError` (with a stable
 * `reason`) when the sequence is illegal under the regime; lateness that the law does not forbid
 * outright (a late correction notice, a late supplement, an over-long consultation) becomes a warning.
 */
export function computeDeadlines(input: DeadlineInput): DeadlineReport {
  const { regime, calendar, events } = input;
  if (calendar.id !== regime.calendar) {
    throw new DeadlineError('calendar_mismatch', -1, `regime ${regime.id} uses calendar ${regime.calendar}, got ${calendar.id}`);
  }
  const today = dayNumber(input.today, 'today');
  const c = new Counter(regime, calendar);
  const warnings: DeadlineWarning[] = [];
  const first = events[0];
  if (first === undefined || first.type !== 'received') {
    throw new DeadlineError('received_missing', 0, 'the first event must be `received`');
  }
  const s: State = {
    received: 0, anchor: null, correctionRequested: null, supplementBy: null, supplemented: null,
    extensions: [], pauses: [], replied: null, abandoned: false, closed: null, isClosed: false,
  };
  let last = Number.NEGATIVE_INFINITY;

  events.forEach((e, i) => {
    const fail = (code: DeadlineErrorCode, detail: string): never => {
      throw new DeadlineError(code, i, detail);
    };
    const raw = dateOf(e);
    let day: number | null = null;
    if (raw !== undefined) {
      try {
        day = dayNumber(raw);
      } catch {
        fail('bad_date', `not a YYYY-MM-DD date: ${JSON.stringify(raw)}`);
      }
    }
    if (day !== null) {
      if (day < last) fail('events_out_of_order', `${raw} is before the previous event`);
      if (day > today) fail('event_in_future', `${raw} is after today (${input.today})`);
      last = day;
    }
    if (s.isClosed) fail('event_after_closed', 'the request is closed');
    if (s.replied !== null && e.type !== 'closed') fail('event_after_reply', 'only `closed` may follow `replied`');
    if (s.abandoned && e.type !== 'closed') fail('event_after_abandoned', 'only `closed` may follow `deemed_abandoned`');
    const pending = s.correctionRequested !== null && s.supplemented === null;
    const open = s.pauses.find((p) => p.kind === 'consultation' && p.end === null);
    // `day` is non-null for every event type whose `date` is required; the checks below rely on it.
    const on = day ?? last;

    switch (e.type) {
      case 'received':
        if (i !== 0) fail('duplicate_received', 'a request is received once');
        s.received = on;
        s.anchor = c.anchorOf(on);
        return;
      case 'correction_requested': {
        const rule = regime.correction;
        if (rule === null) return fail('correction_not_allowed', `${regime.id} has no correction step`);
        if (s.correctionRequested !== null && rule.once) fail('correction_already_requested', 'Art. 30: the applicant is told once');
        if (pending) fail('correction_already_requested', 'a correction is already pending');
        if (s.extensions.length > 0) fail('correction_after_extension', 'the period was already extended');
        if (open !== undefined) fail('correction_during_consultation', 'a consultation is open');
        let by: number | null = null;
        if (e.supplementBy !== undefined) {
          try {
            by = dayNumber(e.supplementBy);
          } catch {
            fail('bad_date', `supplementBy is not a YYYY-MM-DD date: ${JSON.stringify(e.supplementBy)}`);
          }
          if (by !== null && by < on) fail('bad_supplement_deadline', 'supplementBy is before the request for correction');
        }
        s.correctionRequested = on;
        s.supplementBy = by;
        s.supplemented = null;
        if (rule.effect === 'restart') s.anchor = null;
        else s.pauses.push({ kind: 'correction', start: on, end: null });
        return;
      }
      case 'supplemented': {
        if (!pending) return fail('supplement_without_correction', 'no correction was requested');
        s.supplemented = on;
        if (s.supplementBy !== null && on > s.supplementBy) {
          warnings.push({ code: 'supplement_late', supplementedOn: e.date, supplementBy: fromDayNumber(s.supplementBy) });
        }
        // Art. 30: the reply period counts from the receipt of the supplemented application.
        if (regime.correction?.effect === 'restart') s.anchor = c.anchorOf(on);
        else for (const p of s.pauses) if (p.kind === 'correction' && p.end === null) p.end = on;
        return;
      }
      case 'deemed_abandoned':
        if (!pending) return fail('abandon_without_correction', 'Art. 30: only an application awaiting its supplement is deemed abandoned');
        if (day !== null && s.supplementBy !== null && day <= s.supplementBy) {
          fail('abandoned_before_supplement_deadline', `the applicant had until ${fromDayNumber(s.supplementBy)}`);
        }
        s.abandoned = true;
        s.anchor = null;
        return;
      case 'extended': {
        const rule = regime.extension;
        if (rule === null) return fail('extension_not_allowed', `${regime.id} allows no extension`);
        if (!Number.isInteger(e.days) || e.days < 1) fail('invalid_extension_days', `days must be a whole number ≥ 1, got ${e.days}`);
        if (typeof e.by !== 'string' || e.by.trim() === '') fail('extension_without_approver', 'Art. 33: the extension needs an approver');
        if (s.extensions.length >= rule.maxTimes) fail('extension_limit_reached', `at most ${rule.maxTimes} extension(s)`);
        const used = s.extensions.reduce((t, x) => t + x.days, 0);
        if (used + e.days > rule.maxDays) fail('extension_exceeds_maximum', `at most ${rule.maxDays} days in all, asked ${used + e.days}`);
        if (pending) fail('extension_while_awaiting_supplement', 'the clock is stopped until the supplement arrives');
        if (day !== null) {
          const due = walk(regime, c, s, resolvePauses(regime, c, s, day)).due;
          if (due !== null && day > due) fail('extension_after_due_date', `the period already ended on ${fromDayNumber(due)}`);
        }
        s.extensions.push({ days: e.days, by: e.by });
        return;
      }
      case 'consultation_started':
        if (regime.consultation === null) return fail('consultation_not_allowed', `${regime.id} has no consultation pause`);
        if (open !== undefined) fail('consultation_already_open', 'record the open consultation\'s end first');
        if (pending) fail('consultation_while_awaiting_supplement', 'the clock is stopped until the supplement arrives');
        s.pauses.push({ kind: 'consultation', start: on, end: null });
        return;
      case 'consultation_ended':
        if (open === undefined) return fail('consultation_not_open', 'no consultation is open');
        open.end = on;
        return;
      case 'replied':
        if (pending) fail('reply_while_awaiting_supplement', 'record the supplement or the abandonment first');
        if (open !== undefined) fail('reply_during_consultation', 'record the consultation\'s end first');
        s.replied = on;
        return;
      case 'closed':
        s.isClosed = true;
        s.closed = day ?? today;
        return;
      default: {
        // Events arrive from storage; a type this code does not know must not be ignored.
        const unknown: { type?: unknown } = e;
        fail('unknown_event', `unknown event type ${JSON.stringify(unknown.type)}`);
      }
    }
  });

  const pauses = resolvePauses(regime, c, s, today);
  const { due, skipped } = walk(regime, c, s, pauses);
  const terminal = s.replied !== null || s.abandoned || s.isClosed;
  const pending = s.correctionRequested !== null && s.supplemented === null;

  let status: ClockStatus = 'running';
  if (s.isClosed) status = 'closed';
  else if (s.abandoned) status = 'abandoned';
  else if (s.replied !== null) status = 'replied';
  else if (pending) status = 'awaiting_supplement';
  else if (pauses.some((p) => p.through === null)) status = 'paused';

  let correction: DeadlineReport['correction'] = null;
  if (regime.correction !== null) {
    const within = regime.correction.noticeWithinDays;
    // Art. 30: the notice is due within 7 working days of receipt (day 0 = receipt).
    const noticeDue = within === null ? null : c.add(c.anchorOf(s.received), within);
    const late = noticeDue !== null && s.correctionRequested !== null && s.correctionRequested > noticeDue;
    if (late && noticeDue !== null && s.correctionRequested !== null) {
      warnings.unshift({ code: 'correction_notice_late', requestedOn: fromDayNumber(s.correctionRequested), noticeDueBy: fromDayNumber(noticeDue) });
    }
    correction = {
      noticeDueBy: noticeDue === null ? null : fromDayNumber(noticeDue),
      requestedOn: s.correctionRequested === null ? null : fromDayNumber(s.correctionRequested),
      noticeLate: late,
      supplementBy: s.supplementBy === null ? null : fromDayNumber(s.supplementBy),
      supplementedOn: s.supplemented === null ? null : fromDayNumber(s.supplemented),
    };
  }

  for (const p of pauses) {
    if (p.capped && p.cap !== null) {
      warnings.push({ code: 'consultation_pause_capped', startedOn: fromDayNumber(p.start), cappedAt: fromDayNumber(p.cap), open: p.end === null });
    }
  }
  const pauseReports = pauses.map((p): PauseReport => ({
    kind: p.kind,
    startedOn: fromDayNumber(p.start),
    endedOn: p.end === null ? null : fromDayNumber(p.end),
    excludedThrough: p.through === null ? null : fromDayNumber(p.through),
    capDate: p.cap === null ? null : fromDayNumber(p.cap),
    capped: p.capped,
    days: c.countIn(p.start, p.through ?? Math.max(p.start, today)),
  }));

  const live = due !== null && !terminal;
  const extensionRule = regime.extension;
  return {
    regime: regime.id,
    status,
    receivedOn: fromDayNumber(s.received),
    clockStartedOn: s.anchor === null ? null : fromDayNumber(s.anchor + (regime.periodStart === 'day_of_receipt' ? 1 : 0)),
    periodDays: regime.replyDays + s.extensions.reduce((t, e) => t + e.days, 0),
    dueDate: due === null ? null : fromDayNumber(due),
    overdueFrom: due === null ? null : fromDayNumber(due + 1),
    overdue: live && today > due,
    daysRemaining: live ? c.workingDaysBetween(today, due) : null,
    correction,
    extension: extensionRule === null ? null : {
      granted: s.extensions.length,
      maxTimes: extensionRule.maxTimes,
      daysGranted: s.extensions.reduce((t, e) => t + e.days, 0),
      maxDays: extensionRule.maxDays,
      approvedBy: s.extensions.map((e) => e.by),
    },
    pauses: pauseReports,
    pausedDays: skipped,
    repliedOn: s.replied === null ? null : fromDayNumber(s.replied),
    repliedLate: s.replied === null || due === null ? null : s.replied > due,
    warnings: [...mergeWarnings(...c.calendarWarnings), ...warnings],
  };
}
