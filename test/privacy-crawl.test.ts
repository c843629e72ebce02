import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { submitComment, verifyComment } from '../src/commands/consultations/comment.js';
import { openConsultation } from '../src/commands/consultations/open-consultation.js';
import { answerMessage } from '../src/commands/messages/answer-message.js';
import { submitMessage } from '../src/commands/messages/submit-message.js';
import { addStaffFile } from '../src/commands/requests/add-request-file.js';
import { closeRequest } from '../src/commands/requests/close-request.js';
import { confirmReceipt } from '../src/commands/requests/confirm-receipt.js';
import { extendRequest } from '../src/commands/requests/extend-request.js';
import { recordSupplement } from '../src/commands/requests/record-supplement.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';
import { requestCorrection } from '../src/commands/requests/request-correction.js';
import { recordAppeal } from '../src/commands/requests/record-appeal.js';
import { refreshOpenData } from '../src/jobs/opendata-jobs.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { DRAFT_BODY } from './helpers/consultations.js';
import { actorFor, makeStaff } from './helpers/factories.js';
import { makePdf } from './helpers/files.js';
import { cookieHeader, cookiesOf, csrfFromHtml, form } from './helpers/http.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';
import { beijing } from './helpers/requests.js';

const BASE = 'http://gongkai.test';
const MAX_PAGES = 400;

/** Distinctive applicant data, seeded through the public form; none may appear on the public site. */
const PEOPLE = [
  { name: '贾宝玉隐私测试', id_number: '11010519491231002X', phone: '13987654321', email: 'jia.baoyu.crawl@example.test', address: '荣国府怡红院东厢房甲一号', org_name: '' },
  { name: '林黛玉隐私测试', id_number: '320102198001019876', phone: '13700001234', email: 'lin.daiyu.crawl@example.test', address: '潇湘馆竹林深处乙二号', org_name: '' },
  { name: '王熙凤联系人测试', id_number: '', phone: '02188776655', email: 'wang.xifeng.crawl@example.test', address: '大观园议事厅丙三号', org_name: '凤姐隐私测试贸易有限公司' },
];

/**
 * A commenter on a consultation (the e-mail they verified; their comment shows under a chosen
 * pseudonym, which is public by their choice) and a second comment held for the personal data in
 * its text. A sender of a public message (name, phone, e-mail; the name also typed in the text)
 * and a private message whose title must appear nowhere.
 */
const COMMENTER = { email: 'xue.baochai.crawl@example.test', pseudonym: '蘅芜苑读者', held: '我的手机号是13611112222请回电薛宝钗隐私测试' };
const SENDER = { name: '史湘云隐私测试', phone: '13599998888', email: 'shi.xiangyun.crawl@example.test' };
const PRIVATE_TITLE = '私密留言标题隐私测试';

/** Every seeded value, with the forms in which a number might be reformatted. */
function needles(): string[] {
  const out: string[] = [];
  for (const v of [COMMENTER.email, COMMENTER.email.split('@')[0] ?? '', COMMENTER.held, '薛宝钗隐私测试', '13611112222', SENDER.name, SENDER.phone, SENDER.email, SENDER.email.split('@')[0] ?? '', PRIVATE_TITLE]) out.push(v.toLowerCase());
  out.push(encodeURIComponent(COMMENTER.email).toLowerCase(), encodeURIComponent(SENDER.email).toLowerCase(), encodeURIComponent(SENDER.name).toLowerCase());
  out.push('135 9999 8888', '135-9999-8888');
  for (const p of PEOPLE) {
    for (const v of [p.name, p.id_number, p.phone, p.email, p.address, p.org_name]) if (v) out.push(v.toLowerCase());
    if (p.id_number) out.push(p.id_number.slice(6, 14)); // the birth date inside the identity number
    out.push(p.phone.replace(/^(\d{3})(\d{4})(\d+)$/, '$1 $2 $3'), p.phone.replace(/^(\d{3})(\d{4})(\d+)$/, '$1-$2-$3'));
    out.push(encodeURIComponent(p.email).toLowerCase(), encodeURIComponent(p.name).toLowerCase());
  }
  return out;
}

/** Same-site links of a body: href/src attributes, sitemap <loc>, and URLs or API paths inside JSON. */
function linksOf(body: string, contentType: string): string[] {
  const out = new Set<string>();
  const add = (raw: string) => {
    const u = raw.replace(/&amp;/g, '&').trim();
    if (u.startsWith(BASE)) out.add(u.slice(BASE.length) || '/');
    else if (u.startsWith('/') && !u.startsWith('//')) out.add(u);
  };
  for (const m of body.matchAll(/(?:href|src|action)="([^"]+)"/g)) if (m[1]) add(m[1]);
  for (const m of body.matchAll(/<loc>([^<]+)<\/loc>/g)) if (m[1]) add(m[1]);
  for (const m of body.matchAll(/<link>([^<]+)<\/link>/g)) if (m[1]) add(m[1]);
  if (contentType.includes('json')) for (const m of body.matchAll(/"(https?:\/\/gongkai\.test[^"]*|\/api\/v1\/[^"{}]*)"/g)) if (m[1]) add(m[1]);
  if (contentType.includes('text/plain')) for (const m of body.matchAll(/(?:Sitemap:\s*)(\S+)/g)) if (m[1]) add(m[1]);
  return [...out];
}

/**
 * Issue 5, "Privacy": applicants' names, identity numbers, phones, e-mail and postal addresses
 * appear in no public page, feed, sitemap, API response or export. Requests are made through the
 * public form with distinctive data and taken to a reply (with a released file, a linked
 * published document and an appeal); then the public site is crawled from `/` and `/en/`,
 * following every same-site link, the feeds, the sitemap and every parameter-free GET path of
 * the OpenAPI document, and every body is searched for the seeded values.
 */
describe('privacy: no applicant data anywhere on the public site', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let officer: Actor;
  let consultationId = '';
  let messageNumber = '';
  let notReady = { status: 0, body: '' };
  const seen = new Map<string, { status: number; type: string }>();

  before(async () => {
    p = await buildApp();
    p.clock.set(beijing('2026-03-02'));
    const d = p.app.deps;
    pub = await makePublisher(d, 'crawl');
    const city = await d.db.selectFrom('agencies').selectAll().where('id', '=', pub.agencyId).executeTakeFirstOrThrow();
    officer = await actorFor(d, await makeStaff(d, 'crawl-officer', city, 'request_officer'));
    const index = (await publishDocument(d, pub, { title: '关于公园维护合同的公告' })).indexNumber;
    await publishDocument(d, pub, { title: '关于道路维修的通知' });

    const page = await p.server.inject({ url: '/requests/new' });
    const cookie = cookieHeader(cookiesOf(page));
    const csrf = csrfFromHtml(page.body);
    const ids: string[] = [];
    for (const [i, who] of PEOPLE.entries()) {
      const res = await p.server.inject({
        method: 'POST', url: '/requests/new', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({
          _csrf: csrf, agency_code: pub.agencyCode, applicant_type: who.org_name ? 'commercial_enterprise' : 'natural_person', name: who.name,
          id_type: who.id_number ? 'resident_id' : '', id_number: who.id_number, org_name: who.org_name, unified_code: '', phone: who.phone, email: who.email,
          address: who.address, postcode: '100000', title: `公园维护合同${i}`, doc_number: '', other_features: '', form_wanted: 'electronic', delivery_wanted: 'email',
        }),
      });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      const number = /YSQ-2026-\d{6}/.exec(res.body)?.[0] ?? '';
      const row = await d.db.selectFrom('requests').select('id').where('tracking_number', '=', number).executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    // The whole flow on the first request; the others stop at different steps.
    const [a, b, c] = ids;
    assert.ok(a && b && c);
    for (const id of ids) await confirmReceipt(d, officer, id);
    await requestCorrection(d, officer, a, { what: '请明确合同年份', supplementBy: '2026-03-09' });
    p.clock.set(beijing('2026-03-04'));
    await recordSupplement(d, officer, a, { note: '已明确' });
    await extendRequest(d, officer, a, { days: 20, approver: '李主任', reason: '合同较多' });
    await addStaffFile(d, officer, a, 'released', Readable.from(await makePdf(['contract, redacted'])), '公园维护合同（部分公开）.pdf');
    await replyToRequest(d, officer, a, { outcome: 'partially_disclosed', text: '涉及商业秘密的部分不予公开。', linkedIndexNumbers: [index] });
    await closeRequest(d, officer, a);
    await recordAppeal(d, officer, a, { kind: 'reconsideration', filedOn: '2026-03-04', bodyName: '丙市人民政府' });
    await replyToRequest(d, officer, b, { outcome: 'withheld.third_party_rights', text: '涉及第三方权益。' });

    // Issue 8: a consultation with an e-mail-verified comment and a comment held for personal data.
    const draft = (await publishDocument(d, pub, { title: '城市公园管理办法（征求意见稿）', doc_number: '', body_html: DRAFT_BODY })).indexNumber;
    consultationId = (await openConsultation(d, pub.editor, { agency_id: pub.agencyId, draft_index_number: draft, starts_local: '2026-03-04T09:00', ends_local: '2026-04-30T18:00', allow_anonymous: true, moderation: 'post' })).id;
    const sent = await submitComment(d, { consultation_id: consultationId, paragraph: '2', body: '建议公园延长夏季开放时间。', display_name: COMMENTER.pseudonym, mode: 'email', email: COMMENTER.email, reader_id: '', locale: 'zh-CN' });
    const mail = await d.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', `consultation.verify:${sent.id}`).executeTakeFirstOrThrow();
    const token = new URLSearchParams(String((JSON.parse(mail.payload) as { path: string }).path).split('?')[1]).get('t') ?? '';
    assert.equal((await verifyComment(d, token)).state, 'published');
    const held = await submitComment(d, { consultation_id: consultationId, paragraph: '', body: COMMENTER.held, display_name: '', mode: 'anonymous', email: '', reader_id: 'crawl-reader', locale: 'zh-CN' });
    assert.equal(held.queueReason, 'personal_data');

    // Issue 8: a public message (its sender's name also in the text) answered and published, and a private one answered.
    const m = await submitMessage(d, pub.agencyId, { kind: 'complaint', category: 'environment', title: '公园夜间噪声投诉', body: `我是${SENDER.name}，公园夜间广场舞噪声很大。`, name: SENDER.name, phone: SENDER.phone, email: SENDER.email, is_public: true });
    assert.equal((await answerMessage(d, officer, m.messageId, `${SENDER.name}您好，已责成公园管理处处理。`)).published, true);
    messageNumber = m.trackingNumber;
    const priv = await submitMessage(d, pub.agencyId, { kind: 'question', category: 'other', title: PRIVATE_TITLE, body: '不公开的内容。', name: SENDER.name, email: SENDER.email, is_public: false });
    await answerMessage(d, officer, priv.messageId, '私密答复。');

    // Before the first export the open-data files answer 503 "not generated yet" (the open-data
    // area's design); the crawl runs after an export, so the files themselves are searched too.
    const before = await p.server.inject({ url: '/open-data/documents.csv' });
    notReady = { status: before.statusCode, body: before.body };
    await refreshOpenData(d, { trigger: 'cli' });
  });
  after(async () => p.dispose());

  test('crawl the public site and search every response for the seeded values', async () => {
    const engagement = ['/consultations', `/consultations/${consultationId}`, `/api/v1/consultations/${consultationId}`, '/messages', `/messages/${messageNumber}`, `/en/messages/${messageNumber}`, `/api/v1/messages/${messageNumber}`, '/catalog.jsonld', '/open-data/documents.jsonl', '/open-data/documents.csv', '/open-data/statistics.csv'];
    const queue: string[] = [...engagement, '/', '/en/', '/sitemap.xml', '/robots.txt', '/api/v1/openapi.json', '/requests', '/requests/track', '/requests/new', '/deadline'];
    const spec = (await p.server.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(spec.paths)) if ('get' in ops && !path.includes('{')) queue.push(`/api/v1${path}`);
    const find = needles();
    const leaks: string[] = [];
    while (queue.length && seen.size < MAX_PAGES) {
      const url = queue.shift() ?? '/';
      const key = url.split('#')[0] ?? url;
      // Never sign in, never change anything: only anonymous GETs of public paths.
      if (seen.has(key) || key.startsWith('/admin') || key.startsWith('/preferences')) continue;
      const res = await p.server.inject({ method: 'GET', url: key });
      const type = String(res.headers['content-type'] ?? '');
      seen.set(key, { status: res.statusCode, type });
      const body = res.body.toLowerCase();
      for (const n of find) if (body.includes(n)) leaks.push(`${n} in ${key}`);
      if (res.statusCode === 200 && /html|xml|json|text\/plain/.test(type)) for (const link of linksOf(res.body, type)) if (!seen.has(link)) queue.push(link);
    }
    assert.deepEqual(leaks, []);
    process.stdout.write(`# crawled ${seen.size} public responses\n`);
    const urls = [...seen.keys()];
    assert.ok(seen.size >= 60, `crawled ${seen.size} responses`);
    assert.ok(urls.some((u) => u.startsWith('/feeds/')), 'feeds were crawled');
    assert.ok(urls.some((u) => u.startsWith('/documents/')), 'documents were crawled');
    assert.ok(urls.some((u) => u.startsWith('/api/v1/documents')), 'the documents API was crawled');
    assert.ok(urls.some((u) => u.startsWith('/api/v1/agencies')), 'the agencies API was crawled');
    assert.ok(urls.includes('/sitemap.xml') && urls.includes('/requests/track'));
    for (const u of engagement) assert.equal(seen.get(u)?.status, 200, `${u} was crawled`);
    assert.ok(urls.includes('/api/v1/consultations') && urls.includes('/api/v1/messages'), 'the engagement APIs were crawled');
    const failed = [...seen.entries()].filter(([, v]) => v.status >= 500);
    assert.deepEqual(failed, [], 'no public page fails');
  });

  test('the consultation and the message pages show what is public, and only that', async () => {
    const c = (await p.server.inject({ url: `/consultations/${consultationId}` })).body;
    assert.ok(c.includes('建议公园延长夏季开放时间。') && c.includes(COMMENTER.pseudonym), 'the verified comment shows under its pseudonym');
    const m = (await p.server.inject({ url: `/messages/${messageNumber}` })).body;
    assert.ok(m.includes('公园夜间噪声投诉') && m.includes('公园夜间广场舞噪声很大'), 'the message text shows, the name masked');
    assert.equal(notReady.status, 503, 'open-data files before the first export');
    assert.match(notReady.body, /尚未生成/);
  });
});
