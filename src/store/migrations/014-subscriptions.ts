import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Subscriptions (issue 8 §3): subscribers (an e-mail address, no account), their subscriptions
 * with double opt-in (only the SHA-256 of the confirmation token is kept), pending digest items,
 * and the suppression list fed by bounces and complaints.
 *
 * - `subscriptions (kind, target, status)` serves the event consumer's set-based matching.
 * - `(subscriber_id, kind, target)` is unique: subscribing again reuses the row.
 * - `subscription_digest_items` has the key `(subscription_id, event_id)`, so handling an event
 *   twice adds nothing.
 */
export async function up(db: Kysely<unknown>, _ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('link_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('removed_at', 'text')
    .addUniqueConstraint('subscriptions_once', ['subscriber_id', 'kind', 'target'])
    .execute();
  await db.schema.createIndex('subscriptions_match').on('subscriptions').columns(['kind', 'target', 'status']).execute();
  await db.schema
    .createTable('subscription_digest_items')
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('digest_key', 'text')
    .addPrimaryKeyConstraint('subscription_digest_items_pk', ['subscription_id', 'event_id'])
    .execute();
  await db.schema.createIndex('subscription_digest_due').on('subscription_digest_items').columns(['frequency', 'digest_key', 'subscriber_id']).execute();
  await db.schema
    .createTable('mail_suppressions')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('permanent', 'integer', (c) => c.notNull())
    .addColumn('soft_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suppressed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
