/**
 * The transactional outbox (issue 5 §8, issue 8 §5).
 *
 * Contract:
 * - **Written with the event.** `enqueue` runs on the caller's transaction, so a message exists
 *   if and only if the event that caused it committed.
 * - **Once per logical message.** `dedupe_key` is unique; enqueueing an existing key is a no-op
 *   that reports the first row (`INSERT … ON CONFLICT DO NOTHING`, which neither dialect turns
 *   into an error that would abort the caller's transaction).
 * - **Claims are exclusive while leased.** `claimDue` moves due rows to `sending` with a fresh
 *   claim token and a lease, in one short transaction; on PostgreSQL the candidate rows are
 *   locked `FOR UPDATE SKIP LOCKED`, so concurrent workers never claim the same row; SQLite has a
 *   single writer. A row whose lease expired (its worker died mid-send) is claimable again.
 * - **Outcomes are recorded only by the claim holder.** `markSent`, `markRetry` and `markFailed`
 *   match the claim token, so a worker whose lease lapsed cannot overwrite the outcome of the
 *   worker that re-claimed the row (e.g. turn `sent` back into `pending`).
 * - **At-least-once.** The claim is committed before sending and `sent` after the SMTP server
 *   accepted the message. A crash in between leaves the row `sending`; after the lease it is sent
 *   again, byte for byte the same message with the same Message-ID (derived from the row id), so
 *   mail clients that collapse duplicates by Message-ID show one. Marking `sent` before sending
 *   would instead lose the message on such a crash; we prefer a rare identical duplicate.
 * - Console notices (`channel = 'console'`) need no delivery: they are written `sent` and are
 *   visible to their recipient from `not_before`.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';
import type { DB, Exec, OutboxTable } from '../schema.js';

/** A stored outbox row. */
export type OutboxRow = Selectable<OutboxTable>;

/** A JSON value (payloads are stored as JSON text). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One message to enqueue. */
export interface OutboxMessage {
  /** Row id (default: a random UUID); the e-mail Message-ID is derived from it. */
  id?: string;
  /** Template selector, e.g. `reminder.due_soon`. */
  kind: string;
  channel: 'email' | 'console';
  /** An e-mail address, or a staff user id (console notices; e-mail read from `users.email` at send time). */
  recipient: { email: string } | { userId: string };
  locale: 'zh-CN' | 'en';
  payload: { [key: string]: Json };
  /** Identity of the logical message; a second enqueue with the same key is a no-op. Default: the id. */
  dedupeKey?: string;
  /** The agency the message concerns, for scoping the failures view. */
  agencyId?: string | null;
  /** The event's instant (ISO-8601 UTC). */
  createdAt: string;
  /** Earliest delivery (ISO-8601 UTC); default `createdAt`. */
  notBefore?: string;
}

/**
 * Adds a message to the outbox on `trx` (call it inside the event's transaction). Returns the id
 * of the row holding this dedupe key and whether this call created it.
 */
export async function enqueue(trx: Exec, m: OutboxMessage): Promise<{ id: string; created: boolean }> {
  const id = m.id ?? randomUUID();
  const dedupeKey = m.dedupeKey ?? id;
  const notBefore = m.notBefore ?? m.createdAt;
  const isConsole = m.channel === 'console';
  const res = await trx
    .insertInto('outbox')
    .values({
      id,
      kind: m.kind,
      channel: m.channel,
      recipient_type: 'email' in m.recipient ? 'email' : 'user',
      recipient: 'email' in m.recipient ? m.recipient.email : m.recipient.userId,
      locale: m.locale,
      payload: JSON.stringify(m.payload),
      dedupe_key: dedupeKey,
      agency_id: m.agencyId ?? null,
      status: isConsole ? 'sent' : 'pending',
      not_before: notBefore,
      attempts: 0,
      last_error: null,
      claim_token: null,
      lease_until: null,
      created_at: m.createdAt,
      sent_at: isConsole ? notBefore : null,
      failed_at: null,
      read_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) return { id, created: true };
  const first = await trx.selectFrom('outbox').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();
  return { id: first.id, created: false };
}

/**
 * Claims up to `limit` due e-mail messages for this worker: `pending` or `held` rows whose
 * `not_before` has passed, and `sending` rows whose lease expired. Each claimed row gets
 * `status = 'sending'`, the claim `token`, `lease_until = leaseUntil` and one more attempt.
 */
export async function claimDue(db: Kysely<DB>, ops: DialectOps, o: { now: string; leaseUntil: string; limit: number; token: string }): Promise<OutboxRow[]> {
  return db.transaction().execute(async (trx) => {
    const candidates = trx
      .selectFrom('outbox')
      .select('id')
      .where('channel', '=', 'email')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', 'in', ['pending', 'held']), eb('not_before', '<=', o.now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', o.now)]),
        ]),
      )
      .orderBy('not_before')
      .orderBy('id')
      .limit(o.limit);
    const ids = (await ops.forUpdateSkipLocked(candidates).execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', claim_token: o.token, lease_until: o.leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
    return rows.sort((a, b) => (a.not_before < b.not_before ? -1 : a.not_before > b.not_before ? 1 : a.id < b.id ? -1 : 1));
  });
}

async function finish(db: Exec, id: string, token: string, set: Partial<Omit<OutboxRow, 'id'>>): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ ...set, claim_token: null, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records delivery. False when the claim was lost (another worker re-claimed the row). */
export function markSent(db: Exec, id: string, token: string, at: string): Promise<boolean> {
  return finish(db, id, token, { status: 'sent', sent_at: at, last_error: null });
}

/** Records a retryable failure: the row becomes due again at `notBefore`. False when the claim was lost. */
export function markRetry(db: Exec, id: string, token: string, error: string, notBefore: string): Promise<boolean> {
  return finish(db, id, token, { status: 'pending', not_before: notBefore, last_error: error });
}

/** Records giving up (permanent error or attempts exhausted). False when the claim was lost. */
export function markFailed(db: Exec, id: string, token: string, error: string, at: string): Promise<boolean> {
  return finish(db, id, token, { status: 'failed', failed_at: at, last_error: error });
}

/**
 * Marks due `pending` e-mail messages `held` with `reason` (no mail transport is configured):
 * they stay in the outbox, visible to staff, and are claimed once a transport exists.
 */
export async function holdDueMail(db: Exec, now: string, reason: string): Promise<number> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'held', last_error: reason })
    .where('channel', '=', 'email')
    .where('status', '=', 'pending')
    .where('not_before', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Puts a `failed` or `held` message back in the queue with a fresh attempt budget. False if it is neither. */
export async function requeue(db: Exec, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, not_before: now, failed_at: null })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'held'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Console notices of one staff member visible at `now`, newest first. */
export async function consoleNotices(db: Exec, userId: string, o: { now: string; unreadOnly: boolean; limit: number }): Promise<OutboxRow[]> {
  let q = db
    .selectFrom('outbox')
    .selectAll()
    .where('channel', '=', 'console')
    .where('recipient_type', '=', 'user')
    .where('recipient', '=', userId)
    .where('not_before', '<=', o.now);
  if (o.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('not_before', 'desc').orderBy('id', 'desc').limit(o.limit).execute();
}

/** Marks one of `userId`'s console notices read (first read wins). False if it is not theirs or already read. */
export async function markNoticeRead(db: Exec, userId: string, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('channel', '=', 'console')
    .where('recipient_type', '=', 'user')
    .where('recipient', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Undelivered e-mail needing staff attention (`failed` and `held`), newest first, limited to
 * messages of agencies whose path starts with one of `scopes` (all when `scopes` is null;
 * messages with no agency only then).
 */
export async function problemMessages(db: Exec, o: { scopes: string[] | null; limit: number }): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').leftJoin('agencies', 'agencies.id', 'outbox.agency_id').selectAll('outbox').where('outbox.status', 'in', ['failed', 'held']);
  if (o.scopes) {
    const scopes = o.scopes;
    if (scopes.length === 0) return [];
    q = q.where((eb) => eb.or(scopes.map((s) => eb('agencies.path', 'like', `${s}%`))));
  }
  return q.orderBy('outbox.created_at', 'desc').orderBy('outbox.id', 'desc').limit(o.limit).execute();
}

/** Number of e-mail messages per status. */
export async function countByStatus(db: Exec): Promise<Record<OutboxRow['status'], number>> {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('channel', '=', 'email').groupBy('status').execute();
  const out: Record<OutboxRow['status'], number> = { pending: 0, sending: 0, sent: 0, held: 0, failed: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
