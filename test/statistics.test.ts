import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { extendRequest } from '../src/commands/requests/extend-request.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff, seedTree } from './helpers/factories.js';
import { publishDocument, type Publisher } from './helpers/publish.js';
import { application, beijing } from './helpers/requests.js';

/** Public statistics: server-side SVG charts with data tables and CSV, per agency, subtree and level. */
describe('public statistics pages', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'st-editor', t.city, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'st-reviewer', t.city, 'reviewer'));
    const officer: Actor = await actorFor(d, await makeStaff(d, 'st-officer', t.city, 'request_officer'));
    const pub = (agencyId: string): Publisher => ({ agencyId, agencyCode: '', editor, reviewer });
    p.clock.set(beijing('2025-03-10'));
    await publishDocument(d, pub(t.city.id), { ...draftInput(), date_formed: '2025-03-03', genre: 'notices' });
    await publishDocument(d, pub(t.county1.id), { ...draftInput(), title: '县通知', date_formed: '2025-03-03', genre: 'normative', is_normative: true });
    p.clock.set(beijing('2025-04-08'));
    await publishDocument(d, pub(t.county1.id), { ...draftInput(), title: '县规划', date_formed: '2025-04-01', genre: 'plans' });
    // County D: received Mon 3 Mar 2025, replied Thu 6 Mar (3 working days, on time); one more extended.
    p.clock.set(beijing('2025-03-03'));
    const a = await registerOffline(d, officer, t.county1.id, { ...application({ applicant_type: 'commercial_enterprise', org_name: '某公司', name: '唯一申请人甲' }), channel: 'in_person' });
    const b = await registerOffline(d, officer, t.county1.id, { ...application({ title: '另一项申请' }), channel: 'in_person' });
    p.clock.set(beijing('2025-03-06'));
    await replyToRequest(d, officer, a.requestId, { outcome: 'disclosed', text: '公开。' });
    await extendRequest(d, officer, b.requestId, { days: 10, approver: '李主任', reason: '需要调取档案' });
    p.clock.set(beijing('2025-12-01'));
  });
  after(async () => p.dispose());
  const get = (url: string) => p.server.inject({ url });

  test('an agency page: key figures, an SVG chart with its table and CSV for each chart, no inline styles, no applicant data', async () => {
    const r = await get(`/statistics/${t.county1.code}?year=2025`);
    assert.equal(r.statusCode, 200);
    assert.equal((r.body.match(/<svg role="img" aria-label="/g) ?? []).length, 5);
    assert.doesNotMatch(r.body, / style="|<style/, 'CSP style-src self: no inline style');
    assert.match(r.body, /<dt>主动公开文件数<\/dt><dd>2<\/dd>/);
    assert.match(r.body, /<dt>本年新收申请数<\/dt><dd>2<\/dd>/);
    assert.match(r.body, /<dt>按期答复的比例（条例第三十三条）<\/dt><dd>100%<\/dd>/);
    assert.match(r.body, /<dt>答复用时中位数（工作日）<\/dt><dd>3<\/dd>/);
    assert.match(r.body, /<dt>延期答复的申请数<\/dt><dd>1<\/dd>/);
    assert.match(r.body, /<th scope="row">3月<\/th><td class="num">1<\/td>/);
    assert.doesNotMatch(r.body, /唯一申请人甲|110101199003070011/);
    const csv = await get(`/statistics/${t.county1.code}/requests-month.csv?year=2025&scope=agency`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /^\uFEFF类别,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他\r\n/);
    assert.match(csv.body, /\r\n3月,1,1,0,0,0,0\r\n/);
    const en = await get(`/en/statistics/${t.county1.code}?year=2025`);
    assert.match(en.body, /Requests received by month and applicant type/);
  });

  test('subtree and the comparison across a level', async () => {
    const own = await get(`/statistics/${t.city.code}?year=2025`);
    assert.match(own.body, /<dt>主动公开文件数<\/dt><dd>1<\/dd>/);
    const sub = await get(`/statistics/${t.city.code}?year=2025&scope=subtree`);
    assert.match(sub.body, /<dt>主动公开文件数<\/dt><dd>3<\/dd>/);
    const cmp = await get(`/statistics/${t.city.code}/compare?year=2025`);
    assert.equal(cmp.statusCode, 200);
    assert.match(cmp.body, /丁县<\/a><\/th><td class="num">2<\/td><td class="num">[^<]*<\/td><td class="num">2<\/td>/);
    assert.match(cmp.body, /戊县<\/a><\/th><td class="num">0<\/td>/);
    const csv = await get(`/statistics/${t.city.code}/compare.csv?year=2025`);
    assert.match(csv.body, /丁县,2,2\r\n/);
  });

  test('the index links every agency to its statistics; the public navigation links the index', async () => {
    const r = await get('/statistics?year=2025');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`href="/statistics/${t.county1.code}\\?year=2025&amp;scope=subtree">丁县</a>`));
    assert.match((await get('/')).body, /<a href="\/statistics"[^>]*>公开统计<\/a>/);
  });

  test('bad input: an unknown agency is 404, a bad year 400, an unknown chart 404', async () => {
    assert.equal((await get('/statistics/NOPE?year=2025')).statusCode, 404);
    assert.equal((await get(`/statistics/${t.city.code}?year=20x5`)).statusCode, 400);
    assert.equal((await get(`/statistics/${t.city.code}/nope.csv`)).statusCode, 404);
  });
});
