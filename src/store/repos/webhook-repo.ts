/**
 * Webhook endpoints, deliveries and the attempt log (migration 015).
 *
 * Contract (the same as the outbox, `outbox-repo.ts`):
 * - **One delivery per (endpoint, event).** `insertDeliveries` is `ON CONFLICT DO NOTHING` on that
 *   key, so the event consumer can expand an event again after a crash and add nothing.
 * - **Claims are exclusive while leased.** `claimDeliveries` moves due rows of enabled endpoints
 *   to `sending` with a claim token and a lease in one short transaction (`FOR UPDATE SKIP
 *   LOCKED` on PostgreSQL, so concurrent workers never take the same row; SQLite has one writer).
 *   A row whose lease expired (its worker died between sending and recording) is claimable again.
 * - **Outcomes are recorded only by the claim holder** (`finishDelivery` matches the token).
 * - **At-least-once.** The claim commits before the POST and the outcome after the response, so
 *   a crash in between sends the same event (same id, same body) again after the lease.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';
import type { DB, Exec } from '../schema.js';
import type { WebhookAttemptTable, WebhookDeliveryStatus, WebhookDeliveryTable, WebhookEndpointTable } from '../schema-push.js';

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;

export const webhookRepo = {
  async insertEndpoint(db: Exec, row: WebhookEndpointRow): Promise<void> {
    await db.insertInto('webhook_endpoints').values(row).execute();
  },

  endpointById(db: Exec, id: string): Promise<WebhookEndpointRow | undefined> {
    return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Changes an endpoint if its version is still `version`; returns whether it did (bumps the version). */
  async updateEndpoint(db: Exec, id: string, version: number, set: Partial<Omit<WebhookEndpointRow, 'id' | 'version'>>): Promise<boolean> {
    const r = await db
      .updateTable('webhook_endpoints')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Endpoints of the given agencies (with their agency path), newest first. */
  endpointsOf(db: Exec, agencyIds: readonly string[] | null) {
    let q = db
      .selectFrom('webhook_endpoints')
      .innerJoin('agencies', 'agencies.id', 'webhook_endpoints.agency_id')
      .selectAll('webhook_endpoints')
      .select(['agencies.path as agency_path', 'agencies.code as agency_code', 'agencies.name_zh as agency_name_zh', 'agencies.name_en as agency_name_en']);
    if (agencyIds) {
      if (agencyIds.length === 0) return Promise.resolve([]);
      q = q.where('webhook_endpoints.agency_id', 'in', agencyIds);
    }
    return q.orderBy('webhook_endpoints.created_at', 'desc').orderBy('webhook_endpoints.id').execute();
  },

  /** Enabled endpoints that may receive an event of the agency whose ancestors-and-self are `agencyIds`. */
  candidatesFor(db: Exec, eventAgencyId: string, ancestorIds: readonly string[]): Promise<WebhookEndpointRow[]> {
    return db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('enabled', '=', 1)
      .where('agency_id', 'in', [eventAgencyId, ...ancestorIds])
      .where((eb) => eb.or([eb('agency_id', '=', eventAgencyId), eb('include_subtree', '=', 1)]))
      .execute();
  },

  /** Adds deliveries; an existing (endpoint, event) pair is left as it is. Returns how many were new. */
  async insertDeliveries(db: Exec, rows: WebhookDeliveryRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    let n = 0;
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 500) {
      const r = await db
        .insertInto('webhook_deliveries')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .executeTakeFirst();
      n += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return n;
  },

  /** Claims up to `limit` due deliveries of enabled endpoints (see the contract above). */
  async claimDeliveries(db: Kysely<DB>, ops: DialectOps, o: { now: string; leaseUntil: string; limit: number; token: string }): Promise<WebhookDeliveryRow[]> {
    return db.transaction().execute(async (trx) => {
      const candidates = trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('not_before', '<=', o.now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', o.now)]),
          ]),
        )
        // A subquery, not a join: FOR UPDATE then locks delivery rows only, never the endpoint.
        .where('endpoint_id', 'in', (eb) => eb.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1))
        .orderBy('not_before')
        .orderBy('id')
        .limit(o.limit);
      const ids = (await ops.forUpdateSkipLocked(candidates).execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      const rows: WebhookDeliveryRow[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        rows.push(
          ...(await trx
            .updateTable('webhook_deliveries')
            .set((eb) => ({ status: 'sending' as const, claim_token: o.token, lease_until: o.leaseUntil, attempts: eb('attempts', '+', 1), total_attempts: eb('total_attempts', '+', 1) }))
            .where('id', 'in', ids.slice(i, i + 500))
            .returningAll()
            .execute()),
        );
      }
      return rows.sort((a, b) => (a.not_before < b.not_before ? -1 : a.not_before > b.not_before ? 1 : a.id < b.id ? -1 : 1));
    });
  },

  /** Records an outcome if `token` still holds the claim. */
  async finishDelivery(
    db: Exec,
    id: string,
    token: string,
    set: { status: Exclude<WebhookDeliveryStatus, 'sending'>; not_before?: string; last_status: number | null; last_error: string | null; finished_at: string | null },
  ): Promise<boolean> {
    const r = await db
      .updateTable('webhook_deliveries')
      .set({ ...set, claim_token: null, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('claim_token', '=', token)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /**
   * Records many successful attempts at once (the delivery job's fast path): their log rows, the
   * deliveries still claimed by `token` as succeeded, and their endpoints as healthy. Returns how
   * many deliveries were recorded (the others had lost their claim).
   */
  async recordSuccesses(db: Exec, token: string, attempts: WebhookAttemptRow[], at: string): Promise<number> {
    if (attempts.length === 0) return 0;
    let n = 0;
    for (let i = 0; i < attempts.length; i += 100) {
      const part = attempts.slice(i, i + 100);
      await db.insertInto('webhook_attempts').values(part).onConflict((oc) => oc.columns(['delivery_id', 'attempt_no']).doNothing()).execute();
      // One statement per status code (nearly always a single 200 or 204).
      for (const code of new Set(part.map((a) => a.status_code))) {
        const r = await db
          .updateTable('webhook_deliveries')
          .set({ status: 'succeeded', last_status: code, last_error: null, finished_at: at, claim_token: null, lease_until: null })
          .where('id', 'in', part.filter((a) => a.status_code === code).map((a) => a.delivery_id))
          .where('status', '=', 'sending')
          .where('claim_token', '=', token)
          .executeTakeFirst();
        n += Number(r.numUpdatedRows);
      }
      await db.updateTable('webhook_endpoints').set({ failing_since: null, last_success_at: at }).where('id', 'in', [...new Set(part.map((a) => a.endpoint_id))]).execute();
    }
    return n;
  },

  async recordAttempt(db: Exec, row: WebhookAttemptRow): Promise<void> {
    await db.insertInto('webhook_attempts').values(row).onConflict((oc) => oc.columns(['delivery_id', 'attempt_no']).doNothing()).execute();
  },

  /** A 2xx: the endpoint is healthy again. */
  async endpointSucceeded(db: Exec, id: string, at: string): Promise<void> {
    await db.updateTable('webhook_endpoints').set({ failing_since: null, last_success_at: at }).where('id', '=', id).execute();
  },

  /** A failed attempt: starts the failing period if none is running. */
  async endpointFailed(db: Exec, id: string, at: string): Promise<void> {
    await db.updateTable('webhook_endpoints').set({ failing_since: at }).where('id', '=', id).where('failing_since', 'is', null).execute();
  },

  /**
   * Disables the endpoint if it is enabled and has been failing since `cutoff` or earlier. True
   * only for the call that disabled it (so the agency is told once).
   */
  async disableIfFailingSince(db: Exec, id: string, cutoff: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('webhook_endpoints')
      .set((eb) => ({ enabled: 0, disabled_reason: 'failures', disabled_at: at, version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', id)
      .where('enabled', '=', 1)
      .where('failing_since', '<=', cutoff)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  deliveryById(db: Exec, id: string): Promise<WebhookDeliveryRow | undefined> {
    return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Deliveries of an endpoint, newest first, before the (created_at, id) cursor if given. */
  deliveriesOf(db: Exec, endpointId: string, o: { limit: number; before?: { createdAt: string; id: string } }): Promise<WebhookDeliveryRow[]> {
    let q = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
    const b = o.before;
    if (b) q = q.where((eb) => eb.or([eb('created_at', '<', b.createdAt), eb.and([eb('created_at', '=', b.createdAt), eb('id', '<', b.id)])]));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(o.limit).execute();
  },

  attemptsOf(db: Exec, deliveryId: string): Promise<WebhookAttemptRow[]> {
    return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt_no', 'desc').execute();
  },

  /** Recent attempts of an endpoint (the delivery log), newest first. */
  recentAttempts(db: Exec, endpointId: string, limit: number) {
    return db
      .selectFrom('webhook_attempts')
      .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.delivery_id')
      .selectAll('webhook_attempts')
      .select(['webhook_deliveries.event_id', 'webhook_deliveries.event_type'])
      .where('webhook_attempts.endpoint_id', '=', endpointId)
      .orderBy('webhook_attempts.at', 'desc')
      .orderBy('webhook_attempts.attempt_no', 'desc')
      .limit(limit)
      .execute();
  },

  /**
   * Puts a delivery back in the queue at `now` with a fresh attempt budget (manual redelivery).
   * A delivery being sent right now is left alone (false).
   */
  async requeue(db: Exec, id: string, now: string): Promise<boolean> {
    const r = await db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', attempts: 0, not_before: now, finished_at: null })
      .where('id', '=', id)
      .where('status', '!=', 'sending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** On re-enabling: pending deliveries of the endpoint get a fresh budget and are due at once. */
  async restartPending(db: Exec, endpointId: string, now: string): Promise<void> {
    await db.updateTable('webhook_deliveries').set({ attempts: 0, not_before: now }).where('endpoint_id', '=', endpointId).where('status', '=', 'pending').execute();
  },

  /** Counts of deliveries per status for the endpoint. */
  async deliveryCounts(db: Exec, endpointId: string): Promise<Record<WebhookDeliveryStatus, number>> {
    const rows = await db.selectFrom('webhook_deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('endpoint_id', '=', endpointId).groupBy('status').execute();
    const out: Record<WebhookDeliveryStatus, number> = { pending: 0, sending: 0, succeeded: 0, failed: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  },
};

/** Active staff who manage webhooks of the agency (admins and editors at it or above it), to be told about it. */
export function webhookStaffAt(db: Exec, agencyIds: readonly string[]): Promise<{ id: string; email: string }[]> {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .select(['users.id', 'users.email'])
    .distinct()
    .where('grants.agency_id', 'in', agencyIds)
    .where('grants.role', 'in', ['admin', 'editor'])
    .where('users.status', '=', 'active')
    .orderBy('users.id')
    .execute();
}

/** Endpoints and events by id, for a claimed batch. */
export async function deliveryContext(db: Exec, endpointIds: readonly string[], eventIds: readonly string[]) {
  const endpoints: WebhookEndpointRow[] = [];
  const events: Selectable<DB['events']>[] = [];
  const eps = [...new Set(endpointIds)];
  const evs = [...new Set(eventIds)];
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < eps.length; i += 500) endpoints.push(...(await db.selectFrom('webhook_endpoints').selectAll().where('id', 'in', eps.slice(i, i + 500)).execute()));
  for (let i = 0; i < evs.length; i += 500) events.push(...(await db.selectFrom('events').selectAll().where('id', 'in', evs.slice(i, i + 500)).execute()));
  return { endpoints: new Map(endpoints.map((e) => [e.id, e])), events: new Map(events.map((e) => [e.id, e])) };
}
