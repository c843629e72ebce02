import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { updateAgency } from '../src/commands/update-agency.js';
import { renameTheme } from '../src/commands/manage-themes.js';
import { setValidity } from '../src/commands/documents/set-validity.js';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { forgetPages, keepRender } from '../src/commands/page-renders.js';
import { currentRenderEpoch, publicDocumentBatches, publicDocumentTotal } from '../src/queries/page-renders.js';
import { renderAllPages } from '../src/http/static-pages.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { publishCorrection, publishDoc, type Publisher } from './helpers/portal-fixtures.js';

describe('static publishing: document pages kept rendered in the store', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let pub: Publisher;
  before(async () => {
    p = await buildApp({ env: { GONGKAI_PAGE_CACHE_SECONDS: '10' } });
    t = await seedTree(p.app.deps);
    const d = p.app.deps;
    pub = { deps: d, editor: await actorFor(d, await makeStaff(d, 'sp-editor', t.city, 'editor')), reviewer: await actorFor(d, await makeStaff(d, 'sp-reviewer', t.city, 'reviewer')) };
    assert.ok(p.server.staticPages, 'static publishing is on by default');
    await p.server.staticPages.init();
  });
  after(async () => p.dispose());

  const get = (url: string, headers: Record<string, string> = {}) => p.server.inject({ url, headers });
  /** Makes the in-memory cache forget everything (its entries live 10 s), as another instance would not have them. */
  const forgetMemory = () => p.clock.advance(10_001);
  const row = (key: string) => p.app.deps.db.selectFrom('page_renders').selectAll().where('key', '=', key).executeTakeFirst();
  const tagsOf = async (key: string) => (await p.app.deps.db.selectFrom('page_render_tags').select('tag').where('key', '=', key).execute()).map((r) => r.tag).sort();
  /** Pages are kept in the background after they are sent; waits until `key` is stored. */
  async function kept(key: string, when: (r: NonNullable<Awaited<ReturnType<typeof row>>>) => boolean = () => true): Promise<NonNullable<Awaited<ReturnType<typeof row>>>> {
    for (let i = 0; i < 100; i++) {
      const r = await row(key);
      if (r && when(r)) return r;
      await new Promise((res) => setTimeout(res, 10));
    }
    throw new Error(`${key} was not kept`);
  }
  const sequence = async () => {
    await p.app.tlog?.sequencer.step();
  };
  /** Publishes a document, sequences it, renders its page once and waits until it is kept. */
  async function keptDocument(title: string, over: Parameters<typeof publishDoc>[2] = {}) {
    const d = await publishDoc(pub, t.city, { title, theme_code: 'general.openness', ...over });
    await sequence();
    const url = `/documents/${d.indexNumber}`;
    const first = await get(url);
    assert.equal(first.statusCode, 200);
    const stored = await kept(`normal|${url}`);
    return { ...d, url, key: `normal|${url}`, first, stored };
  }

  test('a sequenced document page is kept compressed with its tags and served from the store once memory has forgotten it', async () => {
    const d = await publishDoc(pub, t.city, { title: '静态发布的第一份文件', theme_code: 'general.openness' });
    const url = `/documents/${d.indexNumber}`;
    assert.equal((await get(url)).headers['x-page-cache'], 'miss');
    await new Promise((res) => setTimeout(res, 50));
    assert.equal(await row(`normal|${url}`), undefined, 'not kept before its version is sequenced in the log (its leaf index is not on the page yet)');
    await sequence();
    forgetMemory();
    const rendered = await get(url);
    assert.equal(rendered.headers['x-page-cache'], 'miss');
    const stored = await kept(`normal|${url}`);
    assert.equal(gunzipSync(stored.gzip).toString('utf8'), rendered.body);
    assert.deepEqual(await tagsOf(`normal|${url}`), [`agency:${t.city.id}`, `doc:${d.documentId}`, 'theme:general.openness'].sort());
    forgetMemory();
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['x-page-cache'], 'static', 'answered from the store');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), rendered.body);
    assert.equal(gz.headers['content-security-policy'], rendered.headers['content-security-policy'], 'security headers replayed');
    forgetMemory();
    const plain = await get(url);
    assert.equal(plain.headers['x-page-cache'], 'static');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, rendered.body);
    // English and large-text pages are kept under their own keys; print views are not kept.
    await get(`/en${url}`);
    assert.match(gunzipSync((await kept(`normal|/en${url}`)).gzip).toString('utf8'), /lang="en"/);
    await get(url, { cookie: 'gk_display=large' });
    assert.match(gunzipSync((await kept(`large|${url}`)).gzip).toString('utf8'), /display-large/);
    await get(`${url}?print=1`);
    assert.equal(await row(`normal|${url}?print=1`), undefined);
  });

  test('a correction forgets the kept page in its own transaction; the next reader sees version 2', async () => {
    const d = await keptDocument('将被更正的文件');
    await publishCorrection(pub, d.documentId, { title: '已更正的文件', change_note: '更正标题' });
    assert.equal(await row(d.key), undefined, 'forgotten as the correction committed');
    forgetMemory();
    const after = await get(d.url);
    assert.notEqual(after.headers['x-page-cache'], 'static');
    assert.match(after.body, /已更正的文件/);
    assert.match((await get(`${d.url}/v/1`)).body, /将被更正的文件/, 'version 1 stays readable');
  });

  test('a repeal forgets the old page and the page of its replacement; a withdrawal forgets the page and it shows the notice', async () => {
    const oldRule = await keptDocument('旧管理办法');
    const newRule = await keptDocument('新管理办法');
    await setValidity(p.app.deps, pub.reviewer, oldRule.documentId, { validity: 'repealed', date: '2026-03-01', replacedBy: newRule.indexNumber, note: '已被新办法废止' });
    assert.equal(await row(oldRule.key), undefined, 'the repealed document’s page is forgotten');
    forgetMemory();
    const repealed = await get(oldRule.url);
    assert.match(repealed.body, /新管理办法/, 'it links its replacement');
    await kept(oldRule.key);
    assert.ok((await tagsOf(oldRule.key)).includes(`doc:${newRule.documentId}`), 'tagged with the replacement it shows');
    await withdrawDocument(p.app.deps, pub.reviewer, newRule.documentId, '内容有误，予以撤回');
    assert.equal(await row(newRule.key), undefined, 'the withdrawn page is forgotten');
    assert.equal(await row(oldRule.key), undefined, 'and so is the page that shows its title as the replacement');
    forgetMemory();
    assert.match((await get(newRule.url)).body, /内容有误，予以撤回/);
  });

  test('publishing an interpretation forgets the page of the policy it explains, which then links it', async () => {
    const policy = await keptDocument('关于推进政务公开的实施意见');
    const interp = await publishDoc(pub, t.city, { title: '《关于推进政务公开的实施意见》政策解读', genre: 'interpretation', interprets: policy.indexNumber });
    assert.equal(await row(policy.key), undefined);
    await sequence();
    forgetMemory();
    const page = await get(policy.url);
    assert.match(page.body, /政策解读/);
    const stored = await kept(policy.key);
    assert.ok((await tagsOf(policy.key)).includes(`doc:${interp.documentId}`), 'the policy page is tagged with the interpretation it shows');
    assert.ok(stored.gzip.length > 0);
    // A correction of the interpretation forgets the policy page too (it shows the interpretation's title).
    await publishCorrection(pub, interp.documentId, { title: '政策解读（修订）', change_note: '标题调整', interprets: policy.indexNumber });
    assert.equal(await row(policy.key), undefined);
  });

  test('renaming the agency or the theme forgets the pages that show them, and only those', async () => {
    const d = await keptDocument('机构更名前发布的文件');
    const other = await publishDoc(pub, t.county1, { title: '另一机构的文件', theme_code: 'economy' });
    await sequence();
    const otherUrl = `/documents/${other.indexNumber}`;
    await get(otherUrl);
    await kept(`normal|${otherUrl}`);
    const version = (await p.app.deps.db.selectFrom('agencies').select('version').where('id', '=', t.city.id).executeTakeFirstOrThrow()).version;
    await updateAgency(p.app.deps, SYSTEM_ACTOR, t.city.id, version, { name_zh: '更名后的市人民政府' });
    assert.equal(await row(d.key), undefined, 'the renamed agency’s page is forgotten');
    assert.ok(await row(`normal|${otherUrl}`), 'another agency’s page stays');
    forgetMemory();
    assert.match((await get(d.url)).body, /更名后的市人民政府/);
    await kept(d.key);
    await renameTheme(p.app.deps, SYSTEM_ACTOR, 'general.openness', '政务公开（新）', 'Openness (new)');
    assert.equal(await row(d.key), undefined, 'the renamed theme’s page is forgotten');
    assert.ok(await row(`normal|${otherUrl}`), 'a page of another theme stays');
    forgetMemory();
    assert.match((await get(d.url)).body, /政务公开（新）/);
  });

  test('a page rendered before a change is not kept after it (the epoch moved)', async () => {
    const deps = p.app.deps;
    const key = 'normal|/documents/X0/2026-00001';
    const page = { key, generation: 'g', gzip: gzipSync('<p>old</p>'), headers: { 'content-type': 'text/html; charset=utf-8' }, tags: ['doc:x0'] };
    const epoch = await currentRenderEpoch(deps);
    await deps.db.transaction().execute((trx) => forgetPages(trx, ['doc:unrelated']));
    assert.equal(await keepRender(deps, { ...page, epoch }), false);
    assert.equal(await row(key), undefined);
    assert.equal(await keepRender(deps, { ...page, epoch: await currentRenderEpoch(deps) }), true);
    assert.ok(await row(key));
    await deps.db.transaction().execute((trx) => forgetPages(trx, ['doc:x0']));
    assert.equal(await row(key), undefined);
    assert.deepEqual(await tagsOf(key), [], 'its tags go with it');
  });

  test('a page of another code generation, or older than the limit, is rendered again', async () => {
    const d = await keptDocument('代际与时限测试文件');
    await p.app.deps.db.updateTable('page_renders').set({ generation: 'older-code|http://gongkai.test|live' }).where('key', '=', d.key).execute();
    forgetMemory();
    assert.equal((await get(d.url)).headers['x-page-cache'], 'miss', 'another generation is not served');
    const fresh = await kept(d.key, (r) => r.generation !== 'older-code|http://gongkai.test|live');
    assert.equal(fresh.generation, p.server.staticPages?.generation(), 'rendered again and kept with the running generation');
    forgetMemory();
    assert.equal((await get(d.url)).headers['x-page-cache'], 'static');
    p.clock.advance(6 * 3_600_000);
    assert.equal((await get(d.url)).headers['x-page-cache'], 'miss', 'six hours old: rendered again');
  });

  test('render-pages keeps every public document page not yet kept, and a second run renders none', async () => {
    const d = await publishDoc(pub, t.city, { title: '预先渲染的文件' });
    await sequence();
    const statics = p.server.staticPages;
    assert.ok(statics);
    const total = await publicDocumentTotal(p.app.deps);
    const first = await renderAllPages(p.server, statics, publicDocumentBatches(p.app.deps, 2));
    assert.equal(first.done, total);
    assert.equal(first.failed, 0);
    assert.ok(first.rendered >= 1, 'at least the new document was rendered');
    assert.ok(await row(`normal|/documents/${d.indexNumber}`), 'its page is kept without any reader');
    const kept = await p.app.deps.db.selectFrom('page_renders').select((eb) => eb.fn.countAll().as('n')).where('key', 'like', 'normal|/documents/%').where('key', 'not like', '%/v/%').executeTakeFirstOrThrow();
    assert.equal(Number(kept.n), total, 'one kept page per public document');
    const second = await renderAllPages(p.server, statics, publicDocumentBatches(p.app.deps, 2), { english: true });
    assert.equal(second.done, total);
    assert.equal(second.rendered, total, 'only the English pages were rendered: the Chinese ones were skipped');
  });

  test('static publishing is off with the page cache it serves through, or when set to 0 hours', async () => {
    const settings: Record<string, string>[] = [{ GONGKAI_PAGE_CACHE_SECONDS: '0' }, { GONGKAI_PAGE_CACHE_SECONDS: '10', GONGKAI_STATIC_PAGES_HOURS: '0' }];
    for (const env of settings) {
      const other = await buildApp({ env });
      try {
        assert.equal(other.server.staticPages, null);
      } finally {
        await other.dispose();
      }
    }
  });

  test('over a real socket the store answers before the router', async () => {
    const d = await keptDocument('套接字测试文件');
    await p.server.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.server.server.address();
    assert.ok(addr && typeof addr === 'object');
    forgetMemory();
    const res = await fetch(`http://127.0.0.1:${addr.port}${d.url}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-page-cache'), 'static');
    assert.equal(await res.text(), d.first.body);
    const again = await fetch(`http://127.0.0.1:${addr.port}${d.url}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(again.headers.get('content-encoding'), null);
    assert.equal(again.headers.get('x-page-cache'), 'static', 'a page read once is not held in memory; its second reader takes it from the store too');
    assert.equal(await again.text(), d.first.body, 'plain (decompressed from the stored copy) for a client that does not take gzip');
    const third = await fetch(`http://127.0.0.1:${addr.port}${d.url}`);
    assert.equal(third.headers.get('x-page-cache'), 'hit', 'held in memory from its second read on');
  });
});
