/**
 * Subscriptions storage (migration 014). Contract:
 * - Subscribers are unique by normalised address; subscriptions by (subscriber, kind, target):
 *   subscribing again to the same thing reuses the row (and re-arms its confirmation).
 * - Only SHA-256 digests of confirmation tokens are stored; management links are signed, not
 *   stored (see `domain/subscriptions`).
 * - Fan-out writes are set-based and idempotent: outbox rows by dedupe key and digest items by
 *   (subscription, event) are inserted in batches with `ON CONFLICT DO NOTHING`.
 */
import type { Insertable } from 'kysely';
import type { Exec, OutboxTable } from '../schema.js';
import type { SubscriptionFrequency, SubscriptionKind, SubscriptionTable, SubscriberTable, SubscriptionDigestItemTable } from '../schema-subscriptions.js';

/** Rows per multi-row INSERT: well inside SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A confirmed subscription matched to an event, with what its mail needs. */
export interface MatchedSubscription {
  subscription_id: string;
  subscriber_id: string;
  kind: SubscriptionKind;
  label: string;
  frequency: SubscriptionFrequency;
  email: string;
  locale: string;
  link_version: number;
}

/** One clause of a match: subscriptions of `kind` whose target is one of `targets`. */
export interface MatchClause {
  kind: SubscriptionKind;
  targets: string[];
}

export const subscriptionRepo = {
  /** The subscriber with this address, created when new. */
  async subscriber(db: Exec, row: Insertable<SubscriberTable>): Promise<SubscriberTable> {
    await db.insertInto('subscribers').values(row).onConflict((oc) => oc.column('email').doNothing()).execute();
    return db.selectFrom('subscribers').selectAll().where('email', '=', row.email).executeTakeFirstOrThrow();
  },

  subscriberById(db: Exec, id: string): Promise<SubscriberTable | undefined> {
    return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  bumpLinkVersion(db: Exec, id: string): Promise<unknown> {
    return db.updateTable('subscribers').set((eb) => ({ link_version: eb('link_version', '+', 1) })).where('id', '=', id).execute();
  },

  /**
   * Creates the subscription pending confirmation, or re-arms an existing one that is not
   * confirmed (a new token; the frequency chosen now). A confirmed one keeps its state; the
   * result says which.
   */
  async upsertPending(db: Exec, row: SubscriptionTable): Promise<{ id: string; alreadyConfirmed: boolean }> {
    const old = await db.selectFrom('subscriptions').select(['id', 'status']).where('subscriber_id', '=', row.subscriber_id).where('kind', '=', row.kind).where('target', '=', row.target).executeTakeFirst();
    if (!old) {
      await db.insertInto('subscriptions').values(row).execute();
      return { id: row.id, alreadyConfirmed: false };
    }
    if (old.status === 'confirmed') return { id: old.id, alreadyConfirmed: true };
    await db
      .updateTable('subscriptions')
      .set({ status: 'pending', confirm_token_hash: row.confirm_token_hash, frequency: row.frequency, label: row.label, created_at: row.created_at, confirmed_at: null, removed_at: null })
      .where('id', '=', old.id)
      .execute();
    return { id: old.id, alreadyConfirmed: false };
  },

  /** Confirms the pending subscription holding this token digest (once). */
  async confirm(db: Exec, tokenHash: string, at: string): Promise<SubscriptionTable | undefined> {
    const s = await db.selectFrom('subscriptions').selectAll().where('confirm_token_hash', '=', tokenHash).where('status', '=', 'pending').executeTakeFirst();
    if (!s) return undefined;
    await db.updateTable('subscriptions').set({ status: 'confirmed', confirmed_at: at, confirm_token_hash: null }).where('id', '=', s.id).execute();
    return { ...s, status: 'confirmed', confirmed_at: at, confirm_token_hash: null };
  },

  /** A subscriber's subscriptions that are not removed, oldest first. */
  activeOf(db: Exec, subscriberId: string): Promise<SubscriptionTable[]> {
    return db.selectFrom('subscriptions').selectAll().where('subscriber_id', '=', subscriberId).where('status', '!=', 'removed').orderBy('created_at').orderBy('id').execute();
  },

  async setFrequency(db: Exec, subscriberId: string, id: string, frequency: SubscriptionFrequency): Promise<boolean> {
    const r = await db.updateTable('subscriptions').set({ frequency }).where('id', '=', id).where('subscriber_id', '=', subscriberId).where('status', '!=', 'removed').executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Removes subscriptions (all of the subscriber's when `id` is null) and drops their pending digest items. */
  async remove(db: Exec, subscriberId: string, id: string | null, at: string): Promise<number> {
    let q = db.updateTable('subscriptions').set({ status: 'removed', removed_at: at, confirm_token_hash: null }).where('subscriber_id', '=', subscriberId).where('status', '!=', 'removed');
    if (id) q = q.where('id', '=', id);
    const r = await q.executeTakeFirst();
    let d = db.deleteFrom('subscription_digest_items').where('subscriber_id', '=', subscriberId).where('digest_key', 'is', null);
    if (id) d = d.where('subscription_id', '=', id);
    await d.execute();
    return Number(r.numUpdatedRows);
  },

  /** Distinct targets of confirmed saved-search subscriptions. */
  async searchTargets(db: Exec): Promise<string[]> {
    const rows = await db.selectFrom('subscriptions').select('target').distinct().where('kind', '=', 'search').where('status', '=', 'confirmed').execute();
    return rows.map((r) => r.target);
  },

  /** Confirmed subscriptions matching one of the clauses, of addresses not suppressed; one query. */
  async match(db: Exec, clauses: MatchClause[]): Promise<MatchedSubscription[]> {
    const live = clauses.filter((c) => c.targets.length > 0);
    if (!live.length) return [];
    return db
      .selectFrom('subscriptions as s')
      .innerJoin('subscribers as p', 'p.id', 's.subscriber_id')
      .leftJoin('mail_suppressions as x', (j) => j.onRef('x.email', '=', 'p.email').on('x.suppressed', '=', 1))
      .select(['s.id as subscription_id', 's.subscriber_id', 's.kind', 's.label', 's.frequency', 'p.email', 'p.locale', 'p.link_version'])
      .where('s.status', '=', 'confirmed')
      .where('x.email', 'is', null)
      .where((eb) => eb.or(live.map((c) => eb.and([eb('s.kind', '=', c.kind), eb('s.target', 'in', c.targets)]))))
      .orderBy('s.subscriber_id')
      .orderBy('s.created_at')
      .execute();
  },

  /** Inserts outbox rows in batches; existing dedupe keys are left alone. Returns rows attempted. */
  async enqueueMany(db: Exec, rows: Insertable<OutboxTable>[]): Promise<number> {
    for (const part of chunks(rows)) await db.insertInto('outbox').values(part).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
    return rows.length;
  },

  async addDigestItems(db: Exec, rows: SubscriptionDigestItemTable[]): Promise<void> {
    for (const part of chunks(rows)) await db.insertInto('subscription_digest_items').values(part).onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing()).execute();
  },

  /** Subscribers with digest items of `frequency` waiting since before `cutoff`. */
  async dueDigestSubscribers(db: Exec, frequency: 'daily' | 'weekly', cutoff: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('subscription_digest_items')
      .select('subscriber_id')
      .distinct()
      .where('frequency', '=', frequency)
      .where('digest_key', 'is', null)
      .where('created_at', '<', cutoff)
      .orderBy('subscriber_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.subscriber_id);
  },

  /** The waiting digest items of these subscribers, with their subscription and event, in order. */
  digestItems(db: Exec, subscriberIds: string[], frequency: 'daily' | 'weekly', cutoff: string) {
    return db
      .selectFrom('subscription_digest_items as i')
      .innerJoin('subscriptions as s', 's.id', 'i.subscription_id')
      .innerJoin('subscribers as p', 'p.id', 'i.subscriber_id')
      .innerJoin('events as e', 'e.id', 'i.event_id')
      .select(['i.subscriber_id', 'i.subscription_id', 'i.event_id', 's.kind', 's.label', 's.status', 'p.email', 'p.locale', 'p.link_version', 'e.kind as event_kind', 'e.payload', 'e.subject_type', 'e.subject_id', 'e.occurred_at'])
      .where('i.subscriber_id', 'in', subscriberIds)
      .where('i.frequency', '=', frequency)
      .where('i.digest_key', 'is', null)
      .where('i.created_at', '<', cutoff)
      .orderBy('i.subscriber_id')
      .orderBy('s.created_at')
      .orderBy('e.occurred_at')
      .execute();
  },

  async markDigested(db: Exec, subscriberIds: string[], frequency: 'daily' | 'weekly', cutoff: string, key: string): Promise<void> {
    await db.updateTable('subscription_digest_items').set({ digest_key: key }).where('subscriber_id', 'in', subscriberIds).where('frequency', '=', frequency).where('digest_key', 'is', null).where('created_at', '<', cutoff).execute();
  },

  /** Suppressed addresses among `emails`. */
  async suppressedAmong(db: Exec, emails: string[]): Promise<Set<string>> {
    if (!emails.length) return new Set();
    const out = new Set<string>();
    for (const part of chunks([...new Set(emails)])) {
      const rows = await db.selectFrom('mail_suppressions').select('email').where('suppressed', '=', 1).where('email', 'in', part).execute();
      for (const r of rows) out.add(r.email);
    }
    return out;
  },

  /** Records a bounce or complaint: permanent ones suppress at once, soft bounces from the third. */
  async recordMailEvent(db: Exec, e: { email: string; reason: 'bounce' | 'complaint'; permanent: boolean; at: string }): Promise<boolean> {
    const old = await db.selectFrom('mail_suppressions').selectAll().where('email', '=', e.email).executeTakeFirst();
    const soft = (old?.soft_count ?? 0) + (e.permanent ? 0 : 1);
    const suppressed = old?.suppressed === 1 || e.permanent || soft >= 3 ? 1 : 0;
    if (!old) {
      await db.insertInto('mail_suppressions').values({ email: e.email, reason: e.reason, permanent: e.permanent ? 1 : 0, soft_count: soft, suppressed, created_at: e.at, updated_at: e.at }).onConflict((oc) => oc.column('email').doNothing()).execute();
    } else {
      await db.updateTable('mail_suppressions').set({ reason: e.permanent ? e.reason : old.reason, permanent: old.permanent || e.permanent ? 1 : 0, soft_count: soft, suppressed, updated_at: e.at }).where('email', '=', e.email).execute();
    }
    return suppressed === 1;
  },

  /** The instance's subscription link key, created on first use (a random 256-bit value in `instance_meta`). */
  async linkKey(db: Exec, fresh: string, at: string): Promise<string> {
    await db.insertInto('instance_meta').values({ key: 'subscriptions.link_key', value: fresh, updated_at: at }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const r = await db.selectFrom('instance_meta').select('value').where('key', '=', 'subscriptions.link_key').executeTakeFirstOrThrow();
    return r.value;
  },
};
