import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendarDays, dayNumber, fromDayNumber, isIsoDate, weekdayOf } from './iso-date.js';
import { WorkingCalendar } from './working-calendar.js';

// A small calendar: 2025 only, with Christmas/Boxing Day 2025 as holidays and one made-up
// adjusted working day, Saturday 2025-12-20.
function cal(overrides?: ConstructorParameters<typeof WorkingCalendar>[0]['overrides']): WorkingCalendar {
  return new WorkingCalendar({
    id: 'test',
    holidays: ['2025-12-25', '2025-12-26'],
    workingDays: ['2025-12-20'],
    years: [2025],
    ...(overrides === undefined ? {} : { overrides }),
  });
}

test('iso dates: strict parsing and UTC arithmetic', () => {
  assert.equal(isIsoDate('2025-02-28'), true);
  assert.equal(isIsoDate('2025-02-29'), false);
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2025-2-1'), false);
  assert.equal(isIsoDate('2025-13-01'), false);
  assert.equal(weekdayOf(dayNumber('2025-01-01')), 3); // a Wednesday
  assert.equal(weekdayOf(dayNumber('1969-12-31')), 3); // negative day numbers too
  assert.equal(addCalendarDays('2025-03-30', 1), '2025-03-31'); // no DST shift anywhere
  assert.equal(fromDayNumber(dayNumber('2026-10-25')), '2026-10-25');
  assert.throws(() => dayNumber('2025-02-30'), { code: 'validation_failed' });
});

test('weekends, holidays and adjusted working days', () => {
  const c = cal();
  assert.equal(c.isWorkingDay('2025-12-19').value, true); // Friday
  assert.equal(c.isWorkingDay('2025-12-20').value, true); // adjusted Saturday
  assert.equal(c.isWorkingDay('2025-12-21').value, false); // Sunday
  assert.equal(c.isWorkingDay('2025-12-25').value, false); // holiday
  assert.deepEqual(c.describe('2025-12-20').value, { date: '2025-12-20', working: true, reason: 'adjusted_working_day' });
  assert.deepEqual(c.isWorkingDay('2025-12-19').warnings, []);
});

test('overrides win over the base data', () => {
  const c = cal({ holidays: ['2025-12-19', '2025-12-20'], workingDays: ['2025-12-25'] });
  assert.equal(c.describe('2025-12-19').value.reason, 'override_holiday');
  assert.equal(c.isWorkingDay('2025-12-20').value, false); // base adjusted day, overridden
  assert.equal(c.describe('2025-12-25').value.reason, 'override_working_day');
  // withOverrides adds to, and does not replace, existing overrides.
  const c2 = c.withOverrides({ holidays: ['2025-12-22'] });
  assert.equal(c2.isWorkingDay('2025-12-19').value, false);
  assert.equal(c2.isWorkingDay('2025-12-22').value, false);
});

test('contradictory data is refused', () => {
  assert.throws(() => new WorkingCalendar({ id: 'x', holidays: ['2025-01-01'], workingDays: ['2025-01-01'], years: [2025] }), { code: 'validation_failed' });
  assert.throws(() => cal({ holidays: ['2025-12-01'], workingDays: ['2025-12-01'] }), { code: 'validation_failed' });
  assert.throws(() => cal({ holidays: ['2025-12-32'] }), { code: 'validation_failed' });
});

test('addWorkingDays: day 0 is the start, result is the day the n-th working day is reached', () => {
  const c = cal();
  // From Wed 2025-12-17: Thu 18 (1), Fri 19 (2), Sat 20 adjusted (3), Mon 22 (4), Tue 23 (5),
  // Wed 24 (6), [25, 26 holidays, 27–28 weekend], Mon 29 (7).
  assert.equal(c.addWorkingDays('2025-12-17', 7).value, '2025-12-29');
  assert.equal(c.addWorkingDays('2025-12-17', 0).value, '2025-12-17');
  // A Sunday start behaves like the Saturday before it: Mon 22 is the 1st working day from both.
  assert.equal(c.addWorkingDays('2025-12-21', 1).value, '2025-12-22');
  assert.equal(c.nextWorkingDay('2025-12-24').value, '2025-12-29');
  assert.equal(c.rollForward('2025-12-24').value, '2025-12-24');
  assert.equal(c.rollForward('2025-12-25').value, '2025-12-29');
  assert.throws(() => c.addWorkingDays('2025-12-17', -1), { code: 'validation_failed' });
  assert.throws(() => c.addWorkingDays('2025-12-17', 1.5), { code: 'validation_failed' });
});

test('workingDaysBetween counts after a, up to and including b, and inverts addWorkingDays', () => {
  const c = cal();
  // After Wed 17 up to Mon 29: 18, 19, 20, 22, 23, 24, 29 = 7.
  assert.equal(c.workingDaysBetween('2025-12-17', '2025-12-29').value, 7);
  assert.equal(c.workingDaysBetween('2025-12-29', '2025-12-17').value, -7);
  assert.equal(c.workingDaysBetween('2025-12-25', '2025-12-28').value, 0);
  assert.equal(c.workingDaysBetween('2025-12-24', '2025-12-24').value, 0);
  for (let n = 0; n <= 12; n += 1) {
    assert.equal(c.workingDaysBetween('2025-12-10', c.addWorkingDays('2025-12-10', n).value).value, n);
  }
});

test('a year without data falls back to weekdays and always warns', () => {
  const c = cal();
  const r = c.addWorkingDays('2025-12-30', 3); // Wed 31 (1), Thu 2026-01-01 (2, no data!), Fri 2 (3)
  assert.equal(r.value, '2026-01-02');
  assert.deepEqual(r.warnings, [{ code: 'calendar_year_without_data', calendar: 'test', year: 2026 }]);
  assert.deepEqual(c.isWorkingDay('2024-06-03').warnings.map((w) => w.year), [2024]);
  assert.deepEqual(c.workingDaysBetween('2024-12-30', '2026-01-05').warnings.map((w) => w.year), [2024, 2026]);
  // An override in the year does not silence the warning; declaring the year complete does.
  assert.equal(cal({ holidays: ['2026-01-01'] }).isWorkingDay('2026-01-05').warnings.length, 1);
  const declared = cal({ holidays: ['2026-01-01'], years: [2026] });
  assert.deepEqual(declared.addWorkingDays('2025-12-30', 3), { value: '2026-01-05', warnings: [] });
  assert.equal(declared.hasDataFor(2026), true);
  assert.deepEqual(declared.years, [2025, 2026]);
});
