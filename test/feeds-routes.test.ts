import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { buildPortalFixture } from './helpers/portal-fixtures.js';

/** The text of an Atom text construct (feedsmith gives `{ value, type }`) or a plain string. */
function text(x: string | { value?: string } | undefined): string {
  return typeof x === 'string' ? x : (x?.value ?? '');
}

/** Titles of a feed in one format, parsed by a maintained parser (feedsmith). */
function titles(format: 'rss' | 'atom' | 'json', body: string): string[] {
  if (format === 'rss') return (parseRssFeed(body).items ?? []).map((i) => i.title ?? '');
  if (format === 'atom') return (parseAtomFeed(body).entries ?? []).map((e) => text(e.title));
  return (parseJsonFeed(JSON.parse(body)).items ?? []).map((i) => i.title ?? '');
}

describe('feed routes: site, agency (with and without subtree) and theme, in three formats', () => {
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let fx: Awaited<ReturnType<typeof buildPortalFixture>>;
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    tree = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'feed-editor', tree.city, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'feed-reviewer', tree.city, 'reviewer'));
    fx = await buildPortalFixture({ deps: d, editor, reviewer }, tree, p.clock);
  });
  after(async () => p.dispose());

  test('unknown scopes and formats are 404', async () => {
    for (const url of ['/feeds/all.xml', '/feeds/everything.rss', '/feeds/agencies/NOPE/agency.rss', `/feeds/agencies/${tree.city.code}/all.rss`, '/feeds/themes/nope.atom', '/feeds/themes/.rss']) {
      assert.equal((await p.server.inject({ url })).statusCode, 404, url);
    }
  });

  test('each feed parses in all three formats and lists publications, new versions and withdrawals', async () => {
    const scopes = [
      { path: '/feeds/all', has: ['丙市财政预算管理办法', '丁县防汛工作通知'] },
      { path: `/feeds/agencies/${tree.city.code}/agency`, has: ['丙市财政预算管理办法'], hasNot: '丁县防汛工作通知' },
      { path: `/feeds/agencies/${tree.city.code}/subtree`, has: ['丙市财政预算管理办法', '丁县防汛工作通知'] },
      { path: '/feeds/themes/finance', has: ['丙市财政预算管理办法', '丙市旧预算管理规定'], hasNot: '丁县防汛工作通知' },
    ];
    const types = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const;
    for (const s of scopes) {
      for (const format of ['rss', 'atom', 'json'] as const) {
        const res = await p.server.inject({ url: `${s.path}.${format}` });
        assert.equal(res.statusCode, 200, `${s.path}.${format}`);
        assert.match(res.headers['content-type'] as string, new RegExp(types[format].replace('+', '\\+')));
        const list = titles(format, res.body);
        for (const t of s.has) assert.ok(list.includes(t), `${s.path}.${format} has ${t}`);
        if (s.hasNot) assert.ok(!list.some((t) => t.includes(s.hasNot)), `${s.path}.${format} lacks ${s.hasNot}`);
        if (s.path === '/feeds/all' || s.path.endsWith('/agency')) {
          assert.ok(list.includes('【新版本】丙市财政预算管理办法'), `${s.path}.${format}: new version`);
          assert.ok(list.includes('【已撤回】关于误发文件的通知'), `${s.path}.${format}: withdrawal`);
          assert.ok(list.includes('【有效性变更】丙市旧预算管理规定'), `${s.path}.${format}: validity change`);
        }
      }
    }
  });

  test('items link to the document (new versions to their version) with distinct ids; newest first', async () => {
    const json = JSON.parse((await p.server.inject({ url: '/feeds/all.json' })).body) as { items: { id: string; url: string; title: string; date_published: string }[] };
    const ids = json.items.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length);
    const v2 = json.items.find((i) => i.title === '【新版本】丙市财政预算管理办法');
    assert.equal(v2?.url, `http://gongkai.test/documents/${fx.policy.indexNumber}/v/2`);
    const dates = json.items.map((i) => i.date_published);
    assert.deepEqual([...dates].sort().reverse(), dates);
    // The withdrawal and the validity change happened last (at the same instant).
    assert.deepEqual(json.items.slice(0, 2).map((i) => i.title).sort(), ['【已撤回】关于误发文件的通知', '【有效性变更】丙市旧预算管理规定'].sort());
  });

  test('English feeds under /en: English labels and links', async () => {
    const res = await p.server.inject({ url: '/en/feeds/all.atom' });
    const feed = parseAtomFeed(res.body);
    assert.match(text(feed.title), /All proactively disclosed information/);
    const entries = feed.entries ?? [];
    assert.ok(entries.some((e) => text(e.title) === '[New version] 丙市财政预算管理办法'));
    assert.ok(entries.some((e) => text(e.title) === '[Withdrawn] 关于误发文件的通知'));
    const withdrawn = entries.find((e) => text(e.title) === '[Withdrawn] 关于误发文件的通知');
    assert.match(withdrawn?.links?.[0]?.href ?? '', /^http:\/\/gongkai\.test\/en\/documents\//);
    const rss = parseRssFeed((await p.server.inject({ url: '/en/feeds/all.rss' })).body);
    assert.equal(rss.language, 'en');
  });
});
