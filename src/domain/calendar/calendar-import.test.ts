import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CalendarImportError, isWorkingDaySummary, parseDateList, parseIcsCalendar } from './calendar-import.js';
import { CHINA_CALENDAR_DATA } from './china.js';

function issuesOf(run: () => unknown): { line: number; code: string }[] {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof CalendarImportError, String(e));
    assert.equal(e.code, 'validation_failed');
    return e.issues.map(({ line, code }) => ({ line, code }));
  }
  assert.fail('expected a CalendarImportError');
}

const ics = (...lines: string[]): string => lines.join('\r\n') + '\r\n';

test('ics: multi-day events expand with DTEND exclusive; working days by SUMMARY', () => {
  const r = parseIcsCalendar(ics(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270206',
    'DTEND;VALUE=DATE:20270209',
    'SUMMARY:春节',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270131',
    'SUMMARY:春节补班',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART:20271001', // bare 8-digit date, no VALUE parameter
    'DURATION:P2D',
    'SUMMARY:National Day',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270925',
    'SUMMARY:Adjusted working day',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270301',
    'STATUS:CANCELLED',
    'SUMMARY:Withdrawn',
    'END:VEVENT',
    'END:VCALENDAR',
  ));
  assert.deepEqual(r.holidays, ['2027-02-06', '2027-02-07', '2027-02-08', '2027-10-01', '2027-10-02']);
  assert.deepEqual(r.workingDays, ['2027-01-31', '2027-09-25']);
  assert.deepEqual(r.years, [2027]);
});

test('ics: folded lines (RFC 5545 §3.1), quoted parameters, LF endings, nested VALARM', () => {
  const r = parseIcsCalendar([
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'DTSTART;X-NOTE="a;b:c";VALUE=DATE:2027',
    ' 0101',
    'SUMMARY:New Year\\, wo',
    '\trk day? no: holiday',
    'BEGIN:VALARM',
    'DTSTART:20261231T090000', // the alarm's, not the event's
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\n'));
  // The unfolded summary is "New Year, work day? no: holiday", which the rule reads as a working day.
  assert.deepEqual(r.workingDays, ['2027-01-01']);
  assert.deepEqual(r.holidays, []);
});

test('ics: the SUMMARY rule', () => {
  for (const s of ['春节补班', '国庆调休', '上班', '元旦(班)', '春节（班）', 'Working Day', 'work day', 'Spring Festival(Workday)']) {
    assert.equal(isWorkingDaySummary(s), true, s);
  }
  for (const s of ['春节', '元旦(休)', 'Christmas Day', 'Labour Day(Holiday)', 'network days']) {
    assert.equal(isWorkingDaySummary(s), false, s);
  }
});

test('ics: the chinese-days 2026 files read back as the package JSON', () => {
  // A real-world feed: VTIMEZONE with a timed DTSTART, folded X- lines, CRLF.
  const dir = createRequire(import.meta.url).resolve('chinese-days/dist/chinese-days.json').replace(/chinese-days\.json$/, 'years/');
  for (const file of ['2026.ics', '2026.en.ics']) {
    const r = parseIcsCalendar(readFileSync(dir + file, 'utf8'));
    assert.deepEqual(r.holidays, CHINA_CALENDAR_DATA.holidays.filter((d) => d.startsWith('2026-')), file);
    assert.deepEqual(r.workingDays, CHINA_CALENDAR_DATA.workingDays.filter((d) => d.startsWith('2026-')), file);
  }
});

test('ics: errors carry line numbers', () => {
  assert.deepEqual(issuesOf(() => parseIcsCalendar('2025-01-01\n')), [{ line: 1, code: 'not_icalendar' }]);
  assert.deepEqual(issuesOf(() => parseIcsCalendar(ics(
    'BEGIN:VCALENDAR', // 1
    'BEGIN:VEVENT', // 2
    'DTSTART;VALUE=DATE:20270230', // 3: no such date
    'END:VEVENT', // 4
    'BEGIN:VEVENT', // 5
    'DTSTART:20270101T090000Z', // 6: timed
    'END:VEVENT', // 7
    'BEGIN:VEVENT', // 8
    'SUMMARY:no start', // 9
    'END:VEVENT', // 10
    'BEGIN:VEVENT', // 11
    'DTSTART;VALUE=DATE:20270105', // 12
    'DTEND;VALUE=DATE:20270105', // 13: not after DTSTART
    'END:VEVENT', // 14
    'BEGIN:VEVENT', // 15
    'DTSTART;VALUE=DATE:20271225', // 16
    'RRULE:FREQ=YEARLY', // 17
    'END:VEVENT', // 18
    'this is not a content line', // 19
    'END:VCALENDAR', // 20
  ))), [
    { line: 3, code: 'bad_date' },
    { line: 6, code: 'timed_event' },
    { line: 8, code: 'missing_dtstart' },
    { line: 13, code: 'bad_dtend' },
    { line: 17, code: 'recurring_event' },
    { line: 19, code: 'bad_line' },
  ]);
  assert.deepEqual(issuesOf(() => parseIcsCalendar(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VCALENDAR'))), [{ line: 3, code: 'unbalanced_component' }]);
  assert.deepEqual(issuesOf(() => parseIcsCalendar(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101'))), [{ line: 3, code: 'unbalanced_component' }]);
  assert.deepEqual(issuesOf(() => parseIcsCalendar(ics(
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270103', 'SUMMARY:Holiday', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270102', 'SUMMARY:补班', 'END:VEVENT',
    'END:VCALENDAR',
  ))), [{ line: 8, code: 'holiday_and_working_day' }]);
  assert.deepEqual(issuesOf(() => parseIcsCalendar(ics(
    'BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'DURATION:P400D', 'END:VEVENT', 'END:VCALENDAR',
  ))), [{ line: 3, code: 'event_too_long' }]);
});

test('plain list: comments, blank lines, duplicates and sorting', () => {
  const text = '\uFEFF# Local holidays\n2026-03-04\n\n  2026-01-02  # trailing comment\r\n2026-03-04\n';
  assert.deepEqual(parseDateList(text), ['2026-01-02', '2026-03-04']);
  assert.deepEqual(parseDateList(''), []);
});

test('plain list: every bad line is reported with its number', () => {
  const text = ['2026-01-01', '2026-02-30', '# fine', '20260105', '2026-1-6', '', 'tomorrow'].join('\n');
  try {
    parseDateList(text);
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof CalendarImportError);
    assert.deepEqual(e.issues.map((i) => i.line), [2, 4, 5, 7]);
    assert.match(e.message, /^line 2: "2026-02-30" is not a valid YYYY-MM-DD date; line 4: /);
    assert.deepEqual(e.fields[0], { field: 'line 2', code: 'bad_date', message: '"2026-02-30" is not a valid YYYY-MM-DD date' });
  }
});
