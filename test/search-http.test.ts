/**
 * `/api/v1/search`, `/search` and the demand signals over HTTP (issue 6), on the store of the
 * run: invalid input first, then the happy paths; the query log holds no personal data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../src/commands/seed-demo.js';
import { translator } from '../src/i18n/i18n.js';
import { searchDocuments, type SearchResult } from '../src/queries/search.js';
import { listThemes } from '../src/queries/documents.js';
import { SearchPage } from '../src/web/public/search-page.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, seedTree, PASSWORD } from './helpers/factories.js';
import { apiLogin } from './helpers/http.js';

describe('search over HTTP', () => {
  let p: TestPlatform;
  const get = (url: string, headers: Record<string, string> = {}) => p.server.inject({ method: 'GET', url, headers });
  const q = (s: string) => encodeURIComponent(s);
  before(async () => {
    p = await buildApp();
    await seedDemo(p.app.deps);
  });
  after(async () => p.dispose());

  test('API: bad parameters are named in a 400; odd queries are answered with notices', async () => {
    const bad = await get(`/api/v1/search?q=a&genre=nope&year=20x&from=2025-02-30`);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field).sort(), ['from', 'genre', 'year']);
    assert.equal((await get('/api/v1/search?q=a&unknown=1')).statusCode, 400);
    for (const s of ['', '"政务', '！？。', '-预算', 'x'.repeat(10_000)]) {
      const r = await get(`/api/v1/search?q=${q(s)}`);
      assert.equal(r.statusCode, 200, s.slice(0, 10));
      assert.ok(Array.isArray(r.json().notices));
    }
    assert.equal((await get(`/api/v1/search?q=a&agency=NOPE`)).statusCode, 404);
  });

  test('API: results with escaped, marked snippets, facets and a next link', async () => {
    const r = await get(`/api/v1/search?q=${q('政務公開')}&page_size=2`);
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.equal(body.query, '政务公开');
    assert.equal(body.sampled, null, 'a few hundred matches are ranked exactly');
    assert.equal(body.total_exact, true);
    assert.ok(body.total >= 2);
    assert.equal(body.items.length, 2);
    assert.match(body.items[0].title_html, /<mark>政务公开<\/mark>/);
    assert.ok(body.facets.genres.length > 0 && body.facets.agencies.length > 0 && body.facets.years.length > 0);
    assert.match(body.next, /\/api\/v1\/search\?q=.*page=2&page_size=2$/);
  });

  test('page: works without JavaScript, explains odd queries, never an error page', async () => {
    const empty = await get('/search');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /name="q"/);
    for (const s of ['!!!', '"政务', 'x'.repeat(10_000), '<script>alert(1)</script>']) {
      const r = await get(`/search?q=${q(s)}`);
      assert.equal(r.statusCode, 200);
      assert.doesNotMatch(r.body, /<script>alert/);
    }
    assert.match((await get(`/search?q=${q('！？')}`)).body, /请输入要搜索的词语/);
    const bad = await get(`/search?q=${q('预算')}&genre=nope&agency=NOPE`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /genre/);
    assert.match(bad.body, /<mark>预算<\/mark>/, 'the results are still shown');
    const en = await get(`/en/search?q=${q('预算')}&sort=date&page=2`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Search results for/);
    assert.match(en.body, /rel="prev"/);
    assert.equal((await get(`/search?q=${q('预算')}&page=999`)).statusCode, 404);
  });

  test('page: a total that stopped counting reads "more than", in both languages', async () => {
    const themes = await listThemes(p.app.deps);
    const result = await searchDocuments(p.app.deps, { q: '云溪市', page: 1, pageSize: 20, countLimit: 3 });
    assert.equal(result.totalExact, false);
    const render = (r: SearchResult, locale: 'zh-CN' | 'en' = 'zh-CN') => {
      const ctx = { locale, t: translator(locale), display: 'normal' as const, staff: null, actor: null, barePath: '/search', csrf: '' };
      return SearchPage({ ctx, params: { q: '云溪市' }, page: 1, pageSize: 20, result: r, themes, invalid: [] }).html;
    };
    assert.match(render(result), /找到超过 3 条结果/);
    assert.match(render(result, 'en'), /Documents found: more than 3;/);
    assert.match(render(await searchDocuments(p.app.deps, { q: '云溪市', page: 1, pageSize: 20, countLimit: 1 }), 'en'), /more than 1; only the first 1,000 are shown/);
    const exact = await searchDocuments(p.app.deps, { q: '云溪市', page: 1, pageSize: 20 });
    assert.match(render(exact), new RegExp(`共找到 ${exact.total} 条结果`));
  });

  test('demand signals: normalised queries, counts and weeks; no personal data; staff only', async () => {
    await get(`/search?q=${q('政務公開')}`);
    await get(`/api/v1/search?q=${q('政务公开')}`);
    await get(`/search?q=${q('不存在的词语甲乙丙')}`);
    await get(`/search?q=${q('110101199003074514')}`);
    await get(`/search?q=${q('13812345678 预算')}`);
    await get(`/search?q=${q('someone@example.com')}`, { 'x-forwarded-for': '203.0.113.9', cookie: 'tracking=abc' });
    const rows = await p.app.deps.db.selectFrom('search_queries').selectAll().execute();
    const text = JSON.stringify(rows);
    for (const bad of ['110101199003074514', '13812345678', 'someone@example.com', '203.0.113.9', 'tracking']) assert.ok(!text.includes(bad), bad);
    assert.deepEqual(Object.keys(rows[0] ?? {}).sort(), ['agency_id', 'at', 'id', 'query', 'result_count', 'week']);
    assert.equal((await get('/api/v1/search/demand')).statusCode, 401);
    const t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'demand-viewer', t.city, 'editor');
    const staff = await apiLogin(p.server, 'demand-viewer', PASSWORD);
    const d = await get('/api/v1/search/demand', { cookie: staff.cookie });
    assert.equal(d.statusCode, 200);
    const demand = d.json();
    assert.deepEqual(demand.top[0], { query: '政务公开', n: 3, results: 9 });
    assert.ok(demand.zero.some((l: { query: string }) => l.query === '不存在的词语甲乙丙'));
    assert.match(demand.week, /^\d{4}-W\d{2}$/);
  });
});
