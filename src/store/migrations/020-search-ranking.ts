import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Search ranking without walking whole posting lists (issue 6): on SQLite, `search_heads` keeps
 * each entry's short-field tokens and length for `search/rank.ts`. Entries indexed before this
 * migration have none and rank as body-only matches until `gongkai reindex` (or their next
 * publication) writes them.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await ops.search.createRankingStructures(db);
}
