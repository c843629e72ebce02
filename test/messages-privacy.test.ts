import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answerMessage } from '../src/commands/messages/answer-message.js';
import { submitMessage } from '../src/commands/messages/submit-message.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, cookieHeader, cookiesOf, csrfFromHtml, form, type StaffClient } from './helpers/http.js';
import { beijing } from './helpers/requests.js';

const store = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

// What the sender typed about themselves; none of it may reach a public page, list, API or event.
const NAME = '张三丰';
const PHONE = '13912345678';
const EMAIL = 'zhang.sf@example.test';
const ID_NUMBER = '11010519491231002X';
// The birth date inside the identity number and a phone's prefix must not survive either.
const PERSONAL = [NAME, PHONE, '139-1234-5678', '1391234', EMAIL, ID_NUMBER, '19491231', 'zhang.sf'];

describe(`messages: public pages without personal data, private messages never public [${store}]`, () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let anon = { cookie: '', csrf: '' };
  let officer: StaffClient;
  const get = (url: string, who?: StaffClient) => p.server.inject({ url, headers: who ? { cookie: who.cookie } : {} });
  const postAnon = (url: string, data: Record<string, string>) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: anon.csrf, ...data }) });
  const staffPost = (who: StaffClient, url: string, data: Record<string, string>) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: who.csrf, ...data }) });
  const fill = (over: Record<string, string> = {}) => ({
    agency_code: t.county1.code, kind: 'complaint', category: 'environment', title: `${NAME}反映小区夜间施工噪音`,
    body: `我是${NAME}，住在丁县幸福小区。电话139-1234-5678，邮箱${EMAIL}，身份证号${ID_NUMBER}。夜间施工噪音扰民，请予处理。`,
    name: NAME, email: EMAIL, phone: PHONE, is_public: '1', ...over,
  });
  const noPersonalData = (where: string, text: string) => {
    for (const s of PERSONAL) assert.ok(!text.includes(s), `${where} must not contain ${s}`);
  };

  before(async () => {
    p = await buildApp();
    p.clock.set(beijing('2026-03-02'));
    t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'pm-officer', t.county1, 'request_officer');
    officer = await apiLogin(p.server, 'pm-officer', PASSWORD);
    const page = await get('/messages/new');
    anon = { cookie: cookieHeader(cookiesOf(page)), csrf: csrfFromHtml(page.body) };
  });
  after(async () => p.dispose());

  test('unauthenticated and invalid first: the console needs sign-in, the form its token; bad input is a 400 that keeps what was typed', async () => {
    assert.equal((await get('/admin/messages')).statusCode, 303);
    const noToken = await p.server.inject({ method: 'POST', url: '/messages/new', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fill()) });
    assert.equal(noToken.statusCode, 403);
    const bad = await postAnon('/messages/new', fill({ agency_code: 'nope', kind: '', title: '', email: '', phone: '', name: '保留的姓名' }));
    assert.equal(bad.statusCode, 400);
    for (const f of ['agency_code', 'kind', 'title', 'email']) assert.match(bad.body, new RegExp(`href="#f-${f}"`));
    assert.match(bad.body, /value="保留的姓名"/);
    assert.equal(bad.headers['cache-control'], 'no-store');
    assert.equal((await get('/messages/LY-2026-999999')).statusCode, 404);
    assert.equal((await get('/messages/not-a-number')).statusCode, 404);
    assert.equal((await get('/api/v1/messages/LY-2026-999999')).statusCode, 404);
    assert.equal((await get('/api/v1/messages?page=0')).statusCode, 400);
    const form0 = await get(`/messages/new?agency=${t.county1.code}`);
    assert.match(form0.body, new RegExp(`href="/requests/new\\?agency=${t.county1.code}"`), 'the Art. 39 hint links to the request form of that agency');
  });

  test('a public message is published with its answer, and no personal data, on the list, its page, the API and the event', async () => {
    const sent = await postAnon('/messages/new', fill());
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 500));
    const number = /(LY-2026-\d{6})/.exec(sent.body)?.[1] ?? '';
    const token = /\?t=([A-Za-z0-9_-]+)/.exec(sent.body)?.[1] ?? '';
    assert.ok(number && token);
    assert.equal(sent.headers['referrer-policy'], 'no-referrer');
    const row = await p.app.deps.db.selectFrom('messages').selectAll().where('tracking_number', '=', number).executeTakeFirstOrThrow();
    noPersonalData('the messages row of a sender', JSON.stringify({ ...row, title: '', body: '' }));
    assert.equal((await get(`/messages/${number}`)).statusCode, 404, 'not public before the answer');

    // The officer sees the sender and the masked preview, then answers through the console.
    const detail = await get(`/admin/messages/${row.id}`, officer);
    assert.equal(detail.statusCode, 200);
    assert.ok(detail.body.includes(EMAIL), 'staff in scope see the contact data');
    const answered = await staffPost(officer, `/admin/messages/${row.id}/answer`, { answer: `经核查，已联系${NAME}（${PHONE}）并责令施工单位夜间停工。` });
    assert.equal(answered.statusCode, 303, answered.body.slice(0, 300));

    const page = await get(`/messages/${number}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /夜间施工噪音扰民/, 'the message is there');
    assert.match(page.body, /责令施工单位夜间停工/, 'and the answer');
    noPersonalData('the public page', page.body);
    noPersonalData('the English page', (await get(`/en/messages/${number}`)).body);
    const list = await get('/messages');
    assert.ok(list.body.includes(`/messages/${number}`));
    noPersonalData('the public list', list.body);
    noPersonalData('the agency-filtered list', (await get(`/messages?agency=${t.county1.code}&kind=complaint`)).body);
    const api = await get('/api/v1/messages');
    assert.equal(api.statusCode, 200);
    assert.ok((api.json() as { items: { tracking_number: string }[] }).items.some((i) => i.tracking_number === number));
    noPersonalData('the API list', api.body);
    const one = await get(`/api/v1/messages/${number}`);
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /夜间施工噪音扰民/);
    noPersonalData('the API message', one.body);
    const events = await p.app.deps.db.selectFrom('events').selectAll().where('kind', '=', 'message.answer_published').execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]?.subject_id, row.id);
    noPersonalData('the event payload', events[0]?.payload ?? '');

    // The sender's private page shows the answer and takes one rating.
    const mine = await get(`/messages/p/${number}?t=${token}`);
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.headers['cache-control'], 'no-store');
    assert.match(mine.body, /责令施工单位夜间停工/);
    assert.equal((await get(`/messages/p/${number}?t=wrong`)).statusCode, 404);
    const privCookie = cookieHeader({ ...Object.fromEntries(anon.cookie.split('; ').map((c) => c.split('='))), ...cookiesOf(mine) });
    const rate = (rating: string) =>
      p.server.inject({ method: 'POST', url: `/messages/p/${number}/rating`, headers: { cookie: privCookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: csrfFromHtml(mine.body), t: token, rating, comment: `谢谢，${NAME}` }) });
    assert.equal((await rate('')).statusCode, 400);
    assert.equal((await rate('satisfied')).statusCode, 303);
    assert.equal((await rate('neutral')).statusCode, 409, 'once per message');
    const ratings = await get(`/api/v1/messages/ratings?agency=${t.county1.code}`);
    assert.deepEqual((ratings.json() as { items: { answered: number; satisfied: number }[] }).items.map((i) => [i.answered, i.satisfied]), [[1, 1]]);
    noPersonalData('the public list with ratings', (await get('/messages')).body);
    const track = await p.server.inject({ method: 'POST', url: '/messages/track', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ number: number.toLowerCase(), token }) });
    assert.equal(track.statusCode, 303);
    assert.equal(track.headers.location, `/messages/p/${number}?t=${token}`);
  });

  test('a private message is never public, even answered', async () => {
    const d = p.app.deps;
    const r = await submitMessage(d, t.county1.id, { kind: 'question', category: 'housing', title: '私密留言标题', body: '不公开的内容', name: '王私密', email: 'wang.private@example.test', is_public: false });
    const o = await actorFor(d, { id: (await d.db.selectFrom('users').select('id').where('username', '=', 'pm-officer').executeTakeFirstOrThrow()).id, username: 'pm-officer' });
    const a = await answerMessage(d, o, r.messageId, '私密答复');
    assert.equal(a.published, false);
    assert.equal((await get(`/messages/${r.trackingNumber}`)).statusCode, 404);
    assert.equal((await get(`/api/v1/messages/${r.trackingNumber}`)).statusCode, 404);
    for (const url of ['/messages', '/en/messages', '/api/v1/messages', `/messages?agency=${t.county1.code}`]) {
      const body = (await get(url)).body;
      assert.ok(!body.includes('私密留言') && !body.includes(r.trackingNumber) && !body.includes('私密答复'), `${url} shows nothing of it`);
    }
    const events = await d.db.selectFrom('events').select('subject_id').where('kind', '=', 'message.answer_published').execute();
    assert.ok(!events.some((e) => e.subject_id === r.messageId), 'no platform event');
    assert.equal((await get(`/messages/p/${r.trackingNumber}?t=${encodeURIComponent(r.token)}`)).statusCode, 200, 'the sender still reads it privately');
  });

  test('console: lists with overdue marks, the deadline setting, and the Art. 39 redirect form', async () => {
    const d = p.app.deps;
    p.clock.set(beijing('2026-03-02'));
    const r = await submitMessage(d, t.county1.id, { kind: 'question', category: 'policy', title: '逾期留言', body: '内容', name: '赵', phone: '0990-1111111', is_public: true });
    p.clock.set(beijing('2026-03-12'));
    officer = await apiLogin(p.server, 'pm-officer', PASSWORD); // the earlier session has expired by now
    const overdue = await get('/admin/messages?view=overdue', officer);
    assert.equal(overdue.statusCode, 200);
    assert.match(overdue.body, new RegExp(`${r.trackingNumber}[\\s\\S]*超期 3 个工作日`));
    assert.match(overdue.body, /class="rq-overdue"/);
    assert.ok((await get(`/admin/messages?view=all&agency=${t.county1.id}`, officer)).body.includes(r.trackingNumber), 'the agency filter keeps it');
    assert.ok(!(await get(`/admin/messages?view=all&agency=${t.dept1.id}`, officer)).body.includes(r.trackingNumber), 'another agency filters it out');
    const bad = await staffPost(officer, `/admin/messages/${r.messageId}/redirect`, { channel: '', note: '' });
    assert.equal(bad.statusCode, 400);
    const ok = await staffPost(officer, `/admin/messages/${r.messageId}/redirect`, { channel: 'petition', note: '' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await staffPost(officer, `/admin/messages/${r.messageId}/answer`, { answer: 'x' })).statusCode, 409);
    await makeStaff(d, 'pm-admin', t.county1, 'admin');
    const admin = await apiLogin(p.server, 'pm-admin', PASSWORD);
    assert.equal((await staffPost(admin, '/admin/messages/settings', { agency: t.county1.id, answer_days: '99' })).statusCode, 400);
    assert.equal((await staffPost(admin, '/admin/messages/settings', { agency: t.county1.id, answer_days: '10' })).statusCode, 303);
    assert.match((await get('/admin/messages/settings', admin)).body, /<td>10<\/td>/);
    assert.equal((await staffPost(officer, '/admin/messages/settings', { agency: t.county1.id, answer_days: '3' })).statusCode, 403);
  });

  test('staff can withdraw a published message (masking missed something); it leaves every public view', async () => {
    const d = p.app.deps;
    officer = await apiLogin(p.server, 'pm-officer', PASSWORD);
    const r = await submitMessage(d, t.county1.id, { kind: 'question', category: 'health', title: '邻居王五的病情', body: '住在幸福路8号的王五需要帮助。', name: '钱', phone: '0990-2222222', is_public: true });
    const o = await actorFor(d, { id: (await d.db.selectFrom('users').select('id').where('username', '=', 'pm-officer').executeTakeFirstOrThrow()).id, username: 'pm-officer' });
    await answerMessage(d, o, r.messageId, '已转社区跟进。');
    assert.equal((await get(`/messages/${r.trackingNumber}`)).statusCode, 200);
    assert.equal((await staffPost(officer, `/admin/messages/${r.messageId}/unpublish`, { unpublish_reason: '' })).statusCode, 400);
    assert.equal((await staffPost(officer, `/admin/messages/${r.messageId}/unpublish`, { unpublish_reason: '含第三人姓名和住址' })).statusCode, 303);
    assert.equal((await get(`/messages/${r.trackingNumber}`)).statusCode, 404);
    assert.equal((await get(`/api/v1/messages/${r.trackingNumber}`)).statusCode, 404);
    assert.ok(!(await get('/messages')).body.includes('王五'));
    assert.ok(!(await get('/api/v1/messages')).body.includes('王五'));
    assert.equal((await staffPost(officer, `/admin/messages/${r.messageId}/unpublish`, { unpublish_reason: '再次' })).statusCode, 409);
    const row = await d.db.selectFrom('messages').select(['public_title', 'public_body', 'public_answer']).where('id', '=', r.messageId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { public_title: null, public_body: null, public_answer: null });
  });

  test('abuse: more than 30 messages a minute from one address are refused with 429 (the platform rate limit)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await postAnon('/messages/new', fill({ title: '' }))).statusCode);
    assert.equal(statuses[0], 400, 'the first are answered (here: invalid)');
    assert.equal(statuses[statuses.length - 1], 429);
    assert.ok(statuses.indexOf(429) <= 30, `limited by the 31st request in the minute: ${statuses.join(',')}`);
  });
});
