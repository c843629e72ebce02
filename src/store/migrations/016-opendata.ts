import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Open data (issue 7 §4): each bulk-export run with its row counts, and the files it wrote (name,
 * SHA-256, size, media type, rows). The bytes live in the content-addressed blob store, so a file
 * that did not change between runs is stored once. `job_day` is unique: the daily job runs once
 * per local day even with several workers; CLI refreshes leave it null. Also the index on
 * documents (first_published_at, id) that the export's keyset pagination reads.
 */
export async function up(db: Kysely<unknown>, _ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('opendata_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('job_day', 'text', (c) => c.unique())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('documents', 'integer', (c) => c.notNull())
    .addColumn('attachments', 'integer', (c) => c.notNull())
    .addColumn('statistics', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opendata_runs_finished').on('opendata_runs').columns(['finished_at']).execute();
  // The export's keyset (first publication, id): each page is an index range read, not a scan and sort.
  await db.schema.createIndex('documents_first_published').on('documents').columns(['first_published_at', 'id']).execute();
  await db.schema
    .createTable('opendata_files')
    .addColumn('run_id', 'text', (c) => c.notNull().references('opendata_runs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('opendata_files_pk', ['run_id', 'name'])
    .execute();
}
