import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Disclosure on request: requests (no personal data), applicants' personal data in their own
 * table, the append-only event history the deadlines are computed from, files, fee notices,
 * outcomes, reconsideration and litigation records, notifications waiting for the outbox, Art. 44
 * links to proposed documents, and the tracking-number serials.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_features', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_key', 'text', (c) => c.notNull())
    .addColumn('form_wanted', 'text', (c) => c.notNull())
    .addColumn('delivery_wanted', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('repeat_of_id', 'text')
    .addColumn('officer_id', 'text')
    .addColumn('due_date', 'text')
    .addColumn('clock_status', 'text')
    .addColumn('correction_notice_due_by', 'text')
    .addColumn('supplement_by', 'text')
    .addColumn('extensions_granted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_days_granted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('corrections_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_due_on', 'text')
    .addColumn('outcome_code', 'text')
    .addColumn('replied_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('requests_agency_state').on('requests').columns(['agency_id', 'state', 'due_date']).execute();
  await db.schema.createIndex('requests_officer').on('requests').columns(['officer_id', 'state']).execute();
  await db.schema.createIndex('requests_description').on('requests').columns(['agency_id', 'description_key']).execute();

  await db.schema
    .createTable('request_applicants')
    .addColumn('request_id', 'text', (c) => c.primaryKey().references('requests.id'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('id_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('id_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('org_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unified_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('applicant_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_applicants_key').on('request_applicants').column('applicant_key').execute();

  await db.schema
    .createTable('request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('request_events_seq', ['request_id', 'seq'])
    .execute();
  await ops.makeAppendOnly(db, 'request_events');

  await db.schema
    .createTable('request_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_files_req').on('request_files').columns(['request_id', 'created_at']).execute();

  await db.schema
    .createTable('request_fees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('notice_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('paid_fen', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_fees_req').on('request_fees').column('request_id').execute();

  await db.schema
    .createTable('request_outcomes')
    .addColumn('request_id', 'text', (c) => c.primaryKey().references('requests.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('reply_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('linked_documents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('replied_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('request_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('body_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('case_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_appeals_req').on('request_appeals').column('request_id').execute();
  await db.schema.createIndex('request_appeals_agency').on('request_appeals').columns(['agency_id', 'filed_on']).execute();

  await db.schema
    .createTable('request_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient_role', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_notifications_at').on('request_notifications').column('created_at').execute();

  await db.schema
    .createTable('request_document_links')
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_document_links_pk', ['request_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('request_serials')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .execute();
}
