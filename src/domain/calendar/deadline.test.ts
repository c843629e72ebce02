// Every expected date below was counted by hand from DOMAIN.md §2 (and, for the UK/US cases, from
// the holiday lists written in the test); the working days counted are listed in each comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarFor } from './calendars.js';
import { chinaCalendar } from './china.js';
import { computeDeadlines, type RequestEvent } from './deadline.js';
import { DeadlineError, type DeadlineErrorCode } from './deadline-error.js';
import { REGIMES, type Regime } from './regimes.js';
import { WorkingCalendar } from './working-calendar.js';

const CN = REGIMES['cn-ogi'];

function cn(events: RequestEvent[], today: string): ReturnType<typeof computeDeadlines> {
  return computeDeadlines({ regime: CN, calendar: chinaCalendar(), events, today });
}
const received = (date: string): RequestEvent => ({ type: 'received', date });

function refuses(code: DeadlineErrorCode, index: number, run: () => unknown): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof DeadlineError, String(e));
    assert.equal(e.reason, code);
    assert.equal(e.eventIndex, index);
    assert.equal(e.code, 'validation_failed');
    assert.equal(e.fields[0]?.code, code);
    return true;
  });
}

test('cn 1: Spring Festival 2025, received Fri 2025-01-24', () => {
  // Sun 01-26 adj (1), Mon 27 (2), [01-28..02-04 holiday], Wed 02-05 (3), Thu 6 (4), Fri 7 (5),
  // Sat 8 adj (6), Mon 10 (7), 11 (8), 12 (9), 13 (10), 14 (11), 17 (12), 18 (13), 19 (14),
  // 20 (15), 21 (16), 24 (17), 25 (18), 26 (19), Thu 27 (20).
  const r = cn([received('2025-01-24')], '2025-02-10');
  assert.equal(r.dueDate, '2025-02-27');
  assert.equal(r.overdueFrom, '2025-02-28');
  assert.equal(r.status, 'running');
  assert.equal(r.overdue, false);
  assert.deepEqual(r.warnings, []);
  // After Mon 02-10 up to Thu 02-27: 11,12,13,14,17,18,19,20,21,24,25,26,27 = 13.
  assert.equal(r.daysRemaining, 13);
});

test('cn 2: received on the adjusted Saturday 2025-02-08, and the Friday before', () => {
  // Day 0 = Sat 02-08. Mon 10 (1), 11 (2), 12 (3), 13 (4), 14 (5), 17 (6), 18 (7), 19 (8), 20 (9),
  // 21 (10), 24 (11), 25 (12), 26 (13), 27 (14), Fri 28 (15), Mon 03-03 (16), 4 (17), 5 (18),
  // 6 (19), Fri 03-07 (20).
  assert.equal(cn([received('2025-02-08')], '2025-02-08').dueDate, '2025-03-07');
  // From Fri 02-07 the adjusted Saturday itself is day 1, so everything moves one day earlier:
  // Sat 8 (1), Mon 10 (2) … Thu 03-06 (20).
  assert.equal(cn([received('2025-02-07')], '2025-02-07').dueDate, '2025-03-06');
  // An ordinary Sunday receipt (02-09) is due with the Saturday: Mon 10 is day 1 for both.
  assert.equal(cn([received('2025-02-09')], '2025-02-09').dueDate, '2025-03-07');
});

test('cn 3: May Day and Dragon Boat 2025', () => {
  // Received Tue 04-29: Wed 30 (1), [05-01..05 holiday], Tue 05-06 (2), 7 (3), 8 (4), 9 (5),
  // 12 (6), 13 (7), 14 (8), 15 (9), 16 (10), 19 (11), 20 (12), 21 (13), 22 (14), 23 (15), 26 (16),
  // 27 (17), 28 (18), 29 (19), Fri 30 (20).
  assert.equal(cn([received('2025-04-29')], '2025-04-29').dueDate, '2025-05-30');
  // Received Wed 04-30: Tue 05-06 (1) … Fri 05-30 (19), [05-31..06-02 Dragon Boat], Tue 06-03 (20).
  assert.equal(cn([received('2025-04-30')], '2025-04-30').dueDate, '2025-06-03');
  // Received on the adjusted Sunday 04-27: Mon 28 (1), Tue 29 (2), Wed 30 (3), Tue 05-06 (4),
  // 7 (5), 8 (6), 9 (7), 12 (8), 13 (9), 14 (10), 15 (11), 16 (12), 19 (13), 20 (14), 21 (15),
  // 22 (16), 23 (17), 26 (18), 27 (19), Wed 28 (20).
  assert.equal(cn([received('2025-04-27')], '2025-04-27').dueDate, '2025-05-28');
});

test('cn 4: National Day 2025 and the 7-working-day correction notice', () => {
  // Received Thu 09-25: Fri 26 (1), Sun 28 adj (2), Mon 29 (3), Tue 30 (4), [10-01..08],
  // Thu 10-09 (5), Fri 10 (6), Sat 11 adj (7), Mon 13 (8), 14 (9), 15 (10), 16 (11), 17 (12),
  // 20 (13), 21 (14), 22 (15), 23 (16), 24 (17), 27 (18), 28 (19), Wed 29 (20).
  const r = cn([received('2025-09-25')], '2025-09-30');
  assert.equal(r.dueDate, '2025-10-29');
  // Correction notice: 7th working day is the adjusted Saturday 2025-10-11 (see count above).
  assert.equal(r.correction?.noticeDueBy, '2025-10-11');
  assert.equal(r.correction?.requestedOn, null);
});

test('cn 5: correction restarts the clock from the supplement (Art. 30)', () => {
  const events: RequestEvent[] = [
    received('2025-09-25'),
    { type: 'correction_requested', date: '2025-09-30', supplementBy: '2025-10-20' },
  ];
  const waiting = cn(events, '2025-10-05');
  assert.equal(waiting.status, 'awaiting_supplement');
  assert.equal(waiting.dueDate, null);
  assert.equal(waiting.overdue, false);
  assert.equal(waiting.clockStartedOn, null);
  // Supplement on Thu 10-09 = new day 0: Fri 10 (1), Sat 11 adj (2), Mon 13 (3), 14 (4), 15 (5),
  // 16 (6), 17 (7), 20 (8), 21 (9), 22 (10), 23 (11), 24 (12), 27 (13), 28 (14), 29 (15), 30 (16),
  // 31 (17), Mon 11-03 (18), Tue 4 (19), Wed 5 (20).
  const r = cn([...events, { type: 'supplemented', date: '2025-10-09' }], '2025-10-09');
  assert.equal(r.status, 'running');
  assert.equal(r.clockStartedOn, '2025-10-09');
  assert.equal(r.dueDate, '2025-11-05');
  assert.equal(r.correction?.noticeLate, false);
  assert.equal(r.correction?.supplementedOn, '2025-10-09');
});

test('cn 6: a correction notice after the 7th working day is accepted with a warning', () => {
  // Notice due Sat 2025-10-11 (cn 4); requested Mon 10-13.
  const r = cn([received('2025-09-25'), { type: 'correction_requested', date: '2025-10-13' }], '2025-10-13');
  assert.equal(r.correction?.noticeLate, true);
  assert.deepEqual(r.warnings, [{ code: 'correction_notice_late', requestedOn: '2025-10-13', noticeDueBy: '2025-10-11' }]);
});

test('cn 7: New Year 2026 across the year boundary, received Wed 2025-12-31', () => {
  // [01-01..03 holiday], Sun 01-04 adj (1), Mon 5 (2), 6 (3), 7 (4), 8 (5), 9 (6), 12 (7), 13 (8),
  // 14 (9), 15 (10), 16 (11), 19 (12), 20 (13), 21 (14), 22 (15), 23 (16), 26 (17), 27 (18),
  // 28 (19), Thu 29 (20).
  const r = cn([received('2025-12-31')], '2026-01-05');
  assert.equal(r.dueDate, '2026-01-29');
  assert.deepEqual(r.warnings, []);
});

test('cn 8: Spring Festival 2026, received Fri 2026-02-13, overdue on the day after', () => {
  // Sat 14 adj (1), [02-15..23], Tue 24 (2), 25 (3), 26 (4), 27 (5), Sat 28 adj (6), Mon 03-02 (7),
  // 3 (8), 4 (9), 5 (10), 6 (11), 9 (12), 10 (13), 11 (14), 12 (15), 13 (16), 16 (17), 17 (18),
  // 18 (19), Thu 19 (20).
  const events = [received('2026-02-13')];
  const r = cn(events, '2026-03-16');
  assert.equal(r.dueDate, '2026-03-19');
  assert.equal(r.daysRemaining, 3); // 17, 18, 19
  assert.equal(r.overdue, false);
  assert.equal(cn(events, '2026-03-19').overdue, false);
  assert.equal(cn(events, '2026-03-19').daysRemaining, 0);
  const late = cn(events, '2026-03-20');
  assert.equal(late.overdue, true);
  assert.equal(late.overdueFrom, '2026-03-20');
  assert.equal(late.daysRemaining, -1); // Fri 03-20 is a working day past the due date
  // Correction notice: Sat 14 (1), Tue 24 (2), 25 (3), 26 (4), 27 (5), Sat 28 (6), Mon 03-02 (7).
  assert.equal(r.correction?.noticeDueBy, '2026-03-02');
});

test('cn 9: received on the adjusted Saturday 2026-02-14', () => {
  // Day 0 = Sat 14. Tue 24 (1), 25 (2), 26 (3), 27 (4), Sat 28 adj (5), Mon 03-02 (6), 3 (7), 4 (8),
  // 5 (9), 6 (10), 9 (11), 10 (12), 11 (13), 12 (14), 13 (15), 16 (16), 17 (17), 18 (18), 19 (19),
  // Fri 20 (20).
  assert.equal(cn([received('2026-02-14')], '2026-02-14').dueDate, '2026-03-20');
});

test('cn 10: the 20 + 20 extension (Art. 33) across Qingming 2026', () => {
  // Base due Thu 2026-03-19 (cn 8). Then Fri 20 (21), Mon 23 (22), 24 (23), 25 (24), 26 (25),
  // 27 (26), 30 (27), 31 (28), Wed 04-01 (29), 2 (30), Fri 3 (31), [04-04..06 Qingming],
  // Tue 7 (32), 8 (33), 9 (34), 10 (35), 13 (36), 14 (37), 15 (38), 16 (39), Fri 17 (40).
  const r = cn([received('2026-02-13'), { type: 'extended', days: 20, by: 'Head of office', date: '2026-03-18' }], '2026-03-20');
  assert.equal(r.dueDate, '2026-04-17');
  assert.equal(r.periodDays, 40);
  assert.deepEqual(r.extension, { granted: 1, maxTimes: 1, daysGranted: 20, maxDays: 20, approvedBy: ['Head of office'] });
  assert.equal(r.overdue, false);
});

test('cn 11: National Day 2026 with Mid-autumn, received Fri 2026-09-18', () => {
  // Sun 20 adj (1), Mon 21 (2), 22 (3), 23 (4), Thu 24 (5), [25..27 Mid-autumn], Mon 28 (6),
  // 29 (7), Wed 30 (8), [10-01..07], Thu 10-08 (9), Fri 9 (10), Sat 10 adj (11), Mon 12 (12),
  // 13 (13), 14 (14), 15 (15), 16 (16), 19 (17), 20 (18), 21 (19), Thu 22 (20).
  assert.equal(cn([received('2026-09-18')], '2026-09-18').dueDate, '2026-10-22');
});

test('cn 12: a consultation pause (Arts. 32, 34)', () => {
  // Received Mon 2026-03-02. Tue 3 (1), 4 (2), 5 (3), 6 (4), Mon 9 (5), Tue 10 (6) = consultation
  // sent, still counted. Not counted: Wed 11 … Fri 20 = 11, 12, 13, 16, 17, 18, 19, 20 (8 days).
  // Resume: Mon 23 (7), 24 (8), 25 (9), 26 (10), 27 (11), 30 (12), 31 (13), 04-01 (14), 2 (15),
  // Fri 3 (16), [04-04..06], Tue 7 (17), 8 (18), 9 (19), Fri 10 (20).
  const events: RequestEvent[] = [
    received('2026-03-02'),
    { type: 'consultation_started', date: '2026-03-10' },
    { type: 'consultation_ended', date: '2026-03-20' },
  ];
  const r = cn(events, '2026-03-23');
  assert.equal(r.dueDate, '2026-04-10');
  assert.equal(r.pausedDays, 8);
  assert.deepEqual(r.pauses, [{
    kind: 'consultation', startedOn: '2026-03-10', endedOn: '2026-03-20', excludedThrough: '2026-03-20',
    // Cap: Wed 11 (1) … Fri 13 (3), 16–20 (8), 23–27 (13), Mon 30 (14), Tue 31 (15).
    capDate: '2026-03-31', capped: false, days: 8,
  }]);
  // While the consultation is open (and before its cap) the due date is unknown.
  const open = cn(events.slice(0, 2), '2026-03-16');
  assert.equal(open.status, 'paused');
  assert.equal(open.dueDate, null);
  assert.equal(open.overdue, false);
  assert.equal(open.pauses[0]?.days, 4); // 11, 12, 13, 16 so far
});

test('cn 13: a consultation longer than 15 working days is capped, with a warning', () => {
  // Started Tue 03-10, cap Tue 03-31 (cn 12), ended Mon 04-20. Counted: 03-03..03-10 = 6, then
  // Wed 04-01 (7), 2 (8), 3 (9), [04-04..06], 7 (10), 8 (11), 9 (12), 10 (13), 13 (14), 14 (15),
  // 15 (16), 16 (17), 17 (18), Mon 20 (19), Tue 21 (20).
  const events: RequestEvent[] = [
    received('2026-03-02'),
    { type: 'consultation_started', date: '2026-03-10' },
    { type: 'consultation_ended', date: '2026-04-20' },
  ];
  const r = cn(events, '2026-04-20');
  assert.equal(r.dueDate, '2026-04-21');
  assert.equal(r.pausedDays, 15);
  assert.deepEqual(r.warnings, [{ code: 'consultation_pause_capped', startedOn: '2026-03-10', cappedAt: '2026-03-31', open: false }]);
  // Still open on 04-01, past the cap: the clock runs again and the same due date follows.
  const open = cn(events.slice(0, 2), '2026-04-01');
  assert.equal(open.status, 'running');
  assert.equal(open.dueDate, '2026-04-21');
  assert.equal(open.warnings[0]?.code, 'consultation_pause_capped');
});

test('cn 14: reply on time, reply late', () => {
  // Due Thu 2025-02-27 (cn 1).
  const onTime = cn([received('2025-01-24'), { type: 'replied', date: '2025-02-27' }], '2025-03-10');
  assert.equal(onTime.status, 'replied');
  assert.equal(onTime.repliedLate, false);
  assert.equal(onTime.overdue, false);
  assert.equal(onTime.daysRemaining, null);
  const late = cn([received('2025-01-24'), { type: 'replied', date: '2025-02-28' }, { type: 'closed' }], '2025-03-10');
  assert.equal(late.status, 'closed');
  assert.equal(late.repliedLate, true);
});

test('cn 15: no 2027 data: a December 2026 receipt is due on a guessed date, with a warning', () => {
  // Received Tue 2026-12-15: 16 (1), 17 (2), 18 (3), 21 (4), 22 (5), 23 (6), 24 (7), 25 (8), 28 (9),
  // 29 (10), 30 (11), 31 (12), then 2027 on weekdays only: Fri 01-01 (13, really New Year's Day),
  // Mon 4 (14), 5 (15), 6 (16), 7 (17), 8 (18), 11 (19), Tue 12 (20).
  const r = cn([received('2026-12-15')], '2026-12-15');
  assert.equal(r.dueDate, '2027-01-12');
  assert.deepEqual(r.warnings, [{ code: 'calendar_year_without_data', calendar: 'cn', year: 2027 }]);
  // The 2027 schedule imported by the admin removes the warning and moves the date:
  // Mon 4 (13) … Wed 13 (20).
  const fixed = computeDeadlines({
    regime: CN, calendar: chinaCalendar({ holidays: ['2027-01-01'], years: [2027] }),
    events: [received('2026-12-15')], today: '2026-12-15',
  });
  assert.equal(fixed.dueDate, '2027-01-13');
  assert.deepEqual(fixed.warnings, []);
});

test('cn 16: abandonment after an unanswered correction', () => {
  const events: RequestEvent[] = [
    received('2025-03-03'),
    { type: 'correction_requested', date: '2025-03-05', supplementBy: '2025-03-20' },
    { type: 'deemed_abandoned', date: '2025-03-21' },
  ];
  const r = cn(events, '2025-04-30');
  assert.equal(r.status, 'abandoned');
  assert.equal(r.dueDate, null);
  assert.equal(r.overdue, false);
  refuses('abandoned_before_supplement_deadline', 2, () => cn([...events.slice(0, 2), { type: 'deemed_abandoned', date: '2025-03-20' }], '2025-04-30'));
});

test('illegal sequences are refused with stable codes', () => {
  const r0 = received('2026-03-02');
  refuses('received_missing', 0, () => cn([], '2026-03-02'));
  refuses('received_missing', 0, () => cn([{ type: 'replied', date: '2026-03-02' }], '2026-03-02'));
  refuses('duplicate_received', 1, () => cn([r0, received('2026-03-03')], '2026-03-05'));
  refuses('extension_exceeds_maximum', 1, () => cn([r0, { type: 'extended', days: 21, by: 'head' }], '2026-03-05'));
  refuses('extension_limit_reached', 2, () => cn([r0, { type: 'extended', days: 10, by: 'head' }, { type: 'extended', days: 10, by: 'head' }], '2026-03-05'));
  refuses('invalid_extension_days', 1, () => cn([r0, { type: 'extended', days: 0, by: 'head' }], '2026-03-05'));
  refuses('extension_without_approver', 1, () => cn([r0, { type: 'extended', days: 5, by: ' ' }], '2026-03-05'));
  // Due 2026-03-30 (cn 12 without the pause); an extension decided on 03-31 is too late.
  refuses('extension_after_due_date', 1, () => cn([r0, { type: 'extended', days: 5, by: 'head', date: '2026-03-31' }], '2026-04-01'));
  refuses('supplement_without_correction', 1, () => cn([r0, { type: 'supplemented', date: '2026-03-03' }], '2026-03-05'));
  refuses('abandon_without_correction', 1, () => cn([r0, { type: 'deemed_abandoned' }], '2026-03-05'));
  const corr: RequestEvent = { type: 'correction_requested', date: '2026-03-03' };
  refuses('correction_already_requested', 3, () => cn([r0, corr, { type: 'supplemented', date: '2026-03-04' }, { type: 'correction_requested', date: '2026-03-05' }], '2026-03-05'));
  refuses('extension_while_awaiting_supplement', 2, () => cn([r0, corr, { type: 'extended', days: 5, by: 'head' }], '2026-03-05'));
  refuses('reply_while_awaiting_supplement', 2, () => cn([r0, corr, { type: 'replied', date: '2026-03-04' }], '2026-03-05'));
  refuses('correction_after_extension', 2, () => cn([r0, { type: 'extended', days: 5, by: 'head' }, corr], '2026-03-05'));
  const start: RequestEvent = { type: 'consultation_started', date: '2026-03-03' };
  refuses('consultation_already_open', 2, () => cn([r0, start, start], '2026-03-05'));
  refuses('consultation_not_open', 1, () => cn([r0, { type: 'consultation_ended', date: '2026-03-03' }], '2026-03-05'));
  refuses('reply_during_consultation', 2, () => cn([r0, start, { type: 'replied', date: '2026-03-04' }], '2026-03-05'));
  refuses('correction_during_consultation', 2, () => cn([r0, start, corr], '2026-03-05'));
  refuses('events_out_of_order', 1, () => cn([r0, { type: 'replied', date: '2026-03-01' }], '2026-03-05'));
  refuses('event_in_future', 1, () => cn([r0, { type: 'replied', date: '2026-03-06' }], '2026-03-05'));
  refuses('bad_date', 1, () => cn([r0, { type: 'replied', date: '2026-02-30' }], '2026-03-05'));
  refuses('event_after_reply', 2, () => cn([r0, { type: 'replied', date: '2026-03-03' }, start], '2026-03-05'));
  refuses('event_after_closed', 2, () => cn([r0, { type: 'closed' }, { type: 'closed' }], '2026-03-05'));
  refuses('consultation_not_allowed', 1, () => computeDeadlines({
    regime: REGIMES['uk-foia'], calendar: calendarFor('uk-england'), events: [r0, start], today: '2026-03-05',
  }));
  refuses('extension_not_allowed', 1, () => computeDeadlines({
    regime: REGIMES['uk-foia'], calendar: calendarFor('uk-england'), events: [r0, { type: 'extended', days: 5, by: 'x' }], today: '2026-03-05',
  }));
  refuses('calendar_mismatch', -1, () => computeDeadlines({ regime: CN, calendar: calendarFor('uk-england'), events: [r0], today: '2026-03-05' }));
});

// A UK calendar built from a custom holiday list (Christmas 2025 and New Year 2026 only).
const ukCustom = new WorkingCalendar({
  id: 'uk-england', holidays: ['2025-12-25', '2025-12-26', '2026-01-01'], workingDays: [], years: [2025, 2026],
});

test('uk-foia with a custom holiday list', () => {
  // Received Mon 2025-12-15: 16 (1), 17 (2), 18 (3), 19 (4), 22 (5), 23 (6), 24 (7), [25, 26],
  // 29 (8), 30 (9), 31 (10), [01-01], Fri 01-02 (11), Mon 5 (12), 6 (13), 7 (14), 8 (15), 9 (16),
  // 12 (17), 13 (18), 14 (19), Thu 15 (20).
  const r = computeDeadlines({ regime: REGIMES['uk-foia'], calendar: ukCustom, events: [received('2025-12-15')], today: '2025-12-15' });
  assert.equal(r.dueDate, '2026-01-15');
  assert.equal(r.correction?.noticeDueBy, null);
  assert.equal(r.extension, null);
});

test('calendar-day counting moves a due date off a weekend or holiday', () => {
  const regime: Regime = { ...REGIMES['uk-foia'], counting: 'calendar_days' };
  const due = (date: string): string | null =>
    computeDeadlines({ regime, calendar: ukCustom, events: [received(date)], today: date }).dueDate;
  assert.equal(due('2025-03-06'), '2025-03-26'); // Thu + 20 = Wed 03-26, a working day
  assert.equal(due('2025-03-10'), '2025-03-31'); // Mon + 20 = Sun 03-30 → Mon 03-31
  assert.equal(due('2025-12-05'), '2025-12-29'); // Fri + 20 = Thu 12-25 (holiday), 26 (holiday), 27–28 weekend → Mon 29
});

test('us-foia: federal holidays, the +10 extension and tolling for clarification', () => {
  const regime = REGIMES['us-foia'];
  const calendar = calendarFor('us-federal');
  // Received Tue 2025-07-01: Wed 2 (1), Thu 3 (2), [Fri 4 Independence Day], Mon 7 (3), 8 (4),
  // 9 (5), 10 (6), 11 (7), 14 (8), 15 (9), 16 (10), 17 (11), 18 (12), 21 (13), 22 (14), 23 (15),
  // 24 (16), 25 (17), 28 (18), 29 (19), Wed 30 (20). +10: 31 (21), Fri 08-01 (22), 4 (23), 5 (24),
  // 6 (25), 7 (26), 8 (27), 11 (28), 12 (29), Wed 13 (30).
  const base = computeDeadlines({ regime, calendar, events: [received('2025-07-01')], today: '2025-07-01' });
  assert.equal(base.dueDate, '2025-07-30');
  const ext = computeDeadlines({ regime, calendar, events: [received('2025-07-01'), { type: 'extended', days: 10, by: 'FOIA officer' }], today: '2025-07-02' });
  assert.equal(ext.dueDate, '2025-08-13');
  // Tolling: asked Mon 07-07 (day 3, counted), answered Mon 07-14; 8, 9, 10, 11, 14 not counted
  // (5 days). Due 07-30 + 5 working days: 31, 08-01, 4, 5, Wed 6.
  const tolled = computeDeadlines({
    regime, calendar, today: '2025-07-14',
    events: [received('2025-07-01'), { type: 'correction_requested', date: '2025-07-07' }, { type: 'supplemented', date: '2025-07-14' }],
  });
  assert.equal(tolled.dueDate, '2025-08-06');
  assert.equal(tolled.pausedDays, 5);
  assert.equal(tolled.pauses[0]?.kind, 'correction');
});

test('day_of_receipt counting makes the receipt day 1', () => {
  const regime: Regime = { ...CN, periodStart: 'day_of_receipt' };
  // Received Mon 2026-03-02 = day 1: 3 (2), 4 (3), 5 (4), 6 (5), 9–13 (6–10), 16–20 (11–15),
  // 23–27 (16–20): due Fri 03-27.
  const r = computeDeadlines({ regime, calendar: chinaCalendar(), events: [received('2026-03-02')], today: '2026-03-02' });
  assert.equal(r.dueDate, '2026-03-27');
  assert.equal(r.clockStartedOn, '2026-03-02');
});
