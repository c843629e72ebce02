import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, type StaffClient } from './helpers/http.js';
import { application, beijing } from './helpers/requests.js';

/**
 * The authorisation matrix for requests at county D: its officer and the city's officer (above)
 * handle; county E's and province B's officers do not learn the request exists (404); the city's
 * supervisor and county D's editor read but cannot handle (403).
 */
describe('authorisation matrix: requests', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  const who: Record<string, StaffClient> = {};
  before(async () => {
    p = await buildApp();
    p.clock.set(beijing('2026-03-02'));
    t = await seedTree(p.app.deps);
    const staff: [string, keyof typeof t, 'request_officer' | 'supervisor' | 'editor' | 'admin'][] = [
      ['d-officer', 'county1', 'request_officer'],
      ['c-officer', 'city', 'request_officer'],
      ['e-officer', 'county2', 'request_officer'],
      ['b-officer', 'provB', 'request_officer'],
      ['c-supervisor', 'city', 'supervisor'],
      ['d-editor', 'county1', 'editor'],
    ];
    for (const [name, at, role] of staff) {
      await makeStaff(p.app.deps, name, t[at], role);
      who[name] = await apiLogin(p.server, name, PASSWORD);
    }
  });
  after(async () => p.dispose());

  const as = (name: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const c = who[name];
    assert.ok(c, name);
    return p.server.inject({ method, url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, ...(payload ? { payload } : {}) });
  };
  const expect = async (cases: [string, number][], call: (name: string) => ReturnType<typeof as>) => {
    const got: [string, number][] = [];
    for (const [name] of cases) got.push([name, (await call(name)).statusCode]);
    assert.deepEqual(got, cases);
  };
  const offline = (n: string) => ({ agency_code: t.county1.code, ...application({ title: `矩阵测试申请 ${n}` }), channel: 'in_person' });

  test('registering at county D: its officers only', async () => {
    await expect(
      [['e-officer', 403], ['b-officer', 403], ['c-supervisor', 403], ['d-editor', 403], ['d-officer', 201], ['c-officer', 201]],
      (n) => as(n, 'POST', '/api/v1/requests/offline', offline(n)),
    );
  });

  test('reading and handling a county D request', async () => {
    const created = await as('d-officer', 'POST', '/api/v1/requests/offline', offline('x'));
    const id = (created.json() as { id: string }).id;
    const url = `/api/v1/requests/${id}`;
    await expect([['d-officer', 200], ['c-officer', 200], ['c-supervisor', 200], ['d-editor', 200], ['e-officer', 404], ['b-officer', 404]], (n) => as(n, 'GET', url));
    await expect([['c-supervisor', 403], ['d-editor', 403], ['e-officer', 404], ['b-officer', 404], ['c-officer', 200]], (n) => as(n, 'POST', `${url}/take`, {}));
    await expect([['c-supervisor', 403], ['d-editor', 403], ['e-officer', 404], ['d-officer', 200]], (n) => as(n, 'POST', `${url}/extend`, { days: 10, approver: '李主任', reason: '矩阵' }));
    await expect([['c-supervisor', 403], ['d-editor', 403], ['b-officer', 404], ['d-officer', 200]], (n) => as(n, 'POST', `${url}/reply`, { outcome: 'disclosed', text: '予以公开。' }));
    await expect([['c-supervisor', 403], ['d-editor', 403], ['e-officer', 404], ['d-officer', 200]], (n) => as(n, 'POST', `${url}/appeals`, { kind: 'reconsideration', filed_on: '2026-03-02' }));
    await expect([['c-supervisor', 403], ['e-officer', 404], ['c-officer', 200]], (n) => as(n, 'POST', `${url}/close`, {}));
  });

  test('lists and the supervisor overview follow the scopes', async () => {
    const count = async (n: string) => ((await as(n, 'GET', '/api/v1/requests?view=all')).json() as { items: unknown[] }).items.length;
    assert.ok((await count('d-officer')) >= 3);
    assert.equal(await count('c-supervisor'), await count('d-officer'));
    assert.equal(await count('e-officer'), 0);
    assert.equal(await count('b-officer'), 0);
    await expect([['c-supervisor', 200], ['d-officer', 403], ['d-editor', 403]], (n) => as(n, 'GET', '/api/v1/requests/overview'));
    const ov = (await as('c-supervisor', 'GET', '/api/v1/requests/overview')).json() as { totals: { open: number } };
    assert.equal(ov.totals.open, 2, 'the two registered requests still open');
  });
});
