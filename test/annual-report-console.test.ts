import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, form, type StaffClient } from './helpers/http.js';
import { application, beijing } from './helpers/requests.js';

/** The annual report in the console: sign-in, scope, drafting, a correction that blocks submission, exports. */
describe('console: /admin/reports', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let editor: StaffClient;
  let reviewer: StaffClient;
  let outsider: StaffClient;
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    await makeStaff(d, 'arc-editor', t.county1, 'editor');
    await makeStaff(d, 'arc-reviewer', t.county1, 'reviewer');
    await makeStaff(d, 'arc-outsider', t.county2, 'editor');
    const officer: Actor = await actorFor(d, await makeStaff(d, 'arc-officer', t.county1, 'request_officer'));
    p.clock.set(beijing('2025-05-06'));
    const r = await registerOffline(d, officer, t.county1.id, { ...application(), channel: 'in_person' });
    p.clock.set(beijing('2025-05-12'));
    await replyToRequest(d, officer, r.requestId, { outcome: 'disclosed', text: '予以公开。' });
    p.clock.set(beijing('2026-01-10'));
    editor = await apiLogin(p.server, 'arc-editor', PASSWORD);
    reviewer = await apiLogin(p.server, 'arc-reviewer', PASSWORD);
    outsider = await apiLogin(p.server, 'arc-outsider', PASSWORD);
  });
  after(async () => p.dispose());
  const base = () => `/admin/reports/${t.county1.id}/2025`;
  const get = (who: StaffClient | null, url: string) => p.server.inject({ url, headers: who ? { cookie: who.cookie } : {} });
  const post = (who: StaffClient, url: string, data: Record<string, string>, csrf = who.csrf) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: csrf, ...data }) });

  test('signed out → log-in; out of scope → forbidden; without the token → refused; a reviewer reads without forms', async () => {
    assert.equal((await get(null, '/admin/reports')).statusCode, 303);
    assert.equal((await get(null, base())).statusCode, 303);
    assert.equal((await get(outsider, base())).statusCode, 403);
    assert.equal((await post(editor, `${base()}/sections`, { section1: 'x' }, 'wrong')).statusCode, 403);
    const r = await get(reviewer, base());
    assert.equal(r.statusCode, 200);
    assert.doesNotMatch(r.body, /action="[^"]*\/sections"/);
    const list = await get(editor, '/admin/reports?year=2025');
    assert.match(list.body, /丁县/);
    assert.doesNotMatch(list.body, /戊县/, 'only agencies in scope');
  });

  test('an editor drafts, enters figures, corrects a cell (blocked, identity named), withdraws it, exports', async () => {
    assert.equal((await post(editor, `${base()}/sections`, { section1: '总体情况正文。', section5: '问题。', section6: '无。' })).statusCode, 303);
    const bad = await post(editor, `${base()}/figures`, { licensing: '-1', penalty: '0', enforcement: '0', fees: '1.5' });
    assert.equal(bad.statusCode, 400);
    assert.equal((await post(editor, `${base()}/figures`, { licensing: '5', penalty: '0', enforcement: '0', fees: '1.5' })).statusCode, 303);
    assert.equal((await post(editor, `${base()}/corrections`, { cell: 'table3|new|0', value: '2', reason: '' })).statusCode, 400, 'a reason is required');
    assert.equal((await post(editor, `${base()}/corrections`, { cell: 'table3|new|0', value: '2', reason: '补录纸质申请一件' })).statusCode, 303);
    const page = await get(editor, base());
    assert.match(page.body, /表三「自然人」列：一 \+ 二 = （七）总计 \+ 四<\/span>: 2 ≠ 1/);
    assert.match(page.body, /补录纸质申请一件/);
    const refused = await post(editor, `${base()}/submit`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /勾稽关系不成立/);
    assert.equal((await post(editor, `${base()}/corrections`, { cell: 'table3|new|0', value: '', reason: '核实有误，撤回' })).statusCode, 303);
    const json = await get(editor, `${base()}/export.json`);
    const j = json.json() as { table2: { parts: { rows: { values: number[] }[] }[] }; table3: { rows: { key: string; values: number[] }[] }; identities: { holds: boolean }[] };
    assert.deepEqual(j.table3.rows.find((r) => r.key === 'disclosed')?.values, [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(j.table2.parts[3]?.rows[0]?.values, [1.5]);
    assert.ok(j.identities.every((i) => i.holds));
    const csv = await get(editor, `${base()}/export.csv`);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /（一）予以公开,1,0,0,0,0,0,1/);
    const html = await get(editor, `${base()}/export.html`);
    assert.match(html.body, /<h1>丁县2025年政府信息公开工作年度报告<\/h1>/);
    const sub = await post(editor, `${base()}/submit`, {});
    assert.equal(sub.statusCode, 303);
    assert.match((await get(editor, base())).body, /审核中/);
    assert.equal((await post(editor, `${base()}/sections`, { section6: '改' })).statusCode, 409, 'frozen while in review');
  });

  test('a review that sends the report back reopens it; the next submission reuses the document', async () => {
    const d = p.app.deps;
    const row = await d.db.selectFrom('annual_reports').selectAll().where('agency_id', '=', t.county1.id).where('year', '=', 2025).executeTakeFirstOrThrow();
    const rev = await d.db.selectFrom('document_revisions').selectAll().where('document_id', '=', row.document_id ?? '').executeTakeFirstOrThrow();
    const reviewerActor = await actorFor(d, await d.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'arc-reviewer').executeTakeFirstOrThrow());
    await reviewRevision(d, reviewerActor, rev.id, { stage: 'confidentiality', decision: 'reject', comment: '第五部分需补充' });
    assert.match((await get(editor, base())).body, /<strong>草稿<\/strong>/);
    assert.equal((await post(editor, `${base()}/sections`, { section1: '总体情况正文。', section5: '问题及改进措施。', section6: '无。' })).statusCode, 303);
    assert.equal((await post(editor, `${base()}/submit`, {})).statusCode, 303);
    const again = await d.db.selectFrom('annual_reports').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(again.document_id, row.document_id, 'the same document');
    const body = await d.db.selectFrom('document_revisions').select(['body_html', 'state']).where('id', '=', rev.id).executeTakeFirstOrThrow();
    assert.equal(body.state, 'submitted');
    assert.match(body.body_html, /问题及改进措施。/);
  });
});
