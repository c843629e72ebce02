/** `reindexAll` (gongkai reindex): rebuilds, resumes after an interruption, repairs stale entries. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { seedDemo } from '../src/commands/seed-demo.js';
import { demoAgencyCodes } from '../src/commands/demo-agencies.js';
import { searchDocuments, type SearchInput } from '../src/queries/search.js';
import { reindexAll } from '../src/search/reindex.js';
import { filterToken } from '../src/store/dialect/search-sqlite.js';
import { buildApp, type TestPlatform } from './helpers/app.js';

describe('search reindex', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
    await seedDemo(p.app.deps);
  });
  after(async () => p.dispose());
  const total = async (q: string) => (await searchDocuments(p.app.deps, { q, page: 1, pageSize: 1 })).total;

  test('an emptied index is rebuilt, resuming after an interruption, with the same results', async () => {
    const d = p.app.deps;
    const before = await total('预算');
    const docs = await d.db.selectFrom('search_docs').select('document_id').execute();
    for (const x of docs) await d.ops.search.remove(d.db, x.document_id);
    assert.equal(await total('预算'), 0);
    // Interrupt after the first batch.
    await assert.rejects(
      reindexAll(d, {
        batch: 50,
        onProgress: (pr) => {
          if (pr.done >= 50) throw new Error('interrupted');
        },
      }),
      /interrupted/,
    );
    const seen: number[] = [];
    const r = await reindexAll(d, { batch: 50, onProgress: (pr) => seen.push(pr.done) });
    assert.equal(seen[0], 50, 'resumed where it stopped');
    assert.equal(r.done, r.total);
    assert.equal(await total('预算'), before);
    const saved = await d.db.selectFrom('instance_meta').select('value').where('key', '=', 'search.reindex.after').executeTakeFirst();
    assert.equal(saved, undefined, 'a completed run clears its progress');
  });

  // SQLite keeps each entry's short-field tokens for ranking (migration 020); entries indexed
  // before it have none until reindexed. PostgreSQL ranks from the tsvector alone.
  if (!process.env.DATABASE_URL) {
    test('SQLite: entries without stored heads are still found, and a reindex restores their ranking', async () => {
      const d = p.app.deps;
      const ranked = async () => (await searchDocuments(d, { q: '政务公开', page: 1, pageSize: 5 })).items.map((i) => i.id);
      const want = await ranked();
      assert.ok(want.length >= 2);
      const heads = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_heads`.execute(d.db)).rows[0]?.n);
      assert.equal(await heads(), Number((await d.db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
      await sql`DELETE FROM search_heads`.execute(d.db);
      const bare = await searchDocuments(d, { q: '政务公开', page: 1, pageSize: 100 });
      assert.equal(bare.total, (await searchDocuments(d, { q: '政务公开', page: 1, pageSize: 1 })).total);
      assert.deepEqual(new Set(bare.items.map((i) => i.id)).size, bare.total, 'every match is still found');
      await reindexAll(d, { fresh: true });
      assert.ok((await heads()) > 0);
      assert.deepEqual(await ranked(), want);
    });

    test('SQLite: filters give the same results as filter tokens and as tests on each row', async () => {
      const d = p.app.deps;
      const city = demoAgencyCodes().get('yunxi') ?? '';
      const cases: Partial<SearchInput>[] = [
        { genre: 'normative' },
        { agency: city },
        { agency: city, subtree: true },
        { year: 2025 },
        { from: '2025-01-01', to: '2026-06-30' },
        { from: '2012-03-15', to: '2026-12-31' },
        { from: '2026-03-10', to: '2026-03-09' },
        { validity: 'valid', normative: true },
        { excludeWithdrawn: true, genre: 'notices' },
      ];
      const run = async () => {
        const out: string[][] = [];
        for (const c of cases) for (const q of ['办法', '通知', '公开']) out.push((await searchDocuments(d, { q, page: 1, pageSize: 50, ...c })).items.map((i) => i.id));
        return out;
      };
      const withTokens = await run();
      // The filter values are in the index as tokens of their own, which no query text can spell.
      const tokenCount = async (t: string) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${`"${t}"`}`.execute(d.db)).rows[0]?.n);
      assert.ok((await tokenCount(filterToken('g', 'normative'))) > 0);
      assert.equal(await tokenCount('gnormative'), 0);
      assert.ok(withTokens.filter((x) => x.length > 0).length >= 10, 'most cases find something');
      await d.db.deleteFrom('instance_meta').where('key', '=', 'search.filter_tokens').execute();
      assert.deepEqual(await run(), withTokens, 'row tests agree');
      await reindexAll(d, { fresh: true });
      assert.ok(await d.db.selectFrom('instance_meta').select('value').where('key', '=', 'search.filter_tokens').executeTakeFirst(), 'a completed reindex records the tokens');
      assert.deepEqual(await run(), withTokens);
    });
  }
});
