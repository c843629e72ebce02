import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR, type Actor } from '../src/commands/actor.js';
import { importCalendarOverrides } from '../src/commands/calendars/import-overrides.js';
import { removeCalendarOverride } from '../src/commands/calendars/remove-override.js';
import { setCalendarYearComplete } from '../src/commands/calendars/set-complete-year.js';
import { setCalendarOverride } from '../src/commands/calendars/set-override.js';
import { computeDeadlines } from '../src/domain/calendar/deadline.js';
import { REGIMES } from '../src/domain/calendar/regimes.js';
import { AppError } from '../src/domain/errors.js';
import { calendarForAgency, mergeOverrides } from '../src/queries/calendars.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, csrfFromHtml, form, multipart, type StaffClient } from './helpers/http.js';

const dialect = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

describe(`calendar overrides per jurisdiction [${dialect}]`, () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let cityAdmin: Actor;
  let countyAdmin: Actor;
  let cityEditor: Actor;
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    cityAdmin = await actorFor(d, await makeStaff(d, 'cal-admin', t.city, 'admin'));
    countyAdmin = await actorFor(d, await makeStaff(d, 'cal-county', t.county1, 'admin'));
    cityEditor = await actorFor(d, await makeStaff(d, 'cal-editor', t.city, 'editor'));
  });
  after(async () => p.dispose());

  const working = async (agencyId: string, date: string) => (await calendarForAgency(p.app.deps, agencyId)).isWorkingDay(date).value;

  test('mergeOverrides: the nearest agency wins on a date; complete years are the union', () => {
    const m = mergeOverrides(['a', 'b', 'c'], [
      { agency_id: 'c', date: '2025-03-10', kind: 'working_day' },
      { agency_id: 'a', date: '2025-03-10', kind: 'holiday' },
      { agency_id: 'b', date: '2025-03-11', kind: 'holiday' },
      { agency_id: 'x', date: '2025-03-12', kind: 'holiday' },
    ], [{ year: 2027 }, { year: 2027 }]);
    assert.deepEqual([...(m.holidays ?? [])], ['2025-03-11']);
    assert.deepEqual([...(m.workingDays ?? [])], ['2025-03-10']);
    assert.deepEqual([...(m.years ?? [])], [2027]);
  });

  test('only admins of the agency or above may change it; editors and neighbours are refused', async () => {
    const d = p.app.deps;
    const input = { calendar: 'cn', date: '2025-03-10', kind: 'holiday', note: '' };
    await assert.rejects(setCalendarOverride(d, cityEditor, t.city.id, input), (e: unknown) => e instanceof AppError && e.code === 'forbidden');
    await assert.rejects(setCalendarOverride(d, countyAdmin, t.city.id, input), (e: unknown) => e instanceof AppError && e.code === 'forbidden');
    await assert.rejects(setCalendarOverride(d, countyAdmin, t.county2.id, input), (e: unknown) => e instanceof AppError && e.code === 'forbidden');
    await assert.rejects(setCalendarOverride(d, cityAdmin, t.city.id, { ...input, date: '2025-02-30', kind: 'party' }), (e: unknown) => e instanceof AppError && e.kind === 'invalid' && e.fields.some((f) => f.field === 'date') && e.fields.some((f) => f.field === 'kind'));
  });

  test('overrides apply to the subtree; the nearest agency wins; siblings and other provinces are untouched', async () => {
    const d = p.app.deps;
    // Monday 2025-03-10: a city holiday; county D makes it a working day again for its subtree.
    await setCalendarOverride(d, cityAdmin, t.city.id, { calendar: 'cn', date: '2025-03-10', kind: 'holiday', note: '丙市地方节日' });
    await setCalendarOverride(d, countyAdmin, t.county1.id, { calendar: 'cn', date: '2025-03-10', kind: 'working_day', note: '丁县照常上班' });
    // Saturday 2025-03-15: a working day for the whole province.
    await setCalendarOverride(d, SYSTEM_ACTOR, t.provA.id, { calendar: 'cn', date: '2025-03-15', kind: 'working_day', note: '' });
    assert.equal(await working(t.city.id, '2025-03-10'), false);
    assert.equal(await working(t.county2.id, '2025-03-10'), false, 'inherited from the city');
    assert.equal(await working(t.county1.id, '2025-03-10'), true, 'the county overrides the city');
    assert.equal(await working(t.dept1.id, '2025-03-10'), true, 'the department inherits from the county');
    assert.equal(await working(t.provB.id, '2025-03-10'), true, 'another province is untouched');
    assert.equal(await working(t.dept1.id, '2025-03-15'), true, 'the province reaches the department');
    assert.equal(await working(t.provB.id, '2025-03-15'), false);
    // The same request, received Friday 2025-03-07, is due on different days. Province B:
    // Mar 10–14 (5), 17–21 (10), 24–28 (15), Mar 31–Apr 3 (19), Apr 4–6 Qingming, Apr 7 (20).
    // County E loses Mon 10 and gains Sat 15: the same day. County D's department keeps Mon 10 and
    // gains Sat 15: one day earlier.
    const due = async (agencyId: string) => computeDeadlines({ regime: REGIMES['cn-ogi'], calendar: await calendarForAgency(d, agencyId), events: [{ type: 'received', date: '2025-03-07' }], today: '2025-03-07' }).dueDate;
    assert.equal(await due(t.provB.id), '2025-04-07');
    assert.equal(await due(t.county2.id), '2025-04-07');
    assert.equal(await due(t.dept1.id), '2025-04-03');
    // Saying it again replaces; removing goes back to the parent's setting.
    const again = await setCalendarOverride(d, countyAdmin, t.county1.id, { calendar: 'cn', date: '2025-03-10', kind: 'working_day', note: '修改说明' });
    assert.equal(again.note, '修改说明');
    await assert.rejects(removeCalendarOverride(d, countyAdmin, t.city.id, again.id), (e: unknown) => e instanceof AppError && e.code === 'forbidden');
    await removeCalendarOverride(d, countyAdmin, t.county1.id, again.id);
    assert.equal(await working(t.dept1.id, '2025-03-10'), false, 'the city holiday applies again');
    const audit = await d.db.selectFrom('audit_log').select(['action', 'agency_id', 'actor_username']).where('target_type', '=', 'calendar').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['calendar.override.set', 'calendar.override.set', 'calendar.override.set', 'calendar.override.set', 'calendar.override.remove']);
    assert.equal(audit[1]?.actor_username, 'cal-county');
  });

  test('imports: date lists and iCalendar, all or nothing with line numbers, complete years silence the warning', async () => {
    const d = p.app.deps;
    const base = { calendar: 'cn', kind: 'holiday', note: '', completeYears: false };
    await assert.rejects(
      importCalendarOverrides(d, cityAdmin, t.county2.id, { ...base, format: 'dates', text: '2025-04-07\n2025-04-31\n\nnot a date\n' }),
      (e: unknown) => e instanceof AppError && e.fields.map((f) => f.field).join() === 'line 2,line 4',
    );
    assert.equal(await working(t.county2.id, '2025-04-07'), true, 'nothing was imported');
    const r = await importCalendarOverrides(d, cityAdmin, t.county2.id, { ...base, format: 'dates', text: '# local\n2025-04-07\n2025-04-08 # two days\n' });
    assert.deepEqual({ added: r.added, replaced: r.replaced }, { added: 2, replaced: 0 });
    assert.equal(await working(t.county2.id, '2025-04-08'), false);
    // 2027 is not in chinese-days: import the (fictional) Spring Festival block and declare it complete.
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270205', 'DTEND;VALUE=DATE:20270212', 'SUMMARY:春节', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270213', 'SUMMARY:春节补班', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const before2027 = await calendarForAgency(d, t.county2.id);
    assert.equal(before2027.isWorkingDay('2027-02-08').warnings.length, 1);
    const ir = await importCalendarOverrides(d, cityAdmin, t.county2.id, { ...base, format: 'ics', text: ics, completeYears: true });
    assert.deepEqual({ holidays: ir.holidays, workingDays: ir.workingDays, years: ir.years }, { holidays: 7, workingDays: 1, years: [2027] });
    const cal = await calendarForAgency(d, t.county2.id);
    assert.deepEqual(cal.isWorkingDay('2027-02-08'), { value: false, warnings: [] });
    assert.deepEqual(cal.isWorkingDay('2027-02-13'), { value: true, warnings: [] });
    assert.equal((await calendarForAgency(d, t.county1.id)).isWorkingDay('2027-02-08').warnings.length, 1, 'a sibling still warns');
    await setCalendarYearComplete(d, cityAdmin, t.county2.id, { calendar: 'cn', year: 2027, complete: false });
    assert.equal((await calendarForAgency(d, t.county2.id)).isWorkingDay('2027-02-08').warnings.length, 1);
    await assert.rejects(importCalendarOverrides(d, cityAdmin, t.county2.id, { ...base, format: 'ics', text: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270205T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' }), (e: unknown) => e instanceof AppError && e.fields[0]?.code === 'timed_event' && e.fields[0].field === 'line 3');
    const imports = await d.db.selectFrom('audit_log').select('action').where('action', '=', 'calendar.import').execute();
    assert.equal(imports.length, 2, 'refused imports leave no audit record');
  });

  describe('console', () => {
    let admin: StaffClient;
    let editor: StaffClient;
    before(async () => {
      admin = await apiLogin(p.server, 'cal-admin', PASSWORD);
      editor = await apiLogin(p.server, 'cal-editor', PASSWORD);
    });
    const get = (who: StaffClient | null, url: string) => p.server.inject({ url, headers: who ? { cookie: who.cookie } : {} });
    const post = (who: StaffClient, url: string, data: Record<string, string>) =>
      p.server.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: who.csrf, ...data }) });

    test('signed out → log-in; editors read without forms; forms without the token are refused', async () => {
      assert.equal((await get(null, '/admin/calendars')).statusCode, 303);
      const page = await get(editor, `/admin/calendars/${t.city.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /丙市地方节日/);
      assert.doesNotMatch(page.body, /enctype="multipart\/form-data"/);
      assert.equal((await post(editor, `/admin/calendars/${t.city.id}/overrides`, { calendar: 'cn', date: '2025-05-06', kind: 'holiday', note: '' })).statusCode, 403);
      const noToken = await p.server.inject({ method: 'POST', url: `/admin/calendars/${t.city.id}/overrides`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ calendar: 'cn', date: '2025-05-06', kind: 'holiday' }) });
      assert.equal(noToken.statusCode, 403);
    });

    test('admins add, see inherited and shadowed days, import a paste or a file with line errors', async () => {
      const index = await get(admin, '/admin/calendars');
      assert.equal(index.statusCode, 200);
      assert.match(index.body, /丁县/);
      const bad = await post(admin, `/admin/calendars/${t.city.id}/overrides`, { calendar: 'cn', date: '2025-13-01', kind: 'holiday', note: '保留' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#f-date"/);
      assert.match(bad.body, /value="保留"/);
      const ok = await post(admin, `/admin/calendars/${t.city.id}/overrides`, { calendar: 'cn', date: '2025-05-06', kind: 'holiday', note: '五一延长' });
      assert.equal(ok.statusCode, 303);
      const county = await get(admin, String(ok.headers.location).replace(t.city.id, t.county1.id));
      assert.match(county.body, /五一延长/, 'the county sees the city day as inherited');
      const pageHtml = (await get(admin, `/admin/calendars/${t.county1.id}`)).body;
      const csrf = csrfFromHtml(pageHtml);
      const pasted = multipart({ _csrf: csrf, calendar: 'cn', format: 'dates', import_kind: 'holiday', import_note: '', text: '2025-06-03\n2025-06-31\n' }, { filename: '', content: '' });
      const refused = await p.server.inject({ method: 'POST', url: `/admin/calendars/${t.county1.id}/import`, headers: { cookie: admin.cookie, ...pasted.headers }, payload: pasted.payload });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /第 2 行/);
      assert.match(refused.body, /<code>2025-06-31<\/code>/);
      const file = multipart({ _csrf: csrf, calendar: 'cn', format: 'dates', import_kind: 'working_day', import_note: '调整', text: '' }, { filename: 'days.txt', content: '2025-06-07\n2025-06-08\n' });
      const imported = await p.server.inject({ method: 'POST', url: `/admin/calendars/${t.county1.id}/import`, headers: { cookie: admin.cookie, ...file.headers }, payload: file.payload });
      assert.equal(imported.statusCode, 303, imported.body);
      assert.match(String(imported.headers.location), /added=2/);
      assert.equal(await working(t.dept1.id, '2025-06-07'), true);
      const noToken = multipart({ calendar: 'cn', format: 'dates', import_kind: 'holiday', text: '2025-06-09' }, { filename: '', content: '' });
      assert.equal((await p.server.inject({ method: 'POST', url: `/admin/calendars/${t.county1.id}/import`, headers: { cookie: admin.cookie, ...noToken.headers }, payload: noToken.payload })).statusCode, 403);
      const year = await post(admin, `/admin/calendars/${t.county1.id}/years`, { calendar: 'cn', year: '2027', year_note: '' });
      assert.equal(year.statusCode, 303);
      assert.equal((await calendarForAgency(p.app.deps, t.dept1.id)).hasDataFor(2027), true);
    });
  });
});
