import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Platform events (issue 8 §4–5): what happened in public (a document published, corrected or
 * withdrawn; a consultation opened or closed; an answer published), written in the same
 * transaction as the change. `event_queue` holds one row per event and consumer (subscriptions,
 * webhooks, ActivityPub…), so each consumer works through its own queue at its own pace, with
 * claims and leases like the outbox, and a slow consumer never holds back another.
 */
export async function up(db: Kysely<unknown>, _ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_subject').on('events').columns(['subject_type', 'subject_id', 'occurred_at']).execute();
  await db.schema.createIndex('events_time').on('events').columns(['occurred_at']).execute();
  await db.schema
    .createTable('event_queue')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('done_at', 'text')
    .addPrimaryKeyConstraint('event_queue_pk', ['consumer', 'event_id'])
    .execute();
  await db.schema.createIndex('event_queue_due').on('event_queue').columns(['consumer', 'status', 'not_before']).execute();
}
