import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin } from './helpers/http.js';
import { flushSearchSignals } from '../src/commands/search/record-search.js';
import { PageCache } from '../src/http/page-cache.js';
import { ManualClock } from '../src/domain/clock.js';

describe('page cache eviction', () => {
  test('a page read since eviction last passed gets a second chance; the oldest unread one goes', () => {
    const cache = new PageCache({ maxBytes: 3_000, ttlMs: 60_000, clock: new ManualClock('2026-03-02T02:00:00Z') });
    for (let i = 0; i < 10; i++) cache.set(`p${i}`, 'x'.repeat(300), {});
    assert.equal(cache.size, 10, 'exactly at budget');
    assert.ok(cache.get('p0'), 'the oldest page is read');
    cache.set('p10', 'y'.repeat(300), {});
    assert.ok(cache.get('p0'), 'kept: it was read');
    assert.equal(cache.get('p1'), undefined, 'the oldest unread page went');
    assert.equal(cache.size, 10);
    // Reading many times moves nothing until eviction passes (no per-read reordering).
    for (let i = 0; i < 1000; i++) cache.get('p5');
    cache.set('p11', 'z'.repeat(300), {});
    assert.ok(cache.get('p5'));
    assert.equal(cache.get('p2'), undefined);
  });
});

describe('page cache for public pages', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  before(async () => {
    p = await buildApp({ env: { GONGKAI_PAGE_CACHE_SECONDS: '10' } });
    t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'pc-editor', t.city, 'editor');
  });
  after(async () => p.dispose());

  const get = (url: string, headers: Record<string, string> = {}) => p.server.inject({ url, headers });

  test('a hit is sent gzip-compressed to a client that accepts gzip, and plain to one that does not', async () => {
    const url = `/agencies/${t.city.code}/catalogue`;
    const plain = await get(url);
    assert.equal(plain.headers['x-page-cache'], 'miss');
    assert.equal(plain.headers.vary, 'accept-encoding');
    const gz = await p.server.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(gz.headers['x-page-cache'], 'hit');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'accept-encoding');
    assert.equal(Number(gz.headers['content-length']), gz.rawPayload.length);
    assert.ok(gz.rawPayload.length < plain.rawPayload.length / 2, 'compressed');
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);
    const again = await get(url, { 'accept-encoding': 'identity' });
    assert.equal(again.headers['x-page-cache'], 'hit');
    assert.equal(again.headers['content-encoding'], undefined);
    assert.equal(again.body, plain.body);
  });

  test('a public page is served from memory the second time, per locale and display mode', async () => {
    const url = `/agencies/${t.city.code}`;
    const first = await get(url);
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['x-page-cache'], 'miss');
    const second = await get(url);
    assert.equal(second.headers['x-page-cache'], 'hit');
    assert.equal(second.body, first.body);
    assert.equal(second.headers['content-security-policy'], first.headers['content-security-policy'], 'security headers are still sent');
    assert.equal((await get(`/en${url}`)).headers['x-page-cache'], 'miss', 'English is cached apart');
    const large = await get(url, { cookie: 'gk_display=large' });
    assert.equal(large.headers['x-page-cache'], 'miss');
    assert.match(large.body, /display-large/);
  });

  test('errors and staff requests are never cached; pages expire after the configured time', async () => {
    await get('/agencies/NOPE');
    assert.notEqual((await get('/agencies/NOPE')).headers['x-page-cache'], 'hit');
    const staff = await apiLogin(p.server, 'pc-editor', PASSWORD);
    assert.equal((await get('/', { cookie: staff.cookie })).headers['x-page-cache'], undefined);
    await get('/agencies');
    assert.equal((await get('/agencies')).headers['x-page-cache'], 'hit');
    p.clock.advance(10_001);
    assert.equal((await get('/agencies')).headers['x-page-cache'], 'miss');
  });

  test('a change made through this instance empties the cache at once', async () => {
    const url = `/agencies/${t.city.code}`;
    await get(url);
    assert.equal((await get(url)).headers['x-page-cache'], 'hit');
    await makeStaff(p.app.deps, 'pc-admin', t.provA, 'admin');
    const c = await apiLogin(p.server, 'pc-admin', PASSWORD);
    const version = (await p.app.deps.db.selectFrom('agencies').select('version').where('id', '=', t.city.id).executeTakeFirstOrThrow()).version;
    const res = await p.server.inject({ method: 'PATCH', url: `/api/v1/agencies/${t.city.code}`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: { version, phone: '0990-7654321' } });
    assert.equal(res.statusCode, 200);
    const after = await get(url);
    assert.equal(after.headers['x-page-cache'], 'miss');
    assert.match(after.body, /0990-7654321/);
  });

  test('over a real socket, hits are answered in front of Fastify; staff and English admin URLs never are', async () => {
    await p.server.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.server.server.address();
    assert.ok(addr && typeof addr === 'object');
    const base = `http://127.0.0.1:${addr.port}`;
    const url = `${base}/agencies/${t.city.code}?via=socket`;
    const first = await fetch(url);
    const firstBody = await first.text();
    assert.equal(first.headers.get('x-page-cache'), 'miss');
    const second = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(second.headers.get('x-page-cache'), 'hit');
    assert.equal(second.headers.get('content-encoding'), 'gzip');
    assert.equal(await second.text(), firstBody, 'fetch decompresses to the same page');
    assert.ok(second.headers.get('content-security-policy'), 'security headers replayed');
    assert.ok(second.headers.get('date'), 'a Date header is sent');
    const staff = await apiLogin(p.server, 'pc-editor', PASSWORD);
    const asStaff = await fetch(url, { headers: { cookie: staff.cookie } });
    assert.equal(asStaff.headers.get('x-page-cache'), null);
    await fetch(`${base}/en/admin/login`);
    assert.equal((await fetch(`${base}/en/admin/login`)).headers.get('x-page-cache'), null);
  });

  test('concurrent requests for a page not in the cache render it once; the others wait and take it from the cache', async () => {
    const api = '/api/v1/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80%20%E6%8C%87%E5%8D%97';
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(api)));
    assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200, 200, 200, 200]);
    assert.deepEqual(answers.map((a) => a.headers['x-page-cache']).sort(), ['hit', 'hit', 'hit', 'hit', 'hit', 'miss']);
    for (const a of answers) assert.deepEqual(JSON.parse(a.body), JSON.parse(answers[0]?.body ?? ''));
    await flushSearchSignals(p.app.deps);
    const n = await p.app.deps.db.selectFrom('search_queries').select((eb) => eb.fn.countAll().as('n')).where('query', '=', '政务公开 指南').executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 6, 'each of the six searches is still a demand signal');
  });

  test('search pages and /api/v1/search are cached, and every search still counts as a demand signal', async () => {
    const count = async (q: string) => Number((await p.app.deps.db.selectFrom('search_queries').select((eb) => eb.fn.countAll().as('n')).where('query', '=', q).executeTakeFirstOrThrow()).n);
    const page = '/search?q=%E7%BB%BF%E9%81%93%E7%AE%A1%E7%90%86';
    assert.equal((await get(page)).headers['x-page-cache'], 'miss');
    assert.equal((await get(page)).headers['x-page-cache'], 'hit');
    const api = '/api/v1/search?q=%E5%85%AC%E5%85%B1%E8%87%AA%E8%A1%8C%E8%BD%A6';
    const a1 = await get(api);
    assert.equal(a1.statusCode, 200);
    assert.equal(a1.headers['x-page-cache'], 'miss');
    const a2 = await get(api);
    assert.equal(a2.headers['x-page-cache'], 'hit');
    assert.match(String(a2.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(a2.body), JSON.parse(a1.body));
    // Hits queue their signal and the queue is written together within a second; write it now.
    assert.equal(await flushSearchSignals(p.app.deps), 2, 'two repeats were queued');
    assert.equal(await count('绿道管理'), 2, 'the page search counted twice');
    assert.equal(await count('公共自行车'), 2, 'the API search counted twice');
    assert.equal((await get(api)).headers['x-page-cache'], 'hit');
    await new Promise((r) => setTimeout(r, 1_300));
    assert.equal(await count('公共自行车'), 3, 'a queued repeat is written within a second without being asked');
    // Other API answers are never cached.
    await get('/api/v1/agencies');
    assert.notEqual((await get('/api/v1/agencies')).headers['x-page-cache'], 'hit');
  });
});
