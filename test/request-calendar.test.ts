import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setCalendarOverride } from '../src/commands/calendars/set-override.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { application, beijing } from './helpers/requests.js';

describe('request deadlines follow the agency calendar overrides', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
  });
  after(async () => p.dispose());

  test("a city's extra local holiday moves the due date of its county's requests, not another city's", async () => {
    const d = p.app.deps;
    const t = await seedTree(d);
    const admin = await actorFor(d, await makeStaff(d, 'rc-admin', t.provA, 'admin'));
    const officer = await actorFor(d, await makeStaff(d, 'rc-officer', t.provA, 'request_officer'));
    // Received Mon 2026-03-02: 20 working days end on Mon 2026-03-30 (March 2026 has no holidays).
    p.clock.set(beijing('2026-03-02'));
    const before = await registerOffline(d, officer, t.county1.id, { ...application({ title: '节前收到的申请' }), channel: 'in_person' });
    const dueOf = async (id: string) => (await d.db.selectFrom('requests').select('due_date').where('id', '=', id).executeTakeFirstOrThrow()).due_date;
    assert.equal(await dueOf(before.requestId), '2026-03-30');
    // The city declares Fri 2026-03-13 a local holiday; a new request to its county counts it.
    await setCalendarOverride(d, admin, t.city.id, { calendar: 'cn', date: '2026-03-13', kind: 'holiday', note: '本市地方性假日' });
    const after1 = await registerOffline(d, officer, t.county1.id, { ...application({ title: '地方假日后收到的申请', id_number: '110101199003070038' }), channel: 'in_person' });
    assert.equal(await dueOf(after1.requestId), '2026-03-31');
    const elsewhere = await registerOffline(d, officer, t.provA.id, { ...application({ title: '省级机关收到的申请', id_number: '110101199003070054' }), channel: 'in_person' });
    assert.equal(await dueOf(elsewhere.requestId), '2026-03-30', 'the province above the city is not affected');
  });
});
