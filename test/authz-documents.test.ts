import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, type StaffClient } from './helpers/http.js';

/**
 * The authorisation matrix for documents: who may draft, read, save, review and withdraw a
 * document of county D. Grants: editors at county D and county E, a reviewer and a supervisor at
 * the city above both, admins of province A (above) and province B (elsewhere).
 */
describe('authorisation matrix: documents', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  const who: Record<string, StaffClient> = {};
  const draft = { title: '矩阵测试文件', genre: 'notices', theme_code: 'other', date_formed: '2026-02-27', summary: '测试' };
  before(async () => {
    p = await buildApp();
    t = await seedTree(p.app.deps);
    const staff: [string, keyof typeof t, 'editor' | 'reviewer' | 'supervisor' | 'admin'][] = [
      ['d-editor', 'county1', 'editor'],
      ['e-editor', 'county2', 'editor'],
      ['c-reviewer', 'city', 'reviewer'],
      ['c-supervisor', 'city', 'supervisor'],
      ['a-admin', 'provA', 'admin'],
      ['b-admin', 'provB', 'admin'],
    ];
    for (const [name, at, role] of staff) {
      await makeStaff(p.app.deps, name, t[at], role);
      who[name] = await apiLogin(p.server, name, PASSWORD);
    }
  });
  after(async () => p.dispose());

  const as = (name: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) => {
    const c = who[name];
    assert.ok(c, name);
    return p.server.inject({ method, url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, ...(payload ? { payload } : {}) });
  };
  const expect = async (cases: [string, number][], call: (name: string) => ReturnType<typeof as>) => {
    const got: [string, number][] = [];
    for (const [name] of cases) got.push([name, (await call(name)).statusCode]);
    assert.deepEqual(got, cases);
  };

  test('drafting at county D: only its editor', async () => {
    await expect(
      [['e-editor', 403], ['c-reviewer', 403], ['c-supervisor', 403], ['a-admin', 403], ['b-admin', 403], ['d-editor', 201]],
      (n) => as(n, 'POST', '/api/v1/drafts', { agency_code: t.county1.code, ...draft, title: `${draft.title} ${n}` }),
    );
  });

  test('reading, saving, reviewing and withdrawing a county D document', async () => {
    const created = await as('d-editor', 'POST', '/api/v1/drafts', { agency_code: t.county1.code, ...draft });
    const rev = created.json() as { revision_id: string; version: number };
    const url = `/api/v1/drafts/${rev.revision_id}`;
    // Drafts are not public: staff outside the subtree do not learn they exist.
    await expect([['d-editor', 200], ['c-reviewer', 200], ['c-supervisor', 200], ['a-admin', 200], ['e-editor', 404], ['b-admin', 404]], (n) => as(n, 'GET', url));
    await expect([['e-editor', 403], ['c-reviewer', 403], ['c-supervisor', 403], ['a-admin', 403], ['b-admin', 403]], (n) => as(n, 'PATCH', url, { version: rev.version, ...draft, summary: n }));
    assert.equal((await as('d-editor', 'POST', `${url}/submit`, { version: rev.version })).statusCode, 200);
    await expect([['d-editor', 403], ['e-editor', 403], ['c-supervisor', 403], ['a-admin', 403], ['b-admin', 403], ['c-reviewer', 200]], (n) => as(n, 'POST', `${url}/review`, { stage: 'confidentiality', decision: 'pass' }));
    const pub = await as('c-reviewer', 'POST', `${url}/review`, { stage: 'approval', decision: 'pass' });
    const index = (pub.json() as { index_number: string }).index_number;
    await expect([['d-editor', 403], ['c-supervisor', 403], ['a-admin', 403], ['b-admin', 403], ['e-editor', 403]], (n) => as(n, 'POST', `/api/v1/documents/${index}/withdraw`, { reason: '矩阵测试撤回' }));
    await expect([['c-supervisor', 403], ['b-admin', 403], ['e-editor', 403], ['d-editor', 201]], (n) => as(n, 'POST', `/api/v1/documents/${index}/corrections`));
    await expect([['c-reviewer', 204]], (n) => as(n, 'POST', `/api/v1/documents/${index}/withdraw`, { reason: '矩阵测试撤回' }));
  });

  test('the console applies the same rules', async () => {
    const list = await as('b-admin', 'GET', '/admin/documents?view=published');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /矩阵测试文件/, 'another province sees none of these documents');
    const own = await as('c-supervisor', 'GET', '/admin/documents?view=published');
    assert.match(own.body, /矩阵测试文件/);
    assert.doesNotMatch(own.body, /起草新文件/, 'a supervisor is not offered drafting');
  });
});
