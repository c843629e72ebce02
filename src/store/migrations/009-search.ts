import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Search (issue 6): one row per published or withdrawn document with the facts that filters and
 * facets need and its folded text (for phrases); the token index itself is the dialect's (an FTS5
 * table on SQLite, a tsvector column with a GIN index on PostgreSQL). The demand signals are
 * queries as run, with no personal data: no IP, no cookie, no user.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await ops
    .identityColumn(db.schema.createTable('search_docs'), 'id')
    .addColumn('document_id', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('theme_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('pub_date', 'text', (c) => c.notNull())
    .addColumn('pub_day', 'integer', (c) => c.notNull())
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('is_normative', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('folded', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_docs_date').on('search_docs').columns(['pub_date', 'document_id']).execute();
  await db.schema.createIndex('search_docs_agency').on('search_docs').columns(['agency_id', 'pub_date']).execute();
  await ops.search.createStructures(db);

  await ops
    .identityColumn(db.schema.createTable('search_queries'), 'id')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text')
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('result_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_queries_week').on('search_queries').columns(['week', 'agency_id', 'query']).execute();
}
