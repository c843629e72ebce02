import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHINA_CALENDAR_DATA, chinaCalendar } from './china.js';
import { addCalendarDays, dayNumber, weekdayOf } from './iso-date.js';

/** Expands inclusive ranges written as [first, last]. */
function days(...ranges: [string, string][]): string[] {
  const out: string[] = [];
  for (const [a, b] of ranges) for (let d = a; d <= b; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

// DOMAIN.md §2, transcribed by hand from the State Council's schedules.
const DOMAIN_2025 = {
  holidays: days(
    ['2025-01-01', '2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'],
    ['2025-05-01', '2025-05-05'], ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08'],
  ),
  working: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};
const DOMAIN_2026 = {
  holidays: days(
    ['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'],
    ['2026-05-01', '2026-05-05'], ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'],
    ['2026-10-01', '2026-10-07'],
  ),
  working: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

const YEARS: [number, { holidays: string[]; working: string[] }][] = [[2025, DOMAIN_2025], [2026, DOMAIN_2026]];
for (const [year, spec] of YEARS) {
  test(`chinese-days agrees with DOMAIN.md §2 on every day of ${year}`, () => {
    const cal = chinaCalendar();
    const holidays = new Set(spec.holidays);
    const working = new Set(spec.working);
    // The adjusted working days named in DOMAIN.md really are weekend days.
    for (const d of working) assert.ok([0, 6].includes(weekdayOf(dayNumber(d))), d);
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addCalendarDays(d, 1)) {
      const weekend = [0, 6].includes(weekdayOf(dayNumber(d)));
      const expected = working.has(d) || (!weekend && !holidays.has(d));
      const got = cal.isWorkingDay(d);
      assert.equal(got.value, expected, d);
      assert.deepEqual(got.warnings, [], d);
    }
    assert.deepEqual(CHINA_CALENDAR_DATA.holidays.filter((d) => d.startsWith(`${year}-`)), spec.holidays);
    assert.deepEqual(CHINA_CALENDAR_DATA.workingDays.filter((d) => d.startsWith(`${year}-`)), spec.working);
  });
}

test('the China calendar covers 2004–2026 and warns for 2027 and 2003', () => {
  const cal = chinaCalendar();
  assert.equal(cal.hasDataFor(2004), true);
  assert.equal(cal.hasDataFor(2026), true);
  assert.equal(cal.hasDataFor(2027), false);
  // 2027-01-01 is a Friday; without data it is (wrongly, probably) a working day, and says so.
  const r = cal.isWorkingDay('2027-01-01');
  assert.equal(r.value, true);
  assert.deepEqual(r.warnings, [{ code: 'calendar_year_without_data', calendar: 'cn', year: 2027 }]);
  assert.deepEqual(cal.isWorkingDay('2003-06-02').warnings.map((w) => w.year), [2003]);
});

test('admin overrides: a local holiday and a declared 2027 schedule', () => {
  // A local holiday on Wed 2026-03-04 pushes a 1-working-day period from Tue 03-03 to Thu 03-05.
  const local = chinaCalendar({ holidays: ['2026-03-04'] });
  assert.equal(local.addWorkingDays('2026-03-03', 1).value, '2026-03-05');
  assert.equal(chinaCalendar().addWorkingDays('2026-03-03', 1).value, '2026-03-04');
  const imported = chinaCalendar({ holidays: ['2027-01-01'], years: [2027] });
  assert.deepEqual(imported.isWorkingDay('2027-01-01'), { value: false, warnings: [] });
});
