/**
 * Delivery of queued activities: each claimed row is POSTed to its inbox, signed with its
 * agency's key (`(request-target) host date digest`), within the fetch policy derived from the
 * actor's own URL. 2xx is delivered; 4xx other than 408/429 is a permanent refusal; anything
 * else (5xx, network, timeout) is retried with exponential backoff.
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import type { Deps } from '../../commands/deps.js';
import { apActors, apDeliveryOutcome, apFollowers, claimDeliveries, pruneSentDeliveries, type ApDeliveryRow } from '../../store/repos/activitypub-repo.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from '../../jobs/outbox-delivery.js';
import { ACTIVITY_JSON } from './activities.js';
import { signedHeaders } from './http-signature.js';
import { FetchError, fetchPolicyFor, safeRequest, type FetchPolicy } from './safe-fetch.js';

/** The public URL of the instance that created an actor (`<publicUrl>/ap/agencies/<code>`). */
export function publicUrlOfActor(actorUrl: string): string {
  const i = actorUrl.indexOf('/ap/agencies/');
  return i >= 0 ? actorUrl.slice(0, i) : new URL(actorUrl).origin;
}

export interface ApDeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

export interface ApDeliveryOptions {
  now?: Date;
  limit?: number;
  leaseMs?: number;
  retry?: RetryPolicy;
  /** Deliveries in flight at once. */
  parallel?: number;
  /** Overrides the policy derived from each actor's URL (tests of the refusal rules). */
  policy?: FetchPolicy;
}

/** Sends one activity; resolves with the HTTP status, throws FetchError on network trouble. */
export async function postActivity(deps: Deps, o: { inbox: string; body: string; keyId: string; privateKeyPem: string | KeyObject; policy: FetchPolicy }): Promise<number> {
  const headers = {
    ...signedHeaders({ method: 'POST', url: o.inbox, body: o.body, keyId: o.keyId, privateKeyPem: o.privateKeyPem, now: deps.clock.now() }),
    'content-type': ACTIVITY_JSON,
    accept: 'application/activity+json',
    'user-agent': `Gongkai (+https://${deps.instance}/)`,
  };
  const res = await safeRequest(o.inbox, { method: 'POST', headers, body: o.body }, o.policy);
  return res.status;
}

/** Delivers up to `limit` due activities. */
export async function deliverActivities(deps: Deps, o: ApDeliveryOptions = {}): Promise<ApDeliveryReport> {
  const now = o.now ?? deps.clock.now();
  const retry = o.retry ?? DEFAULT_RETRY;
  const token = randomUUID();
  const rows = await claimDeliveries(deps.db, deps.ops, {
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + (o.leaseMs ?? 5 * 60_000)).toISOString(),
    limit: o.limit ?? 40,
    token,
  });
  const report: ApDeliveryReport = { sent: 0, retried: 0, failed: 0 };
  // One actor lookup and one key parse per agency and run, not per delivery.
  const actors = new Map<string, Promise<{ actor_url: string; key: KeyObject } | null>>();
  const actorOf = (agencyId: string) => {
    let a = actors.get(agencyId);
    if (!a) {
      a = apActors.of(deps.db, agencyId).then((r) => (r ? { actor_url: r.actor_url, key: createPrivateKey(r.private_key_pem) } : null));
      actors.set(agencyId, a);
    }
    return a;
  };
  const one = async (row: ApDeliveryRow): Promise<void> => {
    const actor = await actorOf(row.agency_id);
    let error: string;
    let permanent = false;
    if (!actor) {
      error = 'the agency has no actor';
      permanent = true;
    } else {
      try {
        const policy = o.policy ?? fetchPolicyFor(publicUrlOfActor(actor.actor_url));
        const status = await postActivity(deps, { inbox: row.inbox, body: row.body, keyId: `${actor.actor_url}#main-key`, privateKeyPem: actor.key, policy });
        if (status >= 200 && status < 300) {
          if (await apDeliveryOutcome.sent(deps.db, row.id, token, deps.clock.now().toISOString())) report.sent++;
          return;
        }
        error = `HTTP ${status}`;
        permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
        // 410 Gone: the account was deleted; it follows nobody any more.
        if (status === 410) await apFollowers.removeByInbox(deps.db, row.inbox);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        permanent = err instanceof FetchError && err.permanent;
      }
    }
    if (permanent || row.attempts >= retry.maxAttempts) {
      if (await apDeliveryOutcome.failed(deps.db, row.id, token, error)) report.failed++;
    } else if (await apDeliveryOutcome.retry(deps.db, row.id, token, error, new Date(now.getTime() + backoffMs(retry, row.attempts)).toISOString())) {
      report.retried++;
    }
  };
  const parallel = Math.max(1, o.parallel ?? 8);
  for (let i = 0; i < rows.length; i += parallel) await Promise.all(rows.slice(i, i + parallel).map(one));
  return report;
}

/** Delivered rows are kept this long (for inspection), then pruned by the job. */
export const SENT_RETENTION_MS = 30 * 24 * 3_600_000;

/** Forgets deliveries sent more than `SENT_RETENTION_MS` before `now`. */
export function pruneDeliveries(deps: Deps, now: Date): Promise<number> {
  return pruneSentDeliveries(deps.db, new Date(now.getTime() - SENT_RETENTION_MS).toISOString());
}
