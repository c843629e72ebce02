import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Search: background extraction of attachment text (issue 6 §1). `search_extractions` caches the
 * text of each blob once, by its SHA-256, with the outcome (and the reason of a failure, shown to
 * staff). `search_extraction_docs` lists the documents whose index entry waits for a blob's text;
 * a row goes once the document has been re-indexed with it.
 */
export async function up(db: Kysely<unknown>, _ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('search_extractions')
    .addColumn('blob_sha256', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('truncated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('search_extractions_status').on('search_extractions').columns(['status', 'queued_at']).execute();
  await db.schema
    .createTable('search_extraction_docs')
    .addColumn('blob_sha256', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_extraction_docs_pk', ['blob_sha256', 'document_id'])
    .execute();
}
