/**
 * The public deadline calculator (issue 5 §3): the due date of a request received on a given day,
 * under a regime, with the day-by-day reasoning, so that anyone can check the arithmetic. Pure: no
 * store, no clock. The counting itself is `computeDeadlines` (domain/calendar/deadline.ts); this
 * only validates the input, runs it for the period and for the extended period, and lays the days
 * out for display.
 */
import { calendarFor, type CalendarId } from '../../domain/calendar/calendars.js';
import { computeDeadlines, type DeadlineReport, type DeadlineWarning, type RequestEvent } from '../../domain/calendar/deadline.js';
import { dayNumber, fromDayNumber, isIsoDate, weekdayOf } from '../../domain/calendar/iso-date.js';
import { REGIMES, type Regime, type RegimeId } from '../../domain/calendar/regimes.js';
import { mergeWarnings, type CalendarWarning, type DayReason, type WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import type { FieldIssue } from '../../domain/errors.js';
import { isCalendarId, throwIssues } from './override-input.js';

/** Longest period the calculator accepts, in days; longer is certainly a typing mistake. */
export const MAX_PERIOD_DAYS = 366;

/** The calculator's input as it arrives from a query string or the command line (all text). */
export interface DeadlineQuery {
  readonly regime: string;
  /** The day of receipt, `YYYY-MM-DD` (day 0). */
  readonly from: string;
  /** Overrides the regime's reply period; empty = the regime's own. */
  readonly days?: string | undefined;
  /** A built-in calendar id replacing the regime's; empty = the regime's own. */
  readonly calendar?: string | undefined;
  /** A consultation (Arts. 32, 34) sent on this day and answered on `pauseTo`; only for regimes with one. */
  readonly pauseFrom?: string | undefined;
  readonly pauseTo?: string | undefined;
}

/** One day of the explanation. */
export interface ExplainedDay {
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly reason: DayReason;
  readonly working: boolean;
  /** Inside a consultation pause: not counted whatever the day. */
  readonly paused: boolean;
  /** The running count after this day, when this day counts; null when it is skipped. */
  readonly count: number | null;
  /** The period's due date / the extended due date / the correction notice's last day fall on this day. */
  readonly marks: readonly ('due' | 'extended_due' | 'correction_notice_due')[];
}

/** The calculator's answer. */
export interface DeadlineAnswer {
  readonly regime: Regime;
  readonly calendar: CalendarId | string;
  readonly from: string;
  /** The period actually used (the regime's or the override). */
  readonly days: number;
  readonly dueDate: string;
  /** The first day the request is overdue: the day after the due date. */
  readonly overdueFrom: string;
  /** The due date with the regime's whole extension (Art. 33: +20 for cn-ogi); null when it allows none. */
  readonly extension: { readonly days: number; readonly dueDate: string; readonly overdueFrom: string } | null;
  /** Art. 30: the last day to ask the applicant once for a correction; null when the regime sets no limit. */
  readonly correctionNoticeDue: string | null;
  readonly pause: { readonly from: string; readonly to: string; readonly excludedThrough: string | null; readonly capped: boolean; readonly days: number } | null;
  /** Days counted towards the period, in order (day 1 … day N). */
  readonly countedDays: readonly string[];
  /** Day 0 (the receipt) up to the last due date shown. */
  readonly explanation: readonly ExplainedDay[];
  readonly warnings: readonly DeadlineWarning[];
}

function isRegimeId(s: string): s is RegimeId {
  return Object.hasOwn(REGIMES, s);
}

/**
 * Validates the query and computes the due dates. `custom`, when given, replaces the calendar
 * entirely (the CLI's `--calendar` file). Throws `AppError('validation_failed')` naming each bad
 * field: `regime` (bad_regime), `from` (bad_date), `days` (bad_day_count), `calendar`
 * (bad_calendar), `pause_from`/`pause_to` (bad_date, pause_not_allowed, pause_incomplete,
 * pause_before_receipt, pause_order).
 */
export function calculateDeadline(q: DeadlineQuery, custom?: WorkingCalendar): DeadlineAnswer {
  const issues: FieldIssue[] = [];
  const regimeId = q.regime.trim();
  const base = isRegimeId(regimeId) ? REGIMES[regimeId] : null;
  if (base === null) issues.push({ field: 'regime', code: 'bad_regime', message: `unknown regime ${JSON.stringify(regimeId)}; one of ${Object.keys(REGIMES).join(', ')}` });
  const from = q.from.trim();
  if (!isIsoDate(from)) issues.push({ field: 'from', code: 'bad_date', message: `not a YYYY-MM-DD date: ${JSON.stringify(from)}` });
  const daysText = (q.days ?? '').trim();
  let days: number | null = null;
  if (daysText !== '') {
    days = /^[0-9]{1,4}$/.test(daysText) ? Number(daysText) : NaN;
    if (!(days >= 1 && days <= MAX_PERIOD_DAYS)) issues.push({ field: 'days', code: 'bad_day_count', message: `a whole number from 1 to ${MAX_PERIOD_DAYS}` });
  }
  const calText = (q.calendar ?? '').trim();
  if (calText !== '' && !isCalendarId(calText)) issues.push({ field: 'calendar', code: 'bad_calendar', message: `unknown calendar ${JSON.stringify(calText)}` });
  const pf = (q.pauseFrom ?? '').trim();
  const pt = (q.pauseTo ?? '').trim();
  const hasPause = pf !== '' || pt !== '';
  if (hasPause) {
    if (base !== null && base.consultation === null) issues.push({ field: 'pause_from', code: 'pause_not_allowed', message: `${regimeId} has no consultation pause` });
    else if (pf === '' || pt === '') issues.push({ field: pf === '' ? 'pause_from' : 'pause_to', code: 'pause_incomplete', message: 'give both the start and the end of the consultation' });
    else if (!isIsoDate(pf)) issues.push({ field: 'pause_from', code: 'bad_date', message: `not a YYYY-MM-DD date: ${JSON.stringify(pf)}` });
    else if (!isIsoDate(pt)) issues.push({ field: 'pause_to', code: 'bad_date', message: `not a YYYY-MM-DD date: ${JSON.stringify(pt)}` });
    else if (isIsoDate(from) && pf < from) issues.push({ field: 'pause_from', code: 'pause_before_receipt', message: 'the consultation cannot start before the receipt' });
    else if (pt < pf) issues.push({ field: 'pause_to', code: 'pause_order', message: 'the consultation cannot end before it starts' });
  }
  throwIssues(issues);
  if (base === null) throw new Error('unreachable: the regime was checked above');

  const calendar = custom ?? calendarFor(isCalendarId(calText) ? calText : base.calendar);
  const regime: Regime = { ...base, calendar: calendar.id as CalendarId, replyDays: days ?? base.replyDays }; // computeDeadlines only compares the id with the calendar's own
  const events: RequestEvent[] = [{ type: 'received', date: from }];
  if (hasPause) events.push({ type: 'consultation_started', date: pf }, { type: 'consultation_ended', date: pt });
  const today = hasPause && pt > from ? pt : from;
  const report = computeDeadlines({ regime, calendar, events, today });
  const ext = regime.extension;
  const extended = ext === null ? null : computeDeadlines({ regime, calendar, events: [...events, { type: 'extended', days: ext.maxDays, by: 'calculator' }], today });
  return answer(regime, calendar, from, report, extended, hasPause ? { pf, pt } : null);
}

function must(d: string | null, what: string): string {
  // computeDeadlines leaves a due date unknown only while a pause is open or a correction pending;
  // the calculator's pauses are always closed and it records no correction.
  if (d === null) throw new Error(`unreachable: ${what} is unknown`);
  return d;
}

function answer(regime: Regime, calendar: WorkingCalendar, from: string, report: DeadlineReport, extended: DeadlineReport | null, pause: { pf: string; pt: string } | null): DeadlineAnswer {
  const dueDate = must(report.dueDate, 'the due date');
  const extDue = extended === null ? null : must(extended.dueDate, 'the extended due date');
  const correctionDue = report.correction?.noticeDueBy ?? null;
  const p = report.pauses[0];
  const start = dayNumber(from) - (regime.periodStart === 'day_of_receipt' ? 1 : 0);
  const last = Math.max(dayNumber(dueDate), extDue === null ? 0 : dayNumber(extDue), correctionDue === null ? 0 : dayNumber(correctionDue));
  const pauseStart = p ? dayNumber(p.startedOn) : null;
  const pauseEnd = p?.excludedThrough ? dayNumber(p.excludedThrough) : null;
  const explanation: ExplainedDay[] = [];
  const counted: string[] = [];
  const extraWarnings: (readonly CalendarWarning[])[] = [];
  let count = 0;
  for (let n = dayNumber(from); n <= last; n += 1) {
    const date = fromDayNumber(n);
    const info = calendar.describe(date);
    extraWarnings.push(info.warnings);
    const paused = pauseStart !== null && pauseEnd !== null && n > pauseStart && n <= pauseEnd;
    const counts = n > start && !paused && (regime.counting === 'calendar_days' || info.value.working);
    if (counts) count += 1;
    if (counts && count <= regime.replyDays) counted.push(date);
    const marks: ExplainedDay['marks'][number][] = [];
    if (date === dueDate) marks.push('due');
    if (date === extDue) marks.push('extended_due');
    if (date === correctionDue) marks.push('correction_notice_due');
    explanation.push({ date, weekday: weekdayOf(n), reason: info.value.reason, working: info.value.working, paused, count: counts ? count : null, marks });
  }
  // The layout must agree with the computation it explains: the N-th counted day is the due date
  // (calendar-day regimes then roll forward to a working day).
  const nth = counted[counted.length - 1];
  const agrees = regime.counting === 'calendar_days' ? nth !== undefined && calendar.rollForward(nth).value === dueDate : nth === dueDate;
  if (!agrees || counted.length !== regime.replyDays) throw new Error(`explanation disagrees with the computed due date ${dueDate}`);
  const warnings: DeadlineWarning[] = mergeWarnings(...extraWarnings, ...[report, extended].map((r) => (r ? r.warnings.filter(isCalendarWarning) : [])));
  for (const r of [report, extended]) {
    for (const w of r?.warnings ?? []) if (!isCalendarWarning(w) && !warnings.some((x) => JSON.stringify(x) === JSON.stringify(w))) warnings.push(w);
  }
  return {
    regime,
    calendar: calendar.id,
    from,
    days: regime.replyDays,
    dueDate,
    overdueFrom: must(report.overdueFrom, 'overdue'),
    extension: extended === null || extDue === null || regime.extension === null ? null : { days: regime.extension.maxDays, dueDate: extDue, overdueFrom: must(extended.overdueFrom, 'overdue') },
    correctionNoticeDue: correctionDue,
    pause: pause === null || p === undefined ? null : { from: pause.pf, to: pause.pt, excludedThrough: p.excludedThrough, capped: p.capped, days: report.pausedDays },
    countedDays: counted,
    explanation,
    warnings,
  };
}

function isCalendarWarning(w: DeadlineWarning): w is CalendarWarning {
  return w.code === 'calendar_year_without_data';
}
