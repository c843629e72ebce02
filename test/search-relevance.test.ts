/**
 * The search results contract (issue 6), run on each store (SQLite always; PostgreSQL in CI and
 * whenever DATABASE_URL is set): relevance over the demo content with expected top results,
 * filters, bad queries, drafts and withdrawn documents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { demoAgencyCodes } from '../src/commands/demo-agencies.js';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { searchDocuments, type SearchInput, type SearchResult } from '../src/queries/search.js';
import { runSearchExtractions } from '../src/search/extraction-job.js';
import { parseQuery } from '../src/search/query-parser.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { draftInput } from './helpers/factories.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';

const code = (key: string): string => demoAgencyCodes().get(key) ?? key;

describe(`search results contract [${process.env.DATABASE_URL ? 'postgres' : 'sqlite'}]`, () => {
  let p: TestPlatform;
  let pub: Publisher;
  const search = (q: string, over: Partial<SearchInput> = {}): Promise<SearchResult> => searchDocuments(p.app.deps, { q, page: 1, pageSize: 10, ...over });
  const titles = async (q: string, over: Partial<SearchInput> = {}): Promise<string[]> => (await search(q, over)).items.map((i) => i.title);
  const topIs = async (q: string, title: string, n = 1, over: Partial<SearchInput> = {}) => {
    const got = await titles(q, over);
    assert.ok(got.slice(0, n).includes(title), `${q}: expected «${title}» in the top ${n}, got ${JSON.stringify(got.slice(0, 5))}`);
  };

  before(async () => {
    p = await buildApp();
    await seedDemo(p.app.deps);
    pub = await makePublisher(p.app.deps, 'srch');
    // Attachment-only text: the words appear in the CSV and nowhere else.
    await publishDocument(p.app.deps, pub, { title: '水文站点年度观测数据', summary: '附件为观测数据表。' }, [
      { name: 'stations.csv', bytes: Buffer.from('站点,指标,数值\n鹭鸶滩水文站,年径流量,12.5\n', 'utf8') },
    ]);
  });
  after(async () => p.dispose());

  test('Traditional-script queries find Simplified documents', async () => {
    await topIs('政務公開', '云溪市2026年政务公开工作要点');
    await topIs('義務教育 招生', '云溪市义务教育阶段学校招生入学管理办法', 4);
    await topIs('飲用水 水源', '南岭省饮用水水源保护办法', 2);
    await topIs('養老服務', '示范省人民政府关于促进养老服务高质量发展的实施意见', 3);
    await topIs('營商環境', '南岭省人民政府办公厅关于印发南岭省持续优化营商环境若干措施的通知', 3);
    await topIs('揚塵污染', '云溪市建设工程扬尘污染防治管理办法', 2);
    assert.equal((await search('預算')).total, (await search('预算')).total);
  });

  test('two-character words, including inside names jieba does not know', async () => {
    await topIs('扬尘', '云溪市建设工程扬尘污染防治管理办法', 2);
    await topIs('托育', '白水区普惠托育服务机构运营补助办法', 2);
    await topIs('宅基', '青山县农村宅基地管理实施办法', 2);
    await topIs('农田', '江川市高标准农田建设管护办法', 2);
    await topIs('地震', '示范省地震应急预案');
    await topIs('路灯', '江川市城区路灯节能改造项目招标公告');
    await topIs('溪河', '青山县青溪河防洪治理工程开工公告');
    await topIs('明德', '云溪市教育局关于同意设立云溪市明德实验学校的批复');
    await topIs('停车', '云溪市机动车停车管理办法', 3);
    await topIs('防汛', '青山县防汛抗旱应急预案', 3);
  });

  test('document numbers, whole and in parts, whatever the brackets', async () => {
    const t = '云溪市2026年政务公开工作要点';
    for (const q of ['云政办发〔2026〕6号', '云政办发[2026]6号', '云政办发(2026)6号', '云政办发（2026）6号', '云政办发〔2026〕第6号', '云政办发2026 6号', '云政办发 2026 6号']) await topIs(q, t);
    await topIs('示范省人民政府令第21号', '示范省政府信息公开规定');
    await topIs('云环罚〔2025〕19号', '行政处罚决定书（云环罚〔2025〕19号）');
    await topIs('云教规〔2025〕1号', '云溪市义务教育阶段学校招生入学管理办法', 2);
    assert.ok((await titles('41号', { pageSize: 50 })).includes('关于云溪市第三水厂及配套管网工程环境影响报告表的批复'));
    assert.equal((await search('云政办发〔2026〕7号')).total, 0, 'a number nobody issued finds nothing');
    const r = await search('云政办发[2026]6号');
    assert.match(r.items[0]?.snippet_html ?? '', /./);
  });

  test('agency names find what those agencies publish', async () => {
    for (const [q, key] of [
      ['云溪市生态环境局', 'yunxi-eco'],
      ['青山县自然资源局', 'qingshan-land'],
      ['白水区人民政府办公室', 'baishui-office'],
      ['Natural Resources Bureau', 'qingshan-land'],
    ] as const) {
      const r = await search(q);
      assert.equal(r.items[0]?.agency_code, code(key), q);
    }
  });

  test('attachment-only text is found, in either script, once the background job has extracted it', async () => {
    assert.equal((await search('鹭鸶滩')).total, 0, 'publishing does not wait for the extraction');
    // The worker runs the job every few seconds until the queue is empty; so does this loop.
    let extracted = 0;
    for (let run = await runSearchExtractions(p.app.deps); run.done + run.failed > 0; run = await runSearchExtractions(p.app.deps)) extracted += run.done;
    assert.ok(extracted >= 1);
    await topIs('鹭鸶滩', '水文站点年度观测数据');
    await topIs('鷺鷥灘 徑流', '水文站点年度观测数据');
    const r = await search('径流量');
    assert.match(r.items[0]?.snippet_html ?? '', /<mark>径流量<\/mark>/);
  });

  test('phrases, exclusions and OR', async () => {
    const exact = await search('"规范性文件集中公开"');
    assert.deepEqual(exact.items.map((i) => i.title), ['云溪市2026年政务公开工作要点']);
    const hiring = await search('"公开招聘"', { pageSize: 50 });
    assert.ok(hiring.items.some((i) => i.title === '2026年云溪市公开招聘中小学教师公告'));
    assert.ok(hiring.total <= (await search('公开 招聘')).total);
    assert.ok(exact.total < (await search('规范性 文件 集中 公开')).total, 'a phrase is narrower than its words');
    const noTeachers = await titles('招聘 -教师', { pageSize: 50 });
    assert.ok(noTeachers.length > 0 && noTeachers.every((t) => !t.includes('教师')));
    const either = await titles('停车 OR 路灯', { pageSize: 50 });
    assert.ok(either.includes('云溪市机动车停车管理办法') && either.includes('江川市城区路灯节能改造项目招标公告'));
    assert.ok((await search('停车 路灯')).total < either.length);
  });

  test('filters: genre, agency with and without subtree, year, date range, validity, normative', async () => {
    const byGenre = await search('预算', { genre: 'budgets', pageSize: 50 });
    assert.ok(byGenre.total > 5 && byGenre.items.every((i) => i.genre === 'budgets'));
    const own = await search('预算', { agency: code('yunxi'), pageSize: 50 });
    const sub = await search('预算', { agency: code('yunxi'), subtree: true, pageSize: 50 });
    assert.ok(own.items.every((i) => i.agency_code === code('yunxi')));
    assert.ok(sub.total > own.total && sub.items.some((i) => i.agency_code === code('qingshan')));
    const y = await search('教育', { year: 2025, pageSize: 50 });
    assert.ok(y.total > 0 && y.items.every((i) => i.published_date.startsWith('2025')));
    const range = await search('教育', { from: '2025-03-01', to: '2025-06-30', pageSize: 50 });
    assert.ok(range.total > 0 && range.items.every((i) => i.published_date >= '2025-03-01' && i.published_date <= '2025-06-30'));
    assert.deepEqual(await titles('住房', { validity: 'repealed' }), ['云溪市公共租赁住房管理办法']);
    const norm = await search('管理办法', { normative: true, pageSize: 50 });
    assert.ok(norm.total > 0 && norm.items.every((i) => i.is_normative));
    const theme = await search('预算', { theme: byGenre.items[0]?.theme_code.split('.')[0] ?? '', pageSize: 50 });
    assert.ok(theme.total > 0);
    await assert.rejects(search('预算', { agency: 'NO-SUCH' }), /agency_not_found/);
  });

  test('facets count the matches by agency, genre and year; sorting by date', async () => {
    const r = await search('教育', { pageSize: 5 });
    const sum = (xs: { n: number }[]) => xs.reduce((a, x) => a + x.n, 0);
    assert.equal(sum(r.facets.genres), r.total);
    assert.equal(sum(r.facets.years), r.total);
    assert.equal(sum(r.facets.agencies), r.total);
    const filtered = await search('教育', { genre: 'budgets' });
    assert.equal(sum(filtered.facets.genres), r.total, 'the genre facet ignores its own filter');
    const byDate = await search('教育', { sort: 'date', pageSize: 50 });
    const dates = byDate.items.map((i) => i.published_date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const p1 = await search('教育', { pageSize: 5, page: 1 });
    const p2 = await search('教育', { pageSize: 5, page: 2 });
    assert.equal(new Set([...p1.items, ...p2.items].map((i) => i.id)).size, 10, 'pages do not overlap');
  });

  test('counting stops at its limit, and the total then says it is not exact', async () => {
    const all = await search('云溪市');
    assert.ok(all.total > 3, `a common query: ${all.total}`);
    assert.equal(all.totalExact, true);
    const req = { query: parseQuery('云溪市'), filter: {}, sort: 'relevance' as const, today: 20_000 };
    const store = p.app.deps.ops.search;
    assert.equal(await store.count(p.app.deps.db, req, 3), 3);
    assert.equal(await store.count(p.app.deps.db, req, 100_000), all.total);
    assert.equal(await store.count(p.app.deps.db, { ...req, filter: { genre: all.items[0]?.genre } }, 1), 1);
    const capped = await search('云溪市', { countLimit: 3 });
    assert.equal(capped.total, 3);
    assert.equal(capped.totalExact, false);
    assert.deepEqual(
      capped.items.map((i) => i.id),
      all.items.map((i) => i.id),
      'the page does not depend on the count',
    );
  });

  test('bad queries never fail', async () => {
    for (const q of ['', '   ', '政务'.repeat(5000), '!!!，。？、；：……', '"政务 公开', '""', '-', '-预算', 'OR', 'OR OR', '\u0000', '\uD800', '<script>alert(1)</script>', "' OR 1=1 --", 'NEAR(a b)', '*', '^', 'a:b', '()']) {
      const r = await search(q);
      assert.ok(r.total >= 0, q);
      for (const i of r.items) assert.doesNotMatch(i.snippet_html + i.title_html, /<(?!\/?mark>)/);
    }
    assert.ok((await search('')).notices.includes('no_terms'));
    assert.ok((await search('-预算')).notices.includes('only_exclusions'));
    assert.ok((await search('政务'.repeat(5000))).notices.includes('truncated'));
  });

  test('drafts never appear; withdrawn documents stay findable, marked', async () => {
    const d = p.app.deps;
    await createDraft(d, pub.editor, pub.agencyId, draftInput({ title: '草稿中的翡翠湾规划', summary: '翡翠湾' }));
    assert.equal((await search('翡翠湾')).total, 0);
    const doc = await publishDocument(d, pub, { title: '琥珀湾岸线整治方案' });
    assert.equal((await search('琥珀湾')).items[0]?.status, 'published');
    await withdrawDocument(d, { ...SYSTEM_ACTOR }, doc.documentId, '内容有误，予以撤回').catch(async () => withdrawDocument(d, pub.reviewer, doc.documentId, '内容有误，予以撤回'));
    const w = await search('琥珀湾');
    assert.equal(w.items[0]?.status, 'withdrawn');
    assert.equal((await search('琥珀湾', { excludeWithdrawn: true })).total, 0);
  });
});
