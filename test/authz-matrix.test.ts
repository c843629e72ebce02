import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, nextCode, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, csrfFromHtml, form, type StaffClient } from './helpers/http.js';

describe('authorisation matrix', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  const who: Record<string, StaffClient> = {};
  let bStaffId = '';

  before(async () => {
    p = await buildApp();
    t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'd-editor', t.county1, 'editor');
    await makeStaff(p.app.deps, 'e-editor', t.county2, 'editor');
    await makeStaff(p.app.deps, 'c-supervisor', t.city, 'supervisor');
    await makeStaff(p.app.deps, 'a-admin', t.provA, 'admin');
    const b = await makeStaff(p.app.deps, 'b-admin', t.provB, 'admin');
    bStaffId = b.id;
    for (const u of ['d-editor', 'c-supervisor', 'a-admin', 'b-admin']) who[u] = await apiLogin(p.server, u, PASSWORD);
  });
  after(async () => p.dispose());

  const patch = (c: StaffClient, code: string, body: Record<string, unknown>) =>
    p.server.inject({ method: 'PATCH', url: `/api/v1/agencies/${code}`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body });
  const version = async (code: string) => (await p.app.deps.db.selectFrom('agencies').select('version').where('code', '=', code).executeTakeFirstOrThrow()).version;

  test("a county editor edits its own county's guide details", async () => {
    const c = who['d-editor'];
    assert.ok(c);
    const res = await patch(c, t.county1.code, { version: await version(t.county1.code), phone: '0990-1112223' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().office.phone, '0990-1112223');
  });

  test("a county editor gets 403 on another county's records (API and console)", async () => {
    const c = who['d-editor'];
    assert.ok(c);
    const res = await patch(c, t.county2.code, { version: await version(t.county2.code), phone: '0990-9999999' });
    assert.equal(res.statusCode, 403);
    const page = await p.server.inject({ url: `/admin/agencies/${t.county2.id}`, headers: { cookie: c.cookie } });
    assert.equal(page.statusCode, 403);
    const unchanged = await p.server.inject({ url: `/api/v1/agencies/${t.county2.code}` });
    assert.equal(unchanged.json().office.phone, '0990-1234567');
  });

  test('an editor may not rename its own agency (a rename needs an admin)', async () => {
    const c = who['d-editor'];
    assert.ok(c);
    const res = await patch(c, t.county1.code, { version: await version(t.county1.code), name_zh: '改名县' });
    assert.equal(res.statusCode, 403);
  });

  test('a city supervisor reads both of its counties but can edit neither', async () => {
    const c = who['c-supervisor'];
    assert.ok(c);
    for (const county of [t.county1, t.county2]) {
      const page: LightMyRequestResponse = await p.server.inject({ url: `/admin/agencies/${county.id}`, headers: { cookie: c.cookie } });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, new RegExp(`action="/admin/agencies/${county.id}"`), 'no edit form is offered');
      const res = await patch(c, county.code, { version: await version(county.code), phone: '0990-0000000' });
      assert.equal(res.statusCode, 403);
      const formPost: LightMyRequestResponse = await p.server.inject({
        method: 'POST',
        url: `/admin/agencies/${county.id}`,
        headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: csrfFromHtml(page.body), version: String(await version(county.code)), phone: '0990-0000000' }),
      });
      assert.equal(formPost.statusCode, 403);
    }
    const list = await p.server.inject({ url: '/admin/agencies', headers: { cookie: c.cookie } });
    assert.match(list.body, /丁县/);
    assert.match(list.body, /戊县/);
    assert.doesNotMatch(list.body, /乙省/, 'nothing outside the city');
  });

  test("an admin of one province cannot see another province's staff", async () => {
    const a = who['a-admin'];
    assert.ok(a);
    const list = await p.server.inject({ url: '/api/v1/staff', headers: { cookie: a.cookie } });
    assert.equal(list.statusCode, 200);
    const names = (list.json().items as { username: string }[]).map((i) => i.username).sort();
    assert.deepEqual(names, ['a-admin', 'c-supervisor', 'd-editor', 'e-editor']);
    const page = await p.server.inject({ url: '/admin/staff', headers: { cookie: a.cookie } });
    assert.doesNotMatch(page.body, /b-admin/);
    const direct = await p.server.inject({ url: `/admin/staff/${bStaffId}`, headers: { cookie: a.cookie } });
    assert.equal(direct.statusCode, 404);
    const b = who['b-admin'];
    assert.ok(b);
    const bList = await p.server.inject({ url: '/api/v1/staff', headers: { cookie: b.cookie } });
    assert.deepEqual((bList.json().items as { username: string }[]).map((i) => i.username), ['b-admin']);
  });

  test('an admin cannot create agencies outside its province; an editor cannot create any', async () => {
    const a = who['a-admin'];
    const d = who['d-editor'];
    assert.ok(a && d);
    const body = (parent: string) => ({ code: nextCode(), parent_code: parent, level: 'department', name_zh: '新局', name_en: 'New bureau' });
    const own = await p.server.inject({ method: 'POST', url: '/api/v1/agencies', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf }, payload: body(t.county2.code) });
    assert.equal(own.statusCode, 201, own.body);
    const other = await p.server.inject({ method: 'POST', url: '/api/v1/agencies', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf }, payload: body(t.provB.code) });
    assert.equal(other.statusCode, 403);
    const ed = await p.server.inject({ method: 'POST', url: '/api/v1/agencies', headers: { cookie: d.cookie, 'x-csrf-token': d.csrf }, payload: body(t.county1.code) });
    assert.equal(ed.statusCode, 403);
  });

  test('only admins read the audit trail, and only within their scope', async () => {
    const d = who['d-editor'];
    const a = who['a-admin'];
    const b = who['b-admin'];
    assert.ok(d && a && b);
    assert.equal((await p.server.inject({ url: '/admin/audit', headers: { cookie: d.cookie } })).statusCode, 403);
    const aPage = await p.server.inject({ url: '/admin/audit', headers: { cookie: a.cookie } });
    assert.equal(aPage.statusCode, 200);
    assert.match(aPage.body, /agency\.update/);
    const bPage = await p.server.inject({ url: '/admin/audit', headers: { cookie: b.cookie } });
    assert.doesNotMatch(bPage.body, /agency\.update/, "province A's edits are not in province B's trail");
  });
});
