import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { makePdf } from './helpers/files.js';
import { apiLogin, cookieHeader, cookiesOf, csrfFromHtml, form, multipart, type StaffClient } from './helpers/http.js';
import { beijing } from './helpers/requests.js';

/** The HTML pages of disclosure on request, public and console (runs on PostgreSQL too with DATABASE_URL). */
describe('request pages: application form, tracking, private page, console steps', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let officer: StaffClient;
  let outsider: StaffClient;
  let admin: StaffClient;
  let anon = { cookie: '', csrf: '' };
  let number = '';
  let token = '';
  let requestId = '';

  const fill = (over: Record<string, string> = {}) => ({
    agency_code: t.city.code, applicant_type: 'natural_person', name: '页面测试人', id_type: 'resident_id', id_number: '110101199003070011',
    phone: '13800000001', email: 'pages@example.test', address: '', postcode: '', org_name: '', unified_code: '',
    title: '2025年公园维护合同', doc_number: '', other_features: '含金额', form_wanted: 'electronic', delivery_wanted: 'online', ...over,
  });
  const postAnon = (url: string, data: Record<string, string>) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: anon.csrf, ...data }) });
  const get = (url: string, who?: StaffClient) => p.server.inject({ url, headers: who ? { cookie: who.cookie } : {} });
  const staffPost = (who: StaffClient, url: string, data: Record<string, string> = {}) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: who.csrf, ...data }) });
  const step = (s: string, data: Record<string, string> = {}) => staffPost(officer, `/admin/requests/${requestId}/${s}`, data);
  const privateUrl = (sub = '') => `/requests/p/${number}${sub}?t=${encodeURIComponent(token)}`;

  before(async () => {
    p = await buildApp();
    p.clock.set(beijing('2026-03-02'));
    t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'page-officer', t.city, 'request_officer');
    await makeStaff(p.app.deps, 'page-outsider', t.provB, 'request_officer');
    await makeStaff(p.app.deps, 'page-admin', t.provA, 'admin');
    officer = await apiLogin(p.server, 'page-officer', PASSWORD);
    outsider = await apiLogin(p.server, 'page-outsider', PASSWORD);
    admin = await apiLogin(p.server, 'page-admin', PASSWORD);
    const page = await get('/requests/new');
    anon = { cookie: cookieHeader(cookiesOf(page)), csrf: csrfFromHtml(page.body) };
  });
  after(async () => p.dispose());

  test('unauthenticated and invalid first: console needs sign-in, forms need their token, bad input keeps what was typed', async () => {
    const signedOut = await get('/admin/requests');
    assert.equal(signedOut.statusCode, 303);
    assert.match(String(signedOut.headers.location), /\/admin\/login\?next=/);
    assert.equal((await get('/admin/requests/new')).statusCode, 303);
    const noToken = await p.server.inject({ method: 'POST', url: '/requests/new', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fill()) });
    assert.equal(noToken.statusCode, 403);
    const bad = await postAnon('/requests/new', fill({ agency_code: '', applicant_type: '', title: '', phone: '', email: '', name: '保留的姓名' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#f-agency_code"/);
    assert.match(bad.body, /href="#f-applicant_type"/);
    assert.match(bad.body, /href="#f-title"/);
    assert.match(bad.body, /联系电话、电子邮箱、通信地址至少填写一项/);
    assert.match(bad.body, /value="保留的姓名"/);
    assert.equal(bad.headers['cache-control'], 'no-store');
    const wrong = await postAnon('/requests/track', { number: 'YSQ-2026-000001', token: 'nope' });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /未找到：请核对申请编号和查询码/);
    assert.equal((await get('/requests/p/YSQ-2026-000001?t=nope')).statusCode, 404);
    assert.equal((await get(`/agencies/NOPE/request`)).statusCode, 404);
  });

  test('apply without an account: confirmation shows the tracking number and private link once, with Art. 31', async () => {
    const pre = await get(`/agencies/${t.city.code}/request`);
    assert.equal(pre.statusCode, 200);
    assert.match(pre.body, new RegExp(`<option value="${t.city.code}" selected>`));
    assert.match(pre.body, /第二十九条/);
    assert.match(pre.body, /第四十三条/);
    assert.match(pre.body, /原则上不收取费用/);
    const res = await postAnon('/requests/new', fill());
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['cache-control'], 'no-store');
    const m = /\/requests\/p\/(YSQ-2026-\d{6})\?t=([A-Za-z0-9_%-]+)/.exec(res.body);
    assert.ok(m && m[1] && m[2], 'the private link is shown');
    number = m[1];
    token = decodeURIComponent(m[2]);
    assert.match(res.body, /以双方确认之日为收到申请之日/);
    assert.match(res.body, /只在本页显示一次/);
    const row = await p.app.deps.db.selectFrom('requests').select(['id', 'state']).where('tracking_number', '=', number).executeTakeFirstOrThrow();
    assert.equal(row.state, 'submitted');
    requestId = row.id;
  });

  test('tracking shows status and dates only; the private page shows the request but no personal data', async () => {
    const tr = await postAnon('/requests/track', { number, token });
    assert.equal(tr.statusCode, 200);
    assert.match(tr.body, /已提交，待确认/);
    assert.doesNotMatch(tr.body, /公园维护合同/, 'no description on the tracking page');
    assert.doesNotMatch(tr.body, /页面测试人|13800000001|pages@example\.test/);
    const go = await postAnon('/requests/track', { number, token, view: 'private' });
    assert.equal(go.statusCode, 303);
    assert.equal(go.headers.location, privateUrl());
    const priv = await get(privateUrl());
    assert.equal(priv.statusCode, 200);
    assert.equal(priv.headers['referrer-policy'], 'no-referrer');
    assert.match(priv.body, /公园维护合同/);
    assert.doesNotMatch(priv.body, /页面测试人|13800000001|pages@example\.test|110101199003070011/);
    const en = await get(`/en${privateUrl()}`);
    assert.match(en.body, /My request/);
  });

  test('the applicant uploads an identity proof through the private page (token part first)', async () => {
    const page = await get(privateUrl());
    const csrf = csrfFromHtml(page.body);
    const cookie = cookieHeader({ ...Object.fromEntries(anon.cookie.split('; ').map((c) => c.split('='))), ...cookiesOf(page) });
    const bad = multipart({ _csrf: 'wrong', t: token, purpose: 'identity_proof' }, { filename: 'id.pdf', content: await makePdf(['id']), type: 'application/pdf' });
    assert.equal((await p.server.inject({ method: 'POST', url: `/requests/p/${number}/files`, payload: bad.payload, headers: { ...bad.headers, cookie } })).statusCode, 403);
    const up = multipart({ _csrf: csrf, t: token, purpose: 'identity_proof' }, { filename: '身份证明.pdf', content: await makePdf(['identity proof']), type: 'application/pdf' });
    const res = await p.server.inject({ method: 'POST', url: `/requests/p/${number}/files`, payload: up.payload, headers: { ...up.headers, cookie } });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const after = await get(privateUrl());
    assert.match(after.body, /身份证明\.pdf/);
  });

  test('console: an officer outside the scope cannot see it; steps the state does not allow are not offered and refused clearly', async () => {
    assert.equal((await get(`/admin/requests/${requestId}`, outsider)).statusCode, 404);
    const list = await get('/admin/requests', officer);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(number));
    const d = await get(`/admin/requests/${requestId}`, officer);
    assert.equal(d.statusCode, 200);
    assert.match(d.body, /页面测试人/, 'staff in scope see the applicant');
    assert.match(d.body, /确认收到申请/);
    assert.doesNotMatch(d.body, /action="\/admin\/requests\/[^"]+\/extend"/, 'no extension before receipt');
    const refused = await step('extend', { days: '5', approver: '李主任', reason: '多' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /请先确认收到申请/);
  });

  test('console steps: confirm, correction, supplement, extension refused beyond 20 days then granted, release, reply, letter, close', async () => {
    assert.equal((await step('confirm-receipt', { on: '2026-03-02' })).statusCode, 303);
    let d = await get(`/admin/requests/${requestId}`, officer);
    assert.match(d.body, /2026-03-30/, 'due 20 working days after Mon 2 Mar');
    assert.equal((await step('correction', { what: '请说明合同年份', supplement_by: '2026-03-09' })).statusCode, 303);
    const priv = await get(privateUrl());
    assert.match(priv.body, /补正通知/);
    assert.match(priv.body, /请说明合同年份/);
    assert.match(priv.body, /name="purpose" value="supplement"/);
    p.clock.set(beijing('2026-03-04'));
    officer = await apiLogin(p.server, 'page-officer', PASSWORD);
    assert.equal((await step('supplement', { note: '已说明' })).statusCode, 303);
    const tooLong = await step('extend', { days: '21', approver: '李主任', reason: '合同多' });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /延长的期限最长不得超过20个工作日/);
    assert.match(tooLong.body, /value="合同多"|>合同多</, 'what was typed stays');
    assert.equal((await step('extend', { days: '20', approver: '李主任', reason: '合同多' })).statusCode, 303);
    const rel = multipart({ _csrf: officer.csrf, purpose: 'released' }, { filename: '合同（部分公开）.pdf', content: await makePdf(['contract']), type: 'application/pdf' });
    assert.equal((await p.server.inject({ method: 'POST', url: `/admin/requests/${requestId}/files`, payload: rel.payload, headers: { ...rel.headers, cookie: officer.cookie } })).statusCode, 303);
    const noOutcome = await step('reply', { text: 'x' });
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.body, /href="#f-outcome"/);
    assert.equal((await step('reply', { outcome: 'partially_disclosed', text: '涉及商业秘密的部分不予公开。' })).statusCode, 303);
    d = await get(`/admin/requests/${requestId}`, officer);
    assert.match(d.body, /第三十七条/);
    const letter = await get(`/admin/requests/${requestId}/letter`, officer);
    assert.equal(letter.statusCode, 200);
    assert.match(letter.body, /政府信息公开申请答复告知书/);
    assert.match(letter.body, /页面测试人：/, 'the staff original names the applicant');
    assert.match(letter.body, /《合同（部分公开）\.pdf》/);
    // The applicant reads the reply and letter, and downloads the released file.
    const view = await get(privateUrl());
    assert.match(view.body, /部分公开/);
    const own = await get(privateUrl('/letter'));
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /申请人：/);
    assert.doesNotMatch(own.body, /页面测试人/);
    const fileId = /\/files\/([^?"]+)\?t=/.exec(view.body.slice(view.body.indexOf('提供的政府信息')))?.[1] ?? '';
    const dl = await get(privateUrl(`/files/${fileId}`));
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal((await get(`/requests/p/${number}/files/${fileId}?t=wrong`)).statusCode, 404);
    assert.equal((await step('close')).statusCode, 303);
    const again = await step('close');
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已办结/);
  });

  test('console: register an offline application by registered mail (Art. 31: signed-for date), lists and overview', async () => {
    const page = await get('/admin/requests/new', officer);
    assert.equal(page.statusCode, 200);
    const missing = await staffPost(officer, '/admin/requests/new', { ...fill(), agency: t.city.id, channel: 'registered_mail', submitted_on: '2026-03-02' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#f-signed_for_on"/);
    const ok = await staffPost(officer, '/admin/requests/new', { ...fill({ title: '挂号信申请' }), agency: t.city.id, channel: 'registered_mail', submitted_on: '2026-03-02', signed_for_on: '2026-03-03' });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /YSQ-2026-\d{6}/);
    assert.match(ok.body, /已受理/);
    assert.equal((await get('/admin/requests?view=overdue', officer)).statusCode, 200);
    assert.equal((await get('/admin/requests?view=finished', officer)).statusCode, 200);
    const mine = await get('/admin/requests?view=mine', officer);
    assert.match(mine.body, /挂号信申请/);
  });

  test('letter templates: readable by staff, editable by a top-level admin only; unknown placeholders refused; reset', async () => {
    admin = await apiLogin(p.server, 'page-admin', PASSWORD); // the clock moved past the first session
    assert.equal((await get('/admin/requests/letters', officer)).statusCode, 200);
    assert.equal((await staffPost(officer, '/admin/requests/letters/disclosed', { body: '{applicant}：改了' })).statusCode, 403);
    const bad = await staffPost(admin, '/admin/requests/letters/disclosed', { body: '{applicant}：{nope}' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /含有不认识的占位符/);
    assert.equal((await staffPost(admin, '/admin/requests/letters/disclosed', { body: '{applicant}：\n\n自定义的告知书 {tracking_number}' })).statusCode, 303);
    const page = await get('/admin/requests/letters/disclosed', admin);
    assert.match(page.body, /自定义的告知书 YSQ-2026-000123/, 'the preview uses the saved template');
    assert.equal((await staffPost(admin, '/admin/requests/letters/disclosed', { body: '' })).statusCode, 303);
    assert.match((await get('/admin/requests/letters/disclosed', admin)).body, /予以公开/);
  });
});
