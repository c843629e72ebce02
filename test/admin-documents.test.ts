import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { makePdf } from './helpers/files.js';
import { apiLogin, form, multipart, type StaffClient } from './helpers/http.js';

describe('publishing console: draft, attach, personal-data check, review, correction, withdrawal', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let editor: StaffClient;
  let reviewer: StaffClient;
  before(async () => {
    p = await buildApp();
    t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'c-editor', t.city, 'editor');
    await makeStaff(p.app.deps, 'c-reviewer', t.city, 'reviewer');
    editor = await apiLogin(p.server, 'c-editor', PASSWORD);
    reviewer = await apiLogin(p.server, 'c-reviewer', PASSWORD);
  });
  after(async () => p.dispose());

  const get = (who: StaffClient | null, url: string) => p.server.inject({ url, headers: who ? { cookie: who.cookie } : {} });
  const post = (who: StaffClient, url: string, data: Record<string, string>) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: who.csrf, ...data }) });
  const revId = (location: string | undefined) => /\/admin\/revisions\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

  test('signed-out visitors are sent to the log-in page; forms without the token are refused', async () => {
    const res = await get(null, '/admin/documents');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /\/admin\/login\?next=/);
    const noToken = await p.server.inject({ method: 'POST', url: '/admin/documents/new', headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ title: 'x' }) });
    assert.equal(noToken.statusCode, 403);
  });

  test('an invalid draft shows every problem on the form and keeps what was typed', async () => {
    const res = await post(editor, '/admin/documents/new', { agency: t.city.id, title: '保留的标题', genre: '', theme_code: '', date_formed: '2026-13-01' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /value="保留的标题"/);
    assert.match(res.body, /请选择体裁/);
  });

  test('the whole flow through the console', async () => {
    const created = await post(editor, '/admin/documents/new', {
      agency: t.city.id, title: '关于公布2026年城市道路维修计划的通知', genre: 'notices', theme_code: 'industry', date_formed: '2026-02-26',
      summary: '公布道路维修安排。', body_html: '<p>联系人手机：13912345678。</p>',
    });
    assert.equal(created.statusCode, 303, created.body);
    const id = revId(created.headers.location as string);
    let page = await get(editor, `/admin/revisions/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /手机号码/, 'the finding in the body is listed');
    assert.doesNotMatch(page.body, /13912345678(?![^<]*<\/textarea>)/, 'outside the editor the number is masked');

    // Upload through the multipart form: token first, then the file.
    const up = multipart({ _csrf: editor.csrf }, { filename: '维修路段.pdf', content: await makePdf(['Road list, office 0990-1234567']), type: 'application/pdf' });
    const upRes = await p.server.inject({ method: 'POST', url: `/admin/revisions/${id}/attachments`, payload: up.payload, headers: { ...up.headers, cookie: editor.cookie } });
    assert.equal(upRes.statusCode, 303, upRes.body);
    const badUp = multipart({ _csrf: 'wrong' }, { filename: 'x.pdf', content: await makePdf(['x']) });
    assert.equal((await p.server.inject({ method: 'POST', url: `/admin/revisions/${id}/attachments`, payload: badUp.payload, headers: { ...badUp.headers, cookie: editor.cookie } })).statusCode, 403);

    // Submitting with the mobile number still there is refused; a reason overrides it.
    page = await get(editor, `/admin/revisions/${id}`);
    assert.match(page.body, /维修路段\.pdf/);
    const key = /name="pii_key_0" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    assert.ok(key);
    const blocked = await post(editor, `/admin/revisions/${id}/submit`, { version: versionOf(page.body), pii_key_0: key, pii_reason_0: '' });
    assert.equal(blocked.statusCode, 400);
    assert.match(blocked.body, /发现个人信息/);
    const ok = await post(editor, `/admin/revisions/${id}/submit`, { version: versionOf(page.body), pii_key_0: key, pii_reason_0: '公开的热线服务号码，经本人同意公开' });
    assert.equal(ok.statusCode, 303, ok.body);

    // The reviewer sees the override with its reason; the editor cannot review.
    const rpage = await get(reviewer, `/admin/revisions/${id}`);
    assert.match(rpage.body, /公开的热线服务号码/);
    assert.match(rpage.body, /139■■■■5678/);
    assert.equal((await post(editor, `/admin/revisions/${id}/review`, { stage: 'confidentiality', decision: 'pass' })).statusCode, 403);
    assert.equal((await post(reviewer, `/admin/revisions/${id}/review`, { stage: 'confidentiality', decision: 'pass', comment: '不涉密' })).statusCode, 303);
    assert.equal((await post(reviewer, `/admin/revisions/${id}/review`, { stage: 'approval', decision: 'pass' })).statusCode, 303);
    const done = await get(reviewer, `/admin/revisions/${id}`);
    assert.match(done.body, new RegExp(`${t.city.code}/2026-00001`));

    // Correction and withdrawal from the document's console page.
    const doc = await p.app.deps.db.selectFrom('documents').select('id').where('index_number', '=', `${t.city.code}/2026-00001`).executeTakeFirstOrThrow();
    const corr = await post(editor, `/admin/documents/${doc.id}/correct`, {});
    assert.equal(corr.statusCode, 303);
    const cid = revId(corr.headers.location as string);
    assert.notEqual(cid, id);
    const cpage = await get(editor, `/admin/revisions/${cid}`);
    assert.match(cpage.body, /更正说明/);
    const noReason = await post(reviewer, `/admin/documents/${doc.id}/withdraw`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await post(reviewer, `/admin/documents/${doc.id}/withdraw`, { reason: '通知内容有误，予以撤回' })).statusCode, 303);
    const after = await get(reviewer, `/admin/documents/${doc.id}`);
    assert.match(after.body, /已撤回/);
  });

  test('two editors: the second save of the same version gets a conflict message, not a lost update', async () => {
    await makeStaff(p.app.deps, 'c-editor2', t.city, 'editor');
    const editor2 = await apiLogin(p.server, 'c-editor2', PASSWORD);
    const created = await post(editor, '/admin/documents/new', { agency: t.city.id, title: '并发编辑测试', genre: 'notices', theme_code: 'other', date_formed: '2026-02-26', summary: '原文' });
    const id = revId(created.headers.location as string);
    const page = await get(editor, `/admin/revisions/${id}`);
    const v = versionOf(page.body);
    const base = { title: '并发编辑测试', genre: 'notices', theme_code: 'other', date_formed: '2026-02-26', version: v };
    assert.equal((await post(editor, `/admin/revisions/${id}`, { ...base, summary: '第一位编辑的修改' })).statusCode, 303);
    const second = await post(editor2, `/admin/revisions/${id}`, { ...base, summary: '第二位编辑的修改' });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /已被他人修改/);
    assert.match(second.body, /第二位编辑的修改/, 'their text is kept in the form');
    const saved = await p.app.deps.db.selectFrom('document_revisions').select('summary').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(saved.summary, '第一位编辑的修改');
  });
});
