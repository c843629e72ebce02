import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { registerSitemapRoutes, sitemapParts } from '../src/web/public/sitemap-routes.js';
import { asciiFallback, contentDisposition } from '../src/web/public/content-disposition.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { assertInertHtml } from './helpers/html-inert.js';
import { BUDGET_CSV, BUDGET_CSV_NAME, buildPortalFixture, publishCorrection, publishDoc, type Publisher } from './helpers/portal-fixtures.js';

/** Positions of `needles` in `hay`, asserting each is present. */
function positions(hay: string, needles: string[]): number[] {
  return needles.map((n) => {
    const i = hay.indexOf(n);
    assert.ok(i >= 0, `missing ${n}`);
    return i;
  });
}

const XSS = {
  title: '<script>alert("t")</script>"><img src=x onerror=alert(1)>',
  doc_number: '"><svg onload=alert(1)>',
  keywords: 'javascript:alert(1) <b onmouseover=alert(1)>k</b>',
  summary: `<a href="javascript:alert(1)">x</a> ' onfocus='alert(1)`,
  body_html: '<p>ok</p><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">j</a><svg onload=alert(1)></svg><p onclick="alert(1)">c</p>',
  change_note: `<script>alert('v2')</script><svg/onload=alert(2)>`,
  reason: `"><img src=x onerror=alert('w')> javascript:alert(1)`,
  file: `x' onmouseover='alert(1)' &amp; javascript&#58;alert(1).csv`,
};

describe('public portal', () => {
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let pub: Publisher;
  let fx: Awaited<ReturnType<typeof buildPortalFixture>>;
  let xss: { indexNumber: string; sha256: string };
  const get = (url: string, headers: Record<string, string> = {}) => p.server.inject({ url, headers });

  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    tree = await seedTree(d);
    pub = {
      deps: d,
      editor: await actorFor(d, await makeStaff(d, 'portal-editor', tree.city, 'editor')),
      reviewer: await actorFor(d, await makeStaff(d, 'portal-reviewer', tree.city, 'reviewer')),
    };
    fx = await buildPortalFixture(pub, tree, p.clock);
    // One document with an attack in every text field, a correction and a withdrawal.
    p.clock.set('2026-03-05T02:00:00Z');
    const x = await publishDoc(pub, tree.county2, { title: XSS.title, doc_number: XSS.doc_number, keywords: XSS.keywords, summary: XSS.summary, body_html: XSS.body_html }, [{ name: XSS.file, content: 'a,b\n1,2\n' }]);
    await publishCorrection(pub, x.documentId, { change_note: XSS.change_note });
    await withdrawDocument(d, pub.reviewer, x.documentId, XSS.reason);
    xss = { indexNumber: x.indexNumber, sha256: x.files[0]?.sha256 ?? '' };
  });
  after(async () => p.dispose());

  describe('refusals first', () => {
    test('unknown or malformed documents, versions, agencies and files are 404 pages', async () => {
      const idx = fx.policy.indexNumber;
      for (const url of [
        `/documents/${tree.city.code}/2026-99999`,
        '/documents/nope/2026-00001',
        `/documents/${tree.city.code}/26-1`,
        `/documents/${idx}/v/0`,
        `/documents/${idx}/v/3`,
        `/documents/${idx}/v/abc`,
        `/documents/${idx}/preview/${'0'.repeat(64)}`,
        '/agencies/NOPE/catalogue',
        `/files/${'0'.repeat(64)}/x.csv`,
        '/files/not-a-hash/x.csv',
        `/files/${fx.policy.files[0]?.sha256}/other-name.csv`,
        '/en/documents/x/y',
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.headers['content-type'] as string, /text\/html/, url);
        assert.match(res.body, /<h1>/, url);
      }
    });

    test('drafts never show: not their attachment, not in lists, feeds or the sitemap', async () => {
      const res = await get(`/files/${fx.draft.sha256}/${encodeURIComponent(fx.draft.filename)}`);
      assert.equal(res.statusCode, 404);
      assert.doesNotMatch(res.body, /draft-only/);
      for (const url of ['/', `/agencies/${tree.city.code}`, `/agencies/${tree.city.code}/catalogue`, `/agencies/${tree.city.code}/catalogue?page=2`, '/documents?page=2', '/feeds/all.rss', '/feeds/all.json', '/sitemap.xml']) {
        const body = (await get(url)).body;
        assert.ok(!body.includes('尚未发布的草稿文件'), url);
        assert.ok(!body.includes(fx.draft.sha256), url);
      }
    });

    test('bad filter values give a helpful page, never a 500', async () => {
      const base = `/agencies/${tree.city.code}/catalogue`;
      const cases: [string, number, RegExp][] = [
        ['?genre=poetry', 400, /以下筛选条件无效，已忽略：类别/],
        ['?page=0', 400, /分页/],
        ['?page=-1', 400, /分页/],
        ['?page=1.5', 400, /分页/],
        ['?year=abc', 400, /发布年份/],
        ['?year=99999', 400, /发布年份/],
        ['?validity=maybe', 400, /有效性/],
        ['?theme=nope', 400, /主题分类/],
        ['?normative=yes', 400, /仅显示行政规范性文件/],
        [`?genre=${'x'.repeat(5000)}`, 400, /类别/],
        ['?genre=notices&genre=plans', 400, /类别/],
        ['?page=99999', 404, /第 99999 页不存在：当前条件下共 2 页/],
        ['?year=1999', 200, /没有符合条件的文件/],
      ];
      for (const [q, status, re] of cases) {
        const res = await get(base + q);
        assert.equal(res.statusCode, status, q);
        assert.match(res.body, re, q);
        assert.match(res.body, /<form class="form catalogue-filters"/, `${q}: the filters are still there`);
      }
      // Ignored values do not empty the list: the rest of the catalogue still shows.
      assert.match((await get(`${base}?genre=poetry`)).body, /丙市财政预算管理办法/);
      assert.match((await get(`/en${base}?genre=poetry`)).body, /were not understood and were ignored: Category/);
    });
  });

  describe('catalogue', () => {
    test('pagination with stable URLs and counts', async () => {
      const base = `/agencies/${tree.city.code}/catalogue`;
      const p1 = (await get(base)).body;
      assert.match(p1, /共 25 条/);
      assert.equal(p1.match(/<li class="doc-entry/g)?.length, 20);
      assert.ok(p1.includes(`href="${base}?page=2" rel="next"`));
      assert.ok(p1.includes(`<link rel="canonical" href="http://gongkai.test${base}"`));
      const p2 = (await get(`${base}?page=2`)).body;
      assert.equal(p2.match(/<li class="doc-entry/g)?.length, 5);
      assert.ok(p2.includes(`<link rel="canonical" href="http://gongkai.test${base}?page=2"`));
      assert.ok(p2.includes(`href="${base}" rel="prev"`), 'page 1 has no page parameter');
      // Pages do not overlap.
      const titles = (h: string) => [...h.matchAll(/<h3 class="doc-entry-title"><a href="([^"]+)"/g)].map((m) => m[1]);
      const all = [...titles(p1), ...titles(p2)];
      assert.equal(new Set(all).size, 25);
      // Filters keep a fixed order in links, whatever order the visitor typed them in.
      const f = (await get(`${base}?year=2026&genre=notices`)).body;
      assert.ok(f.includes(`href="${base}?genre=notices&amp;year=2026&amp;page=2"`) || !f.includes('rel="next"'));
      assert.ok(f.includes(`<link rel="canonical" href="http://gongkai.test${base}?genre=notices&amp;year=2026"`));
    });

    test('filters by genre, year, validity, normative and subtree, with facet counts', async () => {
      const base = `/agencies/${tree.city.code}/catalogue`;
      const count = async (q: string) => Number(/共 (\d+) 条/.exec((await get(base + q)).body)?.[1]);
      assert.equal(await count('?genre=normative'), 2);
      assert.equal(await count('?genre=interpretation'), 1);
      assert.equal(await count('?year=2025'), 3);
      assert.equal(await count('?validity=repealed'), 1);
      assert.equal(await count('?normative=1'), 2);
      assert.equal(await count('?theme=finance'), 3, 'a parent theme includes its children');
      assert.equal(await count('?subtree=1'), 27, 'with the two counties');
      const page = (await get(base)).body;
      assert.match(page, /通知公告（22）/);
      assert.match(page, /行政规范性文件（2）/);
      assert.match(page, /2026（22）/);
      assert.match(page, /2025（3）/);
      // Markers: withdrawn and repealed entries stay listed and say so.
      const rep = (await get(`${base}?validity=repealed`)).body;
      assert.match(rep, /丙市旧预算管理规定<\/a> <span class="state-markers"><span class="marker marker-repealed">已废止<\/span>/);
      const notices = (await get(`${base}?genre=notices&page=1`)).body + (await get(`${base}?genre=notices&page=2`)).body;
      assert.match(notices, /关于误发文件的通知<\/a> <span class="state-markers"><span class="marker marker-withdrawn">已撤回<\/span>/);
      // Each entry shows index number, document number and both dates.
      assert.match(rep, new RegExp(`${fx.oldRule.indexNumber}[\\s\\S]*丙政发〔2020〕9号[\\s\\S]*成文日期[\\s\\S]*发布日期`));
    });

    test('the site-wide catalogue takes the same filters; the theme catalogue advertises its feed', async () => {
      const res = await get('/documents?theme=finance.budget');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /共 3 条/);
      assert.ok(res.body.includes('href="/feeds/themes/finance.budget.atom"'));
    });
  });

  describe('document page', () => {
    test('metadata in the usual order, then the body, attachments and versions', async () => {
      const res = await get(`/documents/${fx.policy.indexNumber}`);
      assert.equal(res.statusCode, 200);
      const html = res.body;
      const labels = ['索引号', '主题分类', '发文机关', '成文日期', '发布日期', '文号', '标题', '主题词', '内容概述', '有效性'].map((l) => `<th scope="row">${l}</th>`);
      const pos = positions(html, labels);
      assert.deepEqual([...pos].sort((a, b) => a - b), pos, 'metadata rows in order');
      const [body, atts, versions] = positions(html, ['id="body-h"', 'id="attachments-h"', 'id="versions-h"']);
      assert.ok((pos[pos.length - 1] ?? 0) < (body ?? 0) && (body ?? 0) < (atts ?? 0) && (atts ?? 0) < (versions ?? 0));
      assert.ok(html.includes(`<link rel="canonical" href="http://gongkai.test/documents/${fx.policy.indexNumber}"`));
      assert.ok(html.includes(`hreflang="en" href="http://gongkai.test/en/documents/${fx.policy.indexNumber}"`));
      // Attachment: size, type, SHA-256 and a download link with the Chinese name.
      const f = fx.policy.files[0];
      assert.ok(f);
      assert.ok(html.includes(`href="/files/${f.sha256}/${encodeURIComponent(BUDGET_CSV_NAME)}"`));
      assert.ok(html.includes(`<code class="hash">${f.sha256}</code>`));
      assert.match(html, /<code>text\/csv<\/code>/);
      assert.ok(html.includes(`${Buffer.byteLength(BUDGET_CSV)} B`));
      // Versions with change notes; the current one marked.
      assert.match(html, /第 1 版<\/a> <span class="muted">发布于 2026-03-02<\/span>/);
      assert.match(html, /更正第三条的表述/);
      assert.ok(html.includes(`href="/documents/${fx.policy.indexNumber}/v/1"`));
      assert.doesNotMatch(html, /这不是现行版本/);
      // Its agency's feeds are advertised.
      assert.ok(html.includes(`<link rel="alternate" type="application/atom+xml" href="/feeds/agencies/${tree.city.code}/agency.atom"`));
      // The public record: the content fingerprint, the proof link and how to verify.
      assert.match(html, /公开记录/);
      assert.ok(html.includes(`href="/api/v1/documents/${fx.policy.indexNumber}/v/2/proof"`));
      assert.match(html, /如何核验/);
    });

    test('an older version says it is not current and links to the current one', async () => {
      const res = await get(`/documents/${fx.policy.indexNumber}/v/1`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /您正在查看本文件的第 1 版（2026-03-02 发布），这不是现行版本。/);
      assert.ok(res.body.includes(`<a href="/documents/${fx.policy.indexNumber}">查看现行版本（第 2 版）</a>`));
      assert.ok(res.body.includes(`<link rel="canonical" href="http://gongkai.test/documents/${fx.policy.indexNumber}/v/1"`));
      assert.match(res.body, /规范全市财政预算管理。/);
      // The current version at its /v/n URL names the plain URL as canonical.
      const cur = await get(`/documents/${fx.policy.indexNumber}/v/2`);
      assert.ok(cur.body.includes(`<link rel="canonical" href="http://gongkai.test/documents/${fx.policy.indexNumber}"`));
      // English.
      const en = await get(`/en/documents/${fx.policy.indexNumber}/v/1`);
      assert.match(en.body, /You are reading version 1 of this document/);
      assert.match(en.body, /<th scope="row">Index number<\/th>/);
    });

    test('withdrawal and validity notices, and interpretation links both ways', async () => {
      const w = (await get(`/documents/${fx.withdrawn.indexNumber}`)).body;
      assert.match(w, /<section class="notice notice-alert" aria-labelledby="notice-withdrawn"><h2 id="notice-withdrawn">本文件已撤回<\/h2><p>撤回日期：2026-03-04<\/p><p>撤回原因：误发布，已撤回<\/p>/);
      const r = (await get(`/documents/${fx.oldRule.indexNumber}`)).body;
      assert.match(r, /本文件已废止/);
      assert.match(r, /日期：2026-03-04/);
      assert.ok(r.includes(`替代文件：<a href="/documents/${fx.policy.indexNumber}">丙市财政预算管理办法</a>`));
      const policy = (await get(`/documents/${fx.policy.indexNumber}`)).body;
      assert.ok(policy.includes(`<a href="/documents/${fx.interp.indexNumber}">《丙市财政预算管理办法》政策解读</a>`));
      const interp = (await get(`/documents/${fx.interp.indexNumber}`)).body;
      assert.match(interp, /本文解读的政策/);
      assert.ok(interp.includes(`<a href="/documents/${fx.policy.indexNumber}">丙市财政预算管理办法</a>`));
    });

    test('the print view has no navigation and points back to the page', async () => {
      const res = await get(`/documents/${fx.policy.indexNumber}?print=1`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /class="site-nav"|class="site-header"|class="breadcrumbs"/);
      assert.match(res.body, /<meta name="robots" content="noindex">/);
      assert.ok(res.body.includes(`<link rel="canonical" href="http://gongkai.test/documents/${fx.policy.indexNumber}"`));
      assert.match(res.body, /<th scope="row">索引号<\/th>/);
    });

    test('a CSV attachment has a table preview', async () => {
      const f = fx.policy.files[0];
      const res = await get(`/documents/${fx.policy.indexNumber}/preview/${f?.sha256}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<th scope="col">金额（万元）<\/th>/);
      assert.match(res.body, /<td>一般公共预算支出<\/td>/);
    });
  });

  describe('downloads', () => {
    test('headers: type, Chinese name, ETag, immutable caching, nosniff; 304 on If-None-Match', async () => {
      const f = fx.policy.files[0];
      assert.ok(f);
      const url = `/files/${f.sha256}/${encodeURIComponent(BUDGET_CSV_NAME)}`;
      const res = await get(url);
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, BUDGET_CSV);
      assert.equal(res.headers['content-type'], 'text/csv');
      assert.equal(res.headers['content-length'], String(Buffer.byteLength(BUDGET_CSV)));
      assert.equal(res.headers.etag, `"${f.sha256}"`);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['content-disposition'], `attachment; filename="2026_.csv"; filename*=UTF-8''${encodeURIComponent(BUDGET_CSV_NAME)}`);
      const again = await get(url, { 'if-none-match': `"${f.sha256}"` });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal((await get(url, { 'if-none-match': '"other", W/"' + f.sha256 + '"' })).statusCode, 304);
      assert.equal((await get(url, { 'if-none-match': '"other"' })).statusCode, 200);
      // The same file stays downloadable from an older version's page.
      assert.ok((await get(`/documents/${fx.policy.indexNumber}/v/1`)).body.includes(url));
    });

    test('Content-Disposition encodings', () => {
      assert.equal(contentDisposition('report.pdf'), 'attachment; filename="report.pdf"');
      assert.equal(asciiFallback('预算.pdf'), 'attachment.pdf');
      assert.equal(contentDisposition(`a "b" (c)*'.csv`), `attachment; filename="a _b_ (c)*'.csv"; filename*=UTF-8''a%20%22b%22%20%28c%29%2A%27.csv`);
    });
  });

  describe('home and agency pages', () => {
    test('home: latest documents, entry points, labelled search box, three site-wide feeds', async () => {
      const html = (await get('/')).body;
      assert.match(html, /<label for="search-q">搜索政府信息<\/label>/);
      assert.match(html, /<form class="search-box" role="search" method="get" action="\/search">/);
      assert.match(html, /<input type="search" id="search-q" name="q"/);
      for (const f of ['rss', 'atom', 'json']) assert.ok(html.includes(`href="/feeds/all.${f}"`), f);
      assert.equal(html.match(/<link rel="alternate" type="application\/(rss\+xml|atom\+xml|feed\+json)"/g)?.length, 3);
      assert.match(html, /丙市财政预算管理办法/);
      assert.ok(html.includes('href="/documents?genre=notices"'));
      assert.ok(html.includes('href="/documents?theme=finance"'));
      const en = (await get('/en/')).body;
      assert.match(en, /<label for="search-q">Search government information<\/label>/);
      assert.ok(en.includes('href="/en/feeds/all.atom"'));
    });

    test('agency page: Art. 12 guide, catalogue section, the agency feeds', async () => {
      const html = (await get(`/agencies/${tree.city.code}`)).body;
      for (const s of ['信息分类与编排体系', '获取方式', '机构名称', '办公地址', '办公时间', '联系电话', '传真号码', '电子邮箱', '网站', '公开目录']) assert.ok(html.includes(s), s);
      assert.ok(html.includes(`href="/agencies/${tree.city.code}/catalogue"`));
      assert.ok(html.includes(`href="/feeds/agencies/${tree.city.code}/agency.rss"`));
      assert.ok(html.includes(`href="/feeds/agencies/${tree.city.code}/subtree.rss"`));
      const cat = (await get(`/agencies/${tree.city.code}/catalogue`)).body;
      assert.ok(cat.includes(`<link rel="alternate" type="application/feed+json" href="/feeds/agencies/${tree.city.code}/agency.json"`));
    });
  });

  describe('sitemap and robots', () => {
    test('every public document in both languages with hreflang alternates', async () => {
      const res = await get('/sitemap.xml');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /application\/xml/);
      for (const idx of [fx.policy.indexNumber, fx.withdrawn.indexNumber, xss.indexNumber]) {
        assert.ok(res.body.includes(`<loc>http://gongkai.test/documents/${idx}</loc>`), idx);
        assert.ok(res.body.includes(`<loc>http://gongkai.test/en/documents/${idx}</loc>`), idx);
      }
      assert.ok(res.body.includes(`<loc>http://gongkai.test/agencies/${tree.city.code}/catalogue</loc>`));
      assert.ok(res.body.includes('<xhtml:link rel="alternate" hreflang="x-default" href="http://gongkai.test/"/>'));
      const robots = await get('/robots.txt');
      assert.match(robots.body, /Sitemap: http:\/\/gongkai\.test\/sitemap\.xml/);
      assert.equal((await get('/sitemaps/1.xml')).statusCode, 404, 'no parts while one file suffices');
    });

    test('past the entry limit, /sitemap.xml is an index of parts', async () => {
      assert.deepEqual(sitemapParts([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
      const small = Fastify();
      registerSitemapRoutes(small, p.app, p.env, 20);
      const index = await small.inject({ url: '/sitemap.xml' });
      assert.match(index.body, /<sitemapindex/);
      const n = index.body.match(/<sitemap>/g)?.length ?? 0;
      assert.ok(n > 2);
      const last = await small.inject({ url: `/sitemaps/${n}.xml` });
      assert.equal(last.statusCode, 200);
      assert.match(last.body, /<urlset/);
      assert.notEqual((await small.inject({ url: `/sitemaps/${n + 1}.xml` })).statusCode, 200, 'no part past the last');
      await small.close();
    });
  });

  test('XSS payloads in every text field render inert on every public page and feed', async () => {
    const idx = xss.indexNumber;
    const pages = [
      '/',
      '/en/',
      `/agencies/${tree.county2.code}`,
      `/agencies/${tree.county2.code}/catalogue`,
      `/agencies/${tree.city.code}/catalogue?subtree=1`,
      '/documents',
      `/documents/${idx}`,
      `/en/documents/${idx}`,
      `/documents/${idx}/v/1`,
      `/documents/${idx}?print=1`,
      `/documents/${idx}/preview/${xss.sha256}`,
    ];
    for (const url of pages) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assertInertHtml(res.body, url);
    }
    // The text is shown, escaped, not dropped.
    const page = (await get(`/documents/${idx}`)).body;
    assert.ok(page.includes('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;'));
    assert.ok(page.includes('撤回原因：&quot;&gt;&lt;img src=x onerror=alert(&#39;w&#39;)&gt;'));
    assert.ok(page.includes('x&#39; onmouseover=&#39;alert(1)&#39; &amp;amp; javascript&amp;#58;alert(1).csv'));
    const v1 = (await get(`/documents/${idx}/v/2`)).body;
    assert.ok(v1.includes('&lt;script&gt;alert(&#39;v2&#39;)&lt;/script&gt;'));
    // The download's header carries the name encoded, and the file downloads.
    const dl = await get(`/files/${xss.sha256}/${encodeURIComponent(XSS.file)}`);
    assert.equal(dl.statusCode, 200);
    // A well-formed header: a quoted ASCII fallback with no quote or backslash inside, then the RFC 5987 form.
    assert.match(String(dl.headers['content-disposition']), /^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/);
    // Feeds: XML with no live markup outside CDATA; JSON with escaped HTML.
    for (const url of ['/feeds/all.rss', '/feeds/all.atom', `/feeds/agencies/${tree.county2.code}/agency.atom`]) {
      const body = (await get(url)).body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
      assert.doesNotMatch(body, /<(script|img|svg)\b/i, url);
    }
    const json = JSON.parse((await get('/feeds/all.json')).body) as { items: { title: string; content_html: string }[] };
    assert.ok(json.items.some((i) => i.title.includes(XSS.title)));
    for (const i of json.items) assert.doesNotMatch(i.content_html, /<(script|img|svg)\b/i);
  });
});
