import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALENDAR_IDS, calendarFor, UK_ENGLAND_BANK_HOLIDAYS, US_FEDERAL_HOLIDAYS } from './calendars.js';
import { dayNumber, weekdayOf } from './iso-date.js';
import { REGIMES } from './regimes.js';

const weekday = (d: string): number => weekdayOf(dayNumber(d));

test('every regime names a built-in calendar', () => {
  for (const r of Object.values(REGIMES)) {
    assert.ok(CALENDAR_IDS.includes(r.calendar), r.id);
    assert.equal(calendarFor(r.calendar).id, r.calendar);
  }
  assert.deepEqual(
    Object.values(REGIMES).map((r) => [r.id, r.replyDays, r.extension?.maxDays ?? 0]),
    [['cn-ogi', 20, 20], ['uk-foia', 20, 0], ['us-foia', 20, 10], ['eu-1049', 15, 15]],
  );
});

test('UK bank holidays fall where their rules put them', () => {
  for (const year of [2025, 2026]) {
    const [newYear, goodFriday, easterMonday, earlyMay, spring, summer, christmas, boxing] = UK_ENGLAND_BANK_HOLIDAYS[year] ?? [];
    assert.equal(newYear, `${year}-01-01`);
    assert.equal(weekday(goodFriday ?? ''), 5);
    assert.equal(dayNumber(easterMonday ?? '') - dayNumber(goodFriday ?? ''), 3);
    for (const d of [earlyMay, spring, summer, easterMonday]) assert.equal(weekday(d ?? ''), 1, d);
    assert.ok((earlyMay ?? '') <= `${year}-05-07`); // first Monday of May
    assert.ok((spring ?? '') >= `${year}-05-25`); // last Monday of May
    assert.ok((summer ?? '') >= `${year}-08-25`); // last Monday of August
    assert.equal(christmas, `${year}-12-25`);
    assert.ok(boxing === `${year}-12-26` || weekday(boxing ?? '') === 1, boxing); // substitute Monday
  }
  const uk = calendarFor('uk-england');
  assert.deepEqual(uk.isWorkingDay('2026-12-28'), { value: false, warnings: [] });
});

test('US federal holidays fall on observed weekdays', () => {
  for (const year of [2025, 2026]) {
    const days = US_FEDERAL_HOLIDAYS[year] ?? [];
    assert.equal(days.length, 11);
    for (const d of days) assert.ok(weekday(d) >= 1 && weekday(d) <= 5, d);
    // MLK, Washington, Memorial, Labor, Columbus are Mondays; Thanksgiving a Thursday.
    for (const i of [1, 2, 3, 6, 7]) assert.equal(weekday(days[i] ?? ''), 1, days[i]);
    assert.equal(weekday(days[9] ?? ''), 4);
  }
});

test('the EU calendar has no data and says so on every date', () => {
  const eu = calendarFor('eu');
  const r = eu.addWorkingDays('2026-05-04', 15);
  assert.equal(r.value, '2026-05-25'); // weekdays only: 5–8 (4), 11–15 (9), 18–22 (14), Mon 25 (15)
  assert.deepEqual(r.warnings, [{ code: 'calendar_year_without_data', calendar: 'eu', year: 2026 }]);
});
