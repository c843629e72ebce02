import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';
import { flattenThemes } from '../../domain/documents/themes.js';

/**
 * Proactive disclosure: the theme taxonomy, documents with their revisions (drafts and published
 * versions), attachments and blobs, review records, the public event history, per-agency index
 * serials, and the queue of transparency-log entries written in the same transaction as each
 * public event.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('themes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('parent_code', 'text')
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const rows = flattenThemes().map((t) => ({ code: t.code, parent_code: t.parent, name_zh: t.zh, name_en: t.en, sort_order: t.order }));
  // The schema builder's db is untyped here; the insert goes through the same untyped handle.
  await (db as Kysely<{ themes: { code: string; parent_code: string | null; name_zh: string; name_en: string; sort_order: number } }>)
    .insertInto('themes')
    .values(rows)
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('index_number', 'text', (c) => c.unique())
    .addColumn('index_year', 'integer')
    .addColumn('index_serial', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_revision_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('theme_code', 'text', (c) => c.notNull())
    .addColumn('date_formed', 'text', (c) => c.notNull())
    .addColumn('is_normative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interprets_id', 'text')
    .addColumn('first_published_at', 'text')
    .addColumn('published_date', 'text')
    .addColumn('last_published_at', 'text')
    .addColumn('timeliness_days', 'integer')
    .addColumn('validity', 'text', (c) => c.notNull().defaultTo('valid'))
    .addColumn('validity_date', 'text')
    .addColumn('validity_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('replaced_by_id', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_agency_pub').on('documents').columns(['agency_id', 'status', 'last_published_at']).execute();
  await db.schema.createIndex('documents_pub').on('documents').columns(['status', 'last_published_at']).execute();
  await db.schema.createIndex('documents_theme').on('documents').columns(['theme_code', 'last_published_at']).execute();
  await db.schema.createIndex('documents_interprets').on('documents').column('interprets_id').execute();

  await db.schema
    .createTable('document_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('revision_no', 'integer', (c) => c.notNull())
    .addColumn('version_no', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('co_issuer_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('theme_code', 'text', (c) => c.notNull())
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('date_formed', 'text', (c) => c.notNull())
    .addColumn('is_normative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('change_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('interprets_id', 'text')
    .addColumn('pii_overrides', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('publish_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('content_sha256', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_revisions_version', ['document_id', 'version_no'])
    .addUniqueConstraint('document_revisions_revision', ['document_id', 'revision_no'])
    .execute();
  await db.schema.createIndex('document_revisions_state').on('document_revisions').columns(['state', 'agency_id']).execute();
  await db.schema.createIndex('document_revisions_schedule').on('document_revisions').columns(['state', 'publish_at']).execute();

  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('text_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('revision_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('revision_id', 'text', (c) => c.notNull().references('document_revisions.id'))
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revision_attachments_rev').on('revision_attachments').columns(['revision_id', 'sort_order']).execute();

  await db.schema
    .createTable('review_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('revision_id', 'text', (c) => c.notNull().references('document_revisions.id'))
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_records_rev').on('review_records').columns(['revision_id', 'at']).execute();
  await ops.makeAppendOnly(db, 'review_records');

  await db.schema
    .createTable('document_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'text')
    .execute();
  await db.schema.createIndex('document_events_doc').on('document_events').columns(['document_id', 'at']).execute();
  await db.schema.createIndex('document_events_at').on('document_events').columns(['at']).execute();
  await ops.makeAppendOnly(db, 'document_events');

  await db.schema
    .createTable('index_serials')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_serials_pk', ['agency_id', 'year'])
    .execute();

  // Transparency-log entries, written in the transaction of the public event they record. The
  // sequencer assigns `leaf_index` in order and integrates them into the Merkle tree.
  await ops
    .identityColumn(db.schema.createTable('tlog_entries'), 'id')
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('document_id', 'text')
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('leaf_index', 'bigint', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tlog_entries_pending').on('tlog_entries').columns(['leaf_index', 'id']).execute();
  await db.schema.createIndex('tlog_entries_doc').on('tlog_entries').column('document_id').execute();
}
