/**
 * Platform events and their per-consumer queues (migration 011). The contract mirrors the
 * outbox (`outbox-repo.ts`): rows are written in the event's transaction; a claim is exclusive
 * while leased (`FOR UPDATE SKIP LOCKED` on PostgreSQL); outcomes are recorded only by the claim
 * holder; a claim whose worker died becomes claimable again after its lease, so delivery is
 * at-least-once and handlers must be idempotent.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';
import type { DB, Exec } from '../schema.js';
import type { EventTable } from '../schema-events.js';

export type EventRow = Selectable<EventTable>;

/** A claimed queue item with its event. */
export interface ClaimedEvent {
  event: EventRow;
  attempts: number;
  token: string;
}

/** Inserts the event and one pending queue row per consumer, on the caller's transaction. */
export async function insertEvent(trx: Exec, row: EventRow, consumers: readonly string[]): Promise<void> {
  await trx.insertInto('events').values(row).execute();
  if (consumers.length === 0) return;
  await trx
    .insertInto('event_queue')
    .values(consumers.map((consumer) => ({ consumer, event_id: row.id, status: 'pending' as const, not_before: row.occurred_at, attempts: 0 })))
    .execute();
}

/** Claims up to `limit` due items of one consumer, oldest event first. */
export async function claimEvents(
  db: Kysely<DB>,
  ops: DialectOps,
  o: { consumer: string; now: string; leaseUntil: string; limit: number; token: string },
): Promise<ClaimedEvent[]> {
  return db.transaction().execute(async (trx) => {
    const candidates = trx
      .selectFrom('event_queue')
      .select('event_id')
      .where('consumer', '=', o.consumer)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('not_before', '<=', o.now)]),
          eb.and([eb('status', '=', 'working'), eb('lease_until', '<=', o.now)]),
        ]),
      )
      .orderBy('not_before')
      .orderBy('event_id')
      .limit(o.limit);
    const ids = (await ops.forUpdateSkipLocked(candidates).execute()).map((r) => r.event_id);
    if (ids.length === 0) return [];
    const queued = await trx
      .updateTable('event_queue')
      .set((eb) => ({ status: 'working' as const, claim_token: o.token, lease_until: o.leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('consumer', '=', o.consumer)
      .where('event_id', 'in', ids)
      .returning(['event_id', 'attempts'])
      .execute();
    const events = await trx.selectFrom('events').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(events.map((e) => [e.id, e]));
    return queued
      .map((q) => ({ event: byId.get(q.event_id)!, attempts: q.attempts, token: o.token }))
      .sort((a, b) => (a.event.occurred_at < b.event.occurred_at ? -1 : a.event.occurred_at > b.event.occurred_at ? 1 : a.event.id < b.event.id ? -1 : 1));
  });
}

async function finish(db: Exec, consumer: string, eventId: string, token: string, set: { status: 'done' | 'pending' | 'failed'; not_before?: string; last_error?: string | null; done_at?: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('event_queue')
    .set({ ...set, claim_token: null, lease_until: null })
    .where('consumer', '=', consumer)
    .where('event_id', '=', eventId)
    .where('status', '=', 'working')
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export const eventQueue = {
  done: (db: Exec, consumer: string, eventId: string, token: string, at: string) => finish(db, consumer, eventId, token, { status: 'done', done_at: at, last_error: null }),
  retry: (db: Exec, consumer: string, eventId: string, token: string, error: string, notBefore: string) => finish(db, consumer, eventId, token, { status: 'pending', not_before: notBefore, last_error: error }),
  fail: (db: Exec, consumer: string, eventId: string, token: string, error: string) => finish(db, consumer, eventId, token, { status: 'failed', last_error: error }),
};

/** Events about one subject, oldest first (for feeds and the ActivityPub outbox). */
export function eventsOf(db: Exec, subjectType: string, subjectId: string): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).orderBy('occurred_at').orderBy('id').execute();
}
