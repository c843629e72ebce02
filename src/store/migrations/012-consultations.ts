import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Consultations (意见征集, issue 8 §1): drafts open for comment, comments, moderation, reports,
 * feedback summaries.
 *
 * - `consultations` points at the draft, a document published through the normal workflow (so its
 *   page, log entry and feeds exist), and snapshots the draft's numbered paragraphs at opening, so
 *   a comment's paragraph number keeps its meaning if the draft gets a new version.
 * - `consultation_comments` holds each comment with the commenter's e-mail (personal data, never
 *   public) and only the SHA-256 of the one-time verification token. Comments are hidden, never
 *   deleted.
 * - `consultation_reports`: one row per reader and comment (primary key), the reader known by the
 *   hash of a random cookie id.
 * - `consultation_summaries` and `consultation_points`: the feedback summary (意见采纳情况反馈).
 */
export async function up(db: Kysely<unknown>, _ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('draft_document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('draft_version_no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('allow_anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('moderation', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('close_kind', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultations_state').on('consultations').columns(['state', 'ends_at']).execute();
  await db.schema.createIndex('consultations_agency').on('consultations').columns(['agency_id', 'created_at']).execute();
  await db.schema.createIndex('consultations_draft').on('consultations').columns(['draft_document_id']).execute();

  await db.schema
    .createTable('consultation_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultations.id'))
    .addColumn('paragraph_no', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('participant_hash', 'text', (c) => c.notNull())
    .addColumn('verify_token_hash', 'text')
    .addColumn('verify_expires_at', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('queue_reason', 'text')
    .addColumn('pii_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('open_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden_reason', 'text')
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('consultation_comments_state').on('consultation_comments').columns(['consultation_id', 'state', 'submitted_at']).execute();
  await db.schema.createIndex('consultation_comments_token').on('consultation_comments').columns(['verify_token_hash']).execute();

  await db.schema
    .createTable('consultation_reports')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('consultation_comments.id'))
    .addColumn('reader_hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_reports_pk', ['comment_id', 'reader_hash'])
    .execute();

  await db.schema
    .createTable('consultation_summaries')
    .addColumn('consultation_id', 'text', (c) => c.primaryKey().references('consultations.id'))
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('final_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('total_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('participants', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_summaries_final').on('consultation_summaries').columns(['final_document_id']).execute();

  await db.schema
    .createTable('consultation_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultations.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('point', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('consultation_points_order').on('consultation_points').columns(['consultation_id', 'sort_order']).execute();
}
