/**
 * ActivityPub storage (migration 018).
 *
 * Contract of `ap_deliveries` (the same as the mail outbox, `outbox-repo.ts`):
 * - `enqueueDelivery` is idempotent per `dedupe_key` (`ON CONFLICT DO NOTHING`), so expanding an
 *   event twice adds nothing.
 * - `claimDeliveries` moves due rows to `sending` with a claim token and a lease in one short
 *   transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer). A row whose
 *   lease lapsed (its worker died) is claimable again: delivery is at-least-once, and receivers
 *   de-duplicate by activity id.
 * - Outcomes are recorded only by the claim holder (the token must match).
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';
import type { DB, Exec } from '../schema.js';
import type { ApActorTable, ApDeliveryTable, ApFollowerTable, ApRemoteKeyTable } from '../schema-activitypub.js';

export type ApActorRow = Selectable<ApActorTable>;
export type ApFollowerRow = Selectable<ApFollowerTable>;
export type ApRemoteKeyRow = Selectable<ApRemoteKeyTable>;
export type ApDeliveryRow = Selectable<ApDeliveryTable>;

export const apActors = {
  of: (db: Exec, agencyId: string): Promise<ApActorRow | undefined> => db.selectFrom('ap_actors').selectAll().where('agency_id', '=', agencyId).executeTakeFirst(),
  byUrl: (db: Exec, actorUrl: string): Promise<ApActorRow | undefined> => db.selectFrom('ap_actors').selectAll().where('actor_url', '=', actorUrl).executeTakeFirst(),
  /** Inserts unless the agency already has an actor (the first writer wins). */
  async insert(db: Exec, row: Insertable<ApActorTable>): Promise<void> {
    await db.insertInto('ap_actors').values(row).onConflict((oc) => oc.column('agency_id').doNothing()).execute();
  },
};

export const apFollowers = {
  /** Adds a follower, or refreshes its inboxes and Follow id when it follows again. */
  async upsert(db: Exec, row: ApFollowerRow): Promise<void> {
    await db
      .insertInto('ap_followers')
      .values(row)
      .onConflict((oc) => oc.columns(['agency_id', 'actor_url']).doUpdateSet({ inbox: row.inbox, shared_inbox: row.shared_inbox, follow_id: row.follow_id }))
      .execute();
  },
  /** Removes a follower; returns whether one was removed. */
  async remove(db: Exec, agencyId: string, actorUrl: string): Promise<boolean> {
    const r = await db.deleteFrom('ap_followers').where('agency_id', '=', agencyId).where('actor_url', '=', actorUrl).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
  /** Removes the follow `followId` of `actorUrl`, whichever agency it follows. */
  async removeFollow(db: Exec, actorUrl: string, followId: string): Promise<boolean> {
    const r = await db.deleteFrom('ap_followers').where('actor_url', '=', actorUrl).where('follow_id', '=', followId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
  /** Removes every follow of `actorUrl` (the account was deleted). */
  async removeActor(db: Exec, actorUrl: string): Promise<number> {
    const r = await db.deleteFrom('ap_followers').where('actor_url', '=', actorUrl).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  /** Removes the followers whose own inbox is `inbox` (it answered 410 Gone). */
  async removeByInbox(db: Exec, inbox: string): Promise<number> {
    const r = await db.deleteFrom('ap_followers').where('inbox', '=', inbox).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  of: (db: Exec, agencyId: string): Promise<ApFollowerRow[]> => db.selectFrom('ap_followers').selectAll().where('agency_id', '=', agencyId).orderBy('created_at').orderBy('actor_url').execute(),
  one: (db: Exec, agencyId: string, actorUrl: string): Promise<ApFollowerRow | undefined> =>
    db.selectFrom('ap_followers').selectAll().where('agency_id', '=', agencyId).where('actor_url', '=', actorUrl).executeTakeFirst(),
  async count(db: Exec, agencyId: string): Promise<number> {
    const r = await db.selectFrom('ap_followers').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};

export const apRemoteKeys = {
  get: (db: Exec, keyId: string): Promise<ApRemoteKeyRow | undefined> => db.selectFrom('ap_remote_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst(),
  async put(db: Exec, row: ApRemoteKeyRow): Promise<void> {
    await db
      .insertInto('ap_remote_keys')
      .values(row)
      .onConflict((oc) => oc.column('key_id').doUpdateSet({ owner: row.owner, public_key_pem: row.public_key_pem, inbox: row.inbox, shared_inbox: row.shared_inbox, fetched_at: row.fetched_at }))
      .execute();
  },
};

/** Queues one delivery; a second call with the same `dedupe_key` is a no-op. Returns whether it was created. */
export async function enqueueDelivery(db: Exec, row: Omit<ApDeliveryRow, 'status' | 'attempts' | 'last_error' | 'claim_token' | 'lease_until' | 'sent_at'>): Promise<boolean> {
  const r = await db
    .insertInto('ap_deliveries')
    .values({ ...row, status: 'pending', attempts: 0, last_error: null, claim_token: null, lease_until: null, sent_at: null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Claims up to `limit` due deliveries (pending and due, or sending with a lapsed lease). */
export async function claimDeliveries(db: Kysely<DB>, ops: DialectOps, o: { now: string; leaseUntil: string; limit: number; token: string }): Promise<ApDeliveryRow[]> {
  return db.transaction().execute(async (trx) => {
    const candidates = trx
      .selectFrom('ap_deliveries')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('not_before', '<=', o.now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', o.now)]),
        ]),
      )
      .orderBy('not_before')
      .orderBy('id')
      .limit(o.limit);
    const ids = (await ops.forUpdateSkipLocked(candidates).execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable('ap_deliveries')
      .set((eb) => ({ status: 'sending' as const, claim_token: o.token, lease_until: o.leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
    return rows.sort((a, b) => (a.not_before < b.not_before ? -1 : a.not_before > b.not_before ? 1 : a.id < b.id ? -1 : 1));
  });
}

async function finish(db: Exec, id: string, token: string, set: Partial<Omit<ApDeliveryRow, 'id'>>): Promise<boolean> {
  const r = await db
    .updateTable('ap_deliveries')
    .set({ ...set, claim_token: null, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export const apDeliveryOutcome = {
  sent: (db: Exec, id: string, token: string, at: string) => finish(db, id, token, { status: 'sent', sent_at: at, last_error: null }),
  retry: (db: Exec, id: string, token: string, error: string, notBefore: string) => finish(db, id, token, { status: 'pending', not_before: notBefore, last_error: error }),
  failed: (db: Exec, id: string, token: string, error: string) => finish(db, id, token, { status: 'failed', last_error: error }),
};

/** Deletes delivered rows sent before `before` (their activities stay in the outbox); returns how many. */
export async function pruneSentDeliveries(db: Exec, before: string): Promise<number> {
  const r = await db.deleteFrom('ap_deliveries').where('status', '=', 'sent').where('sent_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
