import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openConsultation } from '../src/commands/consultations/open-consultation.js';
import { DEFAULT_TEMPLATES, renderMessage } from '../src/jobs/mail/templates.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { PASSWORD } from './helpers/factories.js';
import { apiLogin, cookieHeader, cookiesOf, csrfFromHtml, form, type StaffClient } from './helpers/http.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';
import { DRAFT_BODY } from './helpers/consultations.js';
import { textCell } from '../src/web/admin/consultation-csv.js';

/**
 * The consultation pages, console and API over HTTP: invalid and unauthenticated paths first,
 * then the reader's and the moderator's paths, and no personal data on any public page or in the
 * API (the e-mail address, a held comment's text).
 */
describe('consultations over HTTP: pages, console, API', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let editor: StaffClient;
  let id = '';
  let draftIndex = '';
  let finalIndex = '';
  let reader = { cookie: '', csrf: '' };
  const EMAIL = 'private.reader@example.test';
  const get = (url: string, who?: { cookie: string }) => p.server.inject({ url, headers: who ? { cookie: who.cookie } : {} });
  const post = (url: string, who: { cookie: string; csrf: string }, data: Record<string, string>) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: who.csrf, ...data }) });

  before(async () => {
    p = await buildApp();
    p.clock.set(new Date('2026-03-02T02:00:00Z'));
    pub = await makePublisher(p.app.deps, 'csh');
    draftIndex = (await publishDocument(p.app.deps, pub, { title: '城市公园管理办法（征求意见稿）', doc_number: '', body_html: DRAFT_BODY })).indexNumber;
    finalIndex = (await publishDocument(p.app.deps, pub, { title: '城市公园管理办法', doc_number: '丙政发〔2026〕9号', body_html: '<p>第一条 正式文本。</p>' })).indexNumber;
    editor = await apiLogin(p.server, 'csh-editor', PASSWORD);
  });
  after(async () => p.dispose());

  test('the console needs sign-in and its token; a bad form keeps what was typed', async () => {
    const out = await get('/admin/consultations');
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /\/admin\/login/);
    const noToken = await p.server.inject({ method: 'POST', url: '/admin/consultations/new', headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ agency_id: pub.agencyId }) });
    assert.equal(noToken.statusCode, 403);
    const bad = await post('/admin/consultations/new', editor, { agency_id: pub.agencyId, draft_index_number: 'no-such', title: '保留的标题', starts_local: '2026-03-02T09:00', ends_local: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#f-draft_index_number"/);
    assert.match(bad.body, /href="#f-ends_local"/);
    assert.match(bad.body, /value="保留的标题"/);
    const reviewer = await apiLogin(p.server, 'csh-reviewer', PASSWORD);
    assert.equal((await get('/admin/consultations/new', reviewer)).statusCode, 403);
  });

  test('staff open a consultation from the console; the public list and page show it', async () => {
    const form = await get('/admin/consultations/new', editor);
    assert.equal(form.statusCode, 200);
    const r = await post('/admin/consultations/new', editor, { agency_id: pub.agencyId, draft_index_number: draftIndex, title: '', description: '欢迎提出意见。', starts_local: '2026-03-02T09:00', ends_local: '2026-03-16T18:00', moderation: 'post', allow_anonymous: '1' });
    assert.equal(r.statusCode, 303, r.body);
    id = /\/admin\/consultations\/([0-9a-f-]{36})/.exec(String(r.headers.location))?.[1] ?? '';
    assert.ok(id);
    const list = await get('/consultations');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /城市公园管理办法（征求意见稿）/);
    assert.match(list.body, /2026-03-02 09:00 至 2026-03-16 18:00（Asia\/Shanghai）/);
    const page = await get(`/consultations/${id}?p=4`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /id="p-4"/);
    assert.match(page.body, /第二条第2款（第4段）/);
    assert.match(page.body, /第三条（第5段）/);
    assert.match(page.body, /<option value="4" selected>/, 'the paragraph link preselects the form');
    assert.match(page.body, new RegExp(`href="/consultations/${id}\\?p=2#comment-form"`));
    assert.match(page.body, /&lt;燃放&gt;/, 'draft text escaped');
    reader = { cookie: cookieHeader(cookiesOf(page)), csrf: csrfFromHtml(page.body) };
    assert.match(reader.cookie, /gk_reader=/);
    assert.equal((await get('/consultations/not-an-id')).statusCode, 404);
    assert.equal((await get('/consultations/00000000-0000-0000-0000-000000000000')).statusCode, 404);
    assert.equal((await get('/en/consultations')).statusCode, 200);
    // The draft's document page links to the consultation.
    const doc = await get(`/documents/${draftIndex}`);
    assert.match(doc.body, new RegExp(`href="/consultations/${id}"`));
  });

  test('a reader comments: bad input is a 400 with the summary; a good one mails a link; the e-mail is never public', async () => {
    const noToken = await p.server.inject({ method: 'POST', url: `/consultations/${id}/comments`, headers: { cookie: reader.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ body: 'x' }) });
    assert.equal(noToken.statusCode, 403);
    const bad = await post(`/consultations/${id}/comments`, reader, { paragraph: '3', body: '', display_name: '晨练者', mode: 'email', email: 'nope' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#f-body"/);
    assert.match(bad.body, /href="#f-email"/);
    assert.match(bad.body, /value="晨练者"/);
    const ok = await post(`/consultations/${id}/comments`, reader, { paragraph: '3', body: '建议开放时间提前到5时。', display_name: '', mode: 'email', email: EMAIL });
    assert.equal(ok.statusCode, 303);
    assert.match(String(ok.headers.location), /sent=unverified/);
    const mail = await p.app.deps.db.selectFrom('outbox').selectAll().where('kind', '=', 'consultation.verify_comment').where('recipient', '=', EMAIL).executeTakeFirstOrThrow();
    const token = decodeURIComponent((JSON.parse(mail.payload) as { path: string }).path.replace(/^\/consultations\/verify\?t=/, ''));
    const rendered = renderMessage(DEFAULT_TEMPLATES, mail.kind, JSON.parse(mail.payload), 'zh-CN', 'https://g.example');
    assert.ok(rendered.text.includes(`https://g.example/consultations/verify?t=${token}`));
    assert.ok(!rendered.text.includes('建议开放时间'), 'the mail does not carry the comment');
    const landing = await get(`/consultations/verify?t=${encodeURIComponent(token)}`, reader);
    assert.equal(landing.statusCode, 200);
    assert.equal(landing.headers['referrer-policy'], 'no-referrer');
    const still = await p.app.deps.db.selectFrom('consultation_comments').select('state').where('body', '=', '建议开放时间提前到5时。').executeTakeFirstOrThrow();
    assert.equal(still.state, 'unverified', 'following the link alone verifies nothing');
    const v = await post('/consultations/verify', reader, { t: token });
    assert.equal(v.statusCode, 303);
    assert.match(String(v.headers.location), new RegExp(`/consultations/${id}\\?sent=published`));
    assert.equal((await post('/consultations/verify', reader, { t: token })).statusCode, 404, 'one time only');
    assert.equal((await get('/consultations/verify?t=bogus')).statusCode, 404);
    const page = await get(`/consultations/${id}`);
    assert.match(page.body, /建议开放时间提前到5时。/);
    assert.match(page.body, /<strong>公众<\/strong>/);
    // Anonymous, with personal data: held, not shown.
    const held = await post(`/consultations/${id}/comments`, reader, { paragraph: '', body: '请致电13812345678联系我', display_name: '', mode: 'anonymous', email: '' });
    assert.match(String(held.headers.location), /sent=personal_data/);
    for (const url of ['/consultations', `/consultations/${id}`, `/en/consultations/${id}`, '/api/v1/consultations', `/api/v1/consultations/${id}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(!res.body.includes(EMAIL), `no e-mail on ${url}`);
      assert.ok(!res.body.includes('13812345678'), `no held personal data on ${url}`);
    }
  });

  test('reports: one per reader; moderation in the console; the API shows public fields only', async () => {
    const row = await p.app.deps.db.selectFrom('consultation_comments').select(['id']).where('body', '=', '建议开放时间提前到5时。').executeTakeFirstOrThrow();
    const first = await post(`/consultations/${id}/comments/${row.id}/report`, reader, { reason: 'spam' });
    assert.match(String(first.headers.location), /r=reported/);
    const again = await post(`/consultations/${id}/comments/${row.id}/report`, reader, { reason: 'abusive' });
    assert.match(String(again.headers.location), /r=reported_dup/);
    const queue = await get('/admin/consultations/queue', editor);
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /收到举报 1 次：垃圾信息/);
    assert.match(queue.body, /疑似含有个人信息/);
    assert.ok(!queue.body.includes(EMAIL), 'moderators see the text, not the address');
    const detail = await get(`/admin/consultations/${id}`, editor);
    const version = new RegExp(`id="c-${row.id}"[\\s\\S]*?name="version" value="(\\d+)"`).exec(detail.body)?.[1] ?? '1';
    const hide = await post(`/admin/consultations/comments/${row.id}/moderate`, editor, { decision: 'hide', reason: 'spam', version, back: `/admin/consultations/${id}` });
    assert.equal(hide.statusCode, 303);
    const csv = await get(`/admin/consultations/${id}/comments.csv`, editor);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFF序号,提交时间,条款'));
    assert.match(csv.body, /第二条（第3段）,已隐藏,,邮箱已验证,建议开放时间提前到5时。,1,垃圾信息/);
    assert.match(csv.body, /请致电13812345678联系我/, 'staff see held text in their export');
    assert.ok(!csv.body.includes(EMAIL), 'never the address');
    assert.equal((await get(`/admin/consultations/${id}/comments.csv`)).statusCode, 303, 'staff only');
    assert.deepEqual(['=HYPERLINK("x")', '+1', '-1', '@a', '正常'].map(textCell), [`"'=HYPERLINK(""x"")"`, "'+1", "'-1", "'@a", '正常'], 'no formulas from public text');
    const api = (await get(`/api/v1/consultations/${id}`)).json() as { stats: { comments: number; hidden: number; per_article: unknown }; comments: { hidden: boolean; body: string | null }[]; paragraphs: { no: number; comments: number }[] };
    assert.deepEqual([api.stats.comments, api.stats.hidden], [2, 1]);
    assert.deepEqual(api.comments.map((c) => [c.hidden, c.body]), [[true, null]]);
    assert.equal(api.paragraphs.find((x) => x.no === 3)?.comments, 1);
    assert.deepEqual(api.stats.per_article, [{ article: null, comments: 1 }, { article: '第二条', comments: 1 }]);
    assert.equal((await get('/api/v1/consultations/nope')).statusCode, 404);
  });

  test('close, publish the summary in the console; the final policy page links back', async () => {
    const early = await post(`/admin/consultations/${id}/summary`, editor, { rows: '1', action: 'publish', intro: '', final_index_number: finalIndex, point_1: 'x', decision_1: 'adopted', reason_1: '' });
    assert.equal(early.statusCode, 409);
    assert.equal((await post(`/admin/consultations/${id}/close`, editor, {})).statusCode, 303);
    const missing = await post(`/admin/consultations/${id}/summary`, editor, { rows: '3', action: 'publish', intro: '总体说明', final_index_number: '', point_1: '', decision_1: '', reason_1: '', point_2: '开放时间', decision_2: 'not_adopted', reason_2: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#f-final_index_number"/);
    assert.match(missing.body, /href="#f-reason_2"/, 'the issue names the row as typed');
    const ok = await post(`/admin/consultations/${id}/summary`, editor, { rows: '2', action: 'publish', intro: '共收到意见2条。', final_index_number: finalIndex, point_1: '开放时间提前', decision_1: 'partly_adopted', reason_1: '夏季提前至5时30分。', point_2: '', decision_2: '', reason_2: '' });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await get(`/consultations/${id}`);
    assert.match(page.body, /意见采纳情况反馈/);
    assert.match(page.body, /部分采纳/);
    assert.match(page.body, new RegExp(`href="/documents/${finalIndex}"`));
    const final = await get(`/documents/${finalIndex}`);
    assert.match(final.body, new RegExp(`href="/consultations/${id}#summary"`));
    const api = (await get(`/api/v1/consultations/${id}`)).json() as { summary: { final_policy: { index_number: string }; total_comments: number; hidden_comments: number } };
    assert.equal(api.summary.final_policy.index_number, finalIndex);
    assert.deepEqual([api.summary.total_comments, api.summary.hidden_comments], [2, 1]);
  });

  test('the verification mail renders in both locales with the link escaped', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const m = renderMessage(DEFAULT_TEMPLATES, 'consultation.verify_comment', { consultation_id: 'c', title: '办法"<x>', path: '/consultations/verify?t=a&b=1', expires_at: '2026-03-04T02:00:00.000Z', time_zone: 'Asia/Shanghai' }, locale, 'https://g.example');
      assert.ok(m.html.includes('办法&quot;&lt;x&gt;'));
      assert.ok(!m.html.includes('<x>'));
      assert.ok(m.text.includes('https://g.example/consultations/verify?t=a&b=1'));
      assert.ok(m.html.includes('href="https://g.example/consultations/verify?t=a&amp;b=1"'));
      assert.ok(m.text.includes('2026-03-04 10:00'), 'expiry in the agency time zone');
      const hidden = renderMessage(DEFAULT_TEMPLATES, 'consultation.comment_hidden', { consultation_id: 'c-1', title: '办法"<x>', reason: 'personal_data', path: '/en/consultations/c-1' }, locale, 'https://g.example');
      assert.ok(hidden.text.includes(locale === 'en' ? 'Contains personal data' : '含有个人信息'));
      assert.ok(hidden.text.includes('https://g.example/en/consultations/c-1'));
      assert.ok(!hidden.html.includes('<x>'));
      const shown = renderMessage(DEFAULT_TEMPLATES, 'consultation.comment_published', { consultation_id: 'c-1', title: 'T', reason: '', path: '/consultations/c-1' }, locale, 'https://g.example');
      assert.ok(shown.subject.includes('T'));
    }
  });

  test('a scheduled consultation shows when it opens; no form before', async () => {
    const r = await openConsultation(p.app.deps, pub.editor, { agency_id: pub.agencyId, draft_index_number: draftIndex, starts_local: '2026-04-01T09:00', ends_local: '2026-04-10T09:00', allow_anonymous: false, moderation: 'pre' });
    const page = await get(`/consultations/${r.id}`);
    assert.match(page.body, /本次征集将于 2026-04-01 09:00 开始/);
    assert.ok(!page.body.includes('id="comment-form"'));
    const list = await get('/consultations');
    assert.match(list.body, /即将开始/);
  });
});
