/**
 * Staff search (issue 6 §5, §6, §1), on the store of the run: drafts never appear in public
 * results, staff find the unpublished documents of their scope and no others; the console pages
 * of search (drafts, demand signals, attachment extraction) are for signed-in staff only, and the
 * query log they show holds no personal data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { submitRevision } from '../src/commands/documents/submit-revision.js';
import { updateDraft } from '../src/commands/documents/update-draft.js';
import { searchDocuments } from '../src/queries/search.js';
import { searchDrafts } from '../src/queries/search-staff.js';
import { revisionDetail } from '../src/queries/staff-documents.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff, PASSWORD } from './helpers/factories.js';
import { apiLogin, type StaffClient } from './helpers/http.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';

describe(`staff search [${process.env.DATABASE_URL ? 'postgres' : 'sqlite'}]`, () => {
  let p: TestPlatform;
  let pub: Publisher;
  let inScope: StaffClient;
  let outOfScope: StaffClient;
  let draftRev = '';
  let reviewRev = '';
  const get = (url: string, who: StaffClient | null = null) => p.server.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const q = (s: string) => encodeURIComponent(s);

  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    pub = await makePublisher(d, 'stf');
    // One draft and one version under review; nothing about them is published.
    draftRev = (await createDraft(d, pub.editor, pub.agencyId, draftInput({ title: '翡翠湾岸线整治方案（征求意见稿）', doc_number: '丙政办发〔2026〕31号', summary: '翡翠湾岸线生态修复。' }))).revisionId;
    reviewRev = (await createDraft(d, pub.editor, pub.agencyId, draftInput({ title: '翡翠湾游船码头管理办法', summary: '码头安全管理。', body_html: '<p>翡翠湾码头实行预约登船。</p>' }))).revisionId;
    await submitRevision(d, pub.editor, reviewRev, (await revisionDetail(d, pub.editor, reviewRev)).rev.version);
    await publishDocument(d, pub, { title: '琥珀湾公园开放公告', summary: '琥珀湾公园恢复开放。' });
    const provB = await d.db.selectFrom('agencies').selectAll().where('name_zh', '=', '乙省').executeTakeFirstOrThrow();
    await makeStaff(d, 'stf-outsider', provB, 'editor');
    inScope = await apiLogin(p.server, 'stf-editor', PASSWORD);
    outOfScope = await apiLogin(p.server, 'stf-outsider', PASSWORD);
  });
  after(async () => p.dispose());

  test('drafts and versions under review never appear in public results', async () => {
    assert.equal((await searchDocuments(p.app.deps, { q: '翡翠湾', page: 1, pageSize: 10 })).total, 0);
    const api = await get(`/api/v1/search?q=${q('翡翠湾')}`);
    assert.equal(api.statusCode, 200);
    assert.equal(api.json().total, 0);
    const page = await get(`/search?q=${q('翡翠湾')}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /整治方案|游船码头/);
    assert.equal((await searchDocuments(p.app.deps, { q: '琥珀湾', page: 1, pageSize: 10 })).total, 1, 'the published one is found');
  });

  test('staff API: unauthenticated 401; in scope finds drafts in any script and number form; out of scope finds nothing', async () => {
    assert.equal((await get(`/api/v1/search/drafts?q=${q('翡翠湾')}`)).statusCode, 401);
    assert.equal((await get(`/api/v1/search/drafts?q=${q('翡翠湾')}&page=0`, inScope)).statusCode, 400);
    const r = await get(`/api/v1/search/drafts?q=${q('翡翠灣')}`, inScope);
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.equal(body.total, 2);
    assert.deepEqual(body.items.map((i: { revision_id: string }) => i.revision_id).sort(), [draftRev, reviewRev].sort());
    assert.deepEqual(body.items.map((i: { state: string }) => i.state).sort(), ['draft', 'submitted']);
    assert.ok(body.items.every((i: { title_html: string }) => /<mark>翡翠湾<\/mark>/.test(i.title_html)));
    const num = (await get(`/api/v1/search/drafts?q=${q('丙政办发[2026]31号')}`, inScope)).json();
    assert.deepEqual(num.items.map((i: { revision_id: string }) => i.revision_id), [draftRev]);
    const phrase = (await get(`/api/v1/search/drafts?q=${q('"预约登船"')}`, inScope)).json();
    assert.deepEqual(phrase.items.map((i: { revision_id: string }) => i.revision_id), [reviewRev]);
    const excl = (await get(`/api/v1/search/drafts?q=${q('翡翠湾 -码头')}`, inScope)).json();
    assert.deepEqual(excl.items.map((i: { revision_id: string }) => i.revision_id), [draftRev]);
    assert.equal((await get(`/api/v1/search/drafts?q=${q('琥珀湾')}`, inScope)).json().total, 0, 'published versions are the public search’s');
    const out = await get(`/api/v1/search/drafts?q=${q('翡翠湾')}`, outOfScope);
    assert.equal(out.statusCode, 200);
    assert.equal(out.json().total, 0);
    for (const s of ['', '！？', '"翡翠', 'x'.repeat(10_000), '-翡翠湾']) assert.equal((await get(`/api/v1/search/drafts?q=${q(s)}`, inScope)).statusCode, 200, s.slice(0, 10));
  });

  test('read model: an edited draft is found by its new text, not its old', async () => {
    const d = p.app.deps;
    const find = async (s: string) => (await searchDrafts(d, pub.editor, { q: s, page: 1, pageSize: 10 })).items.map((i) => i.revision_id);
    const { revisionId } = await createDraft(d, pub.editor, pub.agencyId, draftInput({ title: '玛瑙湾停车场收费标准' }));
    assert.deepEqual(await find('玛瑙湾'), [revisionId]);
    const rev = (await revisionDetail(d, pub.editor, revisionId)).rev;
    await updateDraft(d, pub.editor, revisionId, rev.version, draftInput({ title: '珊瑚湾停车场收费标准' }));
    assert.deepEqual(await find('玛瑙湾'), []);
    assert.deepEqual(await find('珊瑚湾'), [revisionId]);
  });

  test('read model: a staff member without grants finds nothing', async () => {
    const home = await p.app.deps.db.selectFrom('agencies').selectAll().where('name_zh', '=', '丙市').executeTakeFirstOrThrow();
    const nobody = await actorFor(p.app.deps, await makeStaff(p.app.deps, 'stf-nogrant', home, null));
    assert.equal((await searchDrafts(p.app.deps, nobody, { q: '翡翠湾', page: 1, pageSize: 10 })).total, 0);
  });

  test('console /admin/search: staff only; lists the drafts in scope, linked to their revision pages', async () => {
    const anon = await get(`/admin/search?q=${q('翡翠湾')}`);
    assert.notEqual(anon.statusCode, 200);
    assert.doesNotMatch(anon.body, /整治方案/);
    const empty = await get('/admin/search', inScope);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /name="q"/);
    const r = await get(`/admin/search?q=${q('翡翠湾')}`, inScope);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`/admin/revisions/${draftRev}`));
    assert.match(r.body, new RegExp(`/admin/revisions/${reviewRev}`));
    assert.match(r.body, /<mark>翡翠湾<\/mark>/);
    const en = await get(`/en/admin/search?q=${q('翡翠湾')}&page=abc`, inScope);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Search drafts/);
    const out = await get(`/admin/search?q=${q('翡翠湾')}`, outOfScope);
    assert.equal(out.statusCode, 200);
    assert.doesNotMatch(out.body, /整治方案/);
  });

  test('console /admin/search/demand: top and zero-result queries per week and agency, never personal data', async () => {
    for (const s of ['琥珀湾', '琥珀灣', '不存在的词语甲乙丙', '13812345678', '110101199003074514', 'someone@example.com']) await get(`/search?q=${q(s)}`);
    await get(`/search?q=${q('琥珀湾')}&agency=${pub.agencyCode}`);
    assert.notEqual((await get('/admin/search/demand')).statusCode, 200);
    const page = await get('/admin/search/demand', inScope);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /琥珀湾/);
    assert.match(page.body, /不存在的词语甲乙丙/);
    for (const bad of ['13812345678', '110101199003074514', 'someone@example.com']) assert.ok(!page.body.includes(bad), bad);
    const rows = JSON.stringify(await p.app.deps.db.selectFrom('search_queries').selectAll().execute());
    for (const bad of ['13812345678', '110101199003074514', 'someone@example.com']) assert.ok(!rows.includes(bad), bad);
    const byAgency = await get(`/admin/search/demand?agency=${pub.agencyCode}&week=bogus`, inScope);
    assert.equal(byAgency.statusCode, 200);
    assert.match(byAgency.body, /琥珀湾/);
    assert.doesNotMatch(byAgency.body, /不存在的词语甲乙丙/, 'site-wide queries are not the agency’s');
    assert.equal((await get(`/admin/search/demand?agency=${pub.agencyCode}`, outOfScope)).statusCode, 403);
  });

  test('console /admin/search/extraction: staff only', async () => {
    assert.notEqual((await get('/admin/search/extraction')).statusCode, 200);
    const r = await get('/admin/search/extraction', inScope);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /范围内没有提取失败的附件/);
  });
});
