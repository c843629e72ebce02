/**
 * Webhook delivery (issue 8 §4): claims due deliveries, POSTs each signed event with bounded
 * concurrency, and records the outcome.
 *
 * - 2xx is success; anything else (another status, a timeout after 10 s, a refused connection or
 *   address) is a failed attempt, retried on `WEBHOOK_RETRY` (1 min doubling to 6 h, 13 attempts
 *   over 26.5 h), counted from the pass that made the attempt.
 * - Every attempt is logged (status code, duration, error, attempt number).
 * - An endpoint that has had no 2xx for 24 hours when an attempt fails is disabled, and the staff
 *   who manage its agency's webhooks get a console notice and an e-mail (once).
 * - At-least-once: the claim is committed before the POST and the outcome after it. A worker that
 *   dies in between leaves the claim to lapse; the delivery is then sent again, byte for byte the
 *   same body with the same `Gongkai-Event-Id`.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../commands/deps.js';
import { WEBHOOK_DISABLE_AFTER_MS, WEBHOOK_RETRY, WEBHOOK_TIMEOUT_MS, webhookBackoffMs, type WebhookRetryPolicy } from '../../domain/webhooks/retry.js';
import { signedHeaders, webhookBody } from '../../domain/webhooks/signing.js';
import { webhookEventOf } from '../../domain/webhooks/event-body.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import type { EventRow } from '../../store/repos/event-repo.js';
import { enqueue } from '../../store/repos/outbox-repo.js';
import { deliveryContext, webhookRepo, webhookStaffAt, type WebhookDeliveryRow, type WebhookEndpointRow } from '../../store/repos/webhook-repo.js';
import { postWebhook, type SendResult } from './sender.js';

/** Outbox kind of the "endpoint disabled" notice (template in `jobs/mail/push-templates.ts`). */
export const WEBHOOK_DISABLED_KIND = 'webhook.disabled';

export interface WebhookDeliveryOptions {
  /** The pass's instant (default: the clock). Retries are scheduled from it. */
  now?: Date;
  /** Deliveries claimed per batch (default 200). */
  batchSize?: number;
  /** Batches per pass at most (default 10): a pass ends early when a batch is not full. */
  maxBatches?: number;
  /** Requests in flight at once (default 32). */
  concurrency?: number;
  /** Claim lease (default 5 minutes; longer than a batch's timeouts). */
  leaseMs?: number;
  timeoutMs?: number;
  retry?: WebhookRetryPolicy;
  /** The POST; tests and benchmarks may wrap it. */
  send?: typeof postWebhook;
}

export interface WebhookDeliveryReport {
  succeeded: number;
  retried: number;
  failed: number;
  disabledEndpoints: number;
  lostClaims: number;
}

/** A claimed delivery with what it takes to send it. */
export interface PreparedDelivery {
  delivery: WebhookDeliveryRow;
  endpoint: WebhookEndpointRow;
  event: EventRow;
}

/** The secrets that sign at `now`: the current one, and the previous one during its grace period. */
export function signingSecrets(ep: WebhookEndpointRow, now: Date): string[] {
  const out = [ep.secret];
  if (ep.previous_secret && ep.previous_secret_until && ep.previous_secret_until > now.toISOString()) out.push(ep.previous_secret);
  return out;
}

/** Claims due deliveries (one short transaction) and loads their endpoints and events. */
export async function claimWebhookDeliveries(deps: Deps, o: { now: Date; limit: number; leaseMs: number; token: string }): Promise<PreparedDelivery[]> {
  const rows = await webhookRepo.claimDeliveries(deps.db, deps.ops, { now: o.now.toISOString(), leaseUntil: new Date(o.now.getTime() + o.leaseMs).toISOString(), limit: o.limit, token: o.token });
  if (rows.length === 0) return [];
  const ctx = await deliveryContext(deps.db, rows.map((r) => r.endpoint_id), rows.map((r) => r.event_id));
  const out: PreparedDelivery[] = [];
  for (const delivery of rows) {
    const endpoint = ctx.endpoints.get(delivery.endpoint_id);
    const event = ctx.events.get(delivery.event_id);
    if (endpoint && event) out.push({ delivery, endpoint, event });
  }
  return out;
}

/** Sends one prepared delivery, signed at `at` (the body is the same on every attempt). */
export function sendPrepared(p: PreparedDelivery, at: Date, o: { timeoutMs?: number; send?: typeof postWebhook; userAgent: string }): Promise<SendResult> {
  const ev = webhookEventOf(p.event);
  const body = webhookBody(ev);
  return (o.send ?? postWebhook)(p.endpoint.url, signedHeaders(ev, body, signingSecrets(p.endpoint, at), at), body, { timeoutMs: o.timeoutMs ?? WEBHOOK_TIMEOUT_MS, userAgent: o.userAgent });
}

async function tellAgency(deps: Deps, trx: Parameters<typeof enqueue>[0], ep: WebhookEndpointRow, at: string): Promise<void> {
  const agency = await agencyRepo.byId(trx, ep.agency_id);
  if (!agency) return;
  const staff = await webhookStaffAt(trx, agency.path.split('/').filter(Boolean));
  for (const u of staff) {
    for (const channel of u.email ? (['console', 'email'] as const) : (['console'] as const)) {
      await enqueue(trx, {
        id: deps.newId(),
        kind: WEBHOOK_DISABLED_KIND,
        channel,
        recipient: { userId: u.id },
        locale: 'zh-CN',
        payload: { url: ep.url, agencyName: agency.name_zh, failingSince: ep.failing_since ?? at, path: `/admin/webhooks/${ep.id}` },
        dedupeKey: `webhook-disabled:${ep.id}:${ep.disabled_at ?? at}:${channel}:${u.id}`,
        agencyId: agency.id,
        createdAt: at,
      });
    }
  }
}

/**
 * Records the outcome of one attempt in one transaction: the log row, the delivery's new state
 * (only if `token` still holds the claim), the endpoint's health, and the automatic disabling with
 * its notices. Returns what happened.
 */
export async function recordWebhookOutcome(
  deps: Deps,
  p: PreparedDelivery,
  token: string,
  r: SendResult,
  o: { passAt: Date; retry?: WebhookRetryPolicy },
): Promise<{ outcome: 'succeeded' | 'retried' | 'failed'; recorded: boolean; disabled: boolean }> {
  const retry = o.retry ?? WEBHOOK_RETRY;
  const at = deps.clock.now().toISOString();
  const d = p.delivery;
  return deps.db.transaction().execute(async (trx) => {
    await webhookRepo.recordAttempt(trx, { delivery_id: d.id, attempt_no: d.total_attempts, endpoint_id: d.endpoint_id, at, status_code: r.statusCode, duration_ms: r.durationMs, error: r.error?.slice(0, 300) ?? null, ok: r.ok ? 1 : 0 });
    if (r.ok) {
      const recorded = await webhookRepo.finishDelivery(trx, d.id, token, { status: 'succeeded', last_status: r.statusCode, last_error: null, finished_at: at });
      await webhookRepo.endpointSucceeded(trx, d.endpoint_id, at);
      return { outcome: 'succeeded', recorded, disabled: false };
    }
    const giveUp = d.attempts >= retry.maxAttempts;
    const next = new Date(o.passAt.getTime() + webhookBackoffMs(d.attempts, retry)).toISOString();
    const recorded = await webhookRepo.finishDelivery(trx, d.id, token, giveUp ? { status: 'failed', last_status: r.statusCode, last_error: r.error, finished_at: at } : { status: 'pending', not_before: next, last_status: r.statusCode, last_error: r.error, finished_at: null });
    await webhookRepo.endpointFailed(trx, d.endpoint_id, at);
    const cutoff = new Date(Date.parse(at) - WEBHOOK_DISABLE_AFTER_MS).toISOString();
    const disabled = await webhookRepo.disableIfFailingSince(trx, d.endpoint_id, cutoff, at);
    if (disabled) {
      const ep = await webhookRepo.endpointById(trx, d.endpoint_id);
      if (ep) await tellAgency(deps, trx, ep, at);
    }
    return { outcome: giveUp ? 'failed' : 'retried', recorded, disabled };
  });
}

/** Successful attempts recorded together. */
const SUCCESS_GROUP = 50;

interface PreparedSuccess {
  p: PreparedDelivery;
  r: SendResult;
  at: string;
}

/** Records a group of 2xx outcomes in one transaction; returns how many still held their claim. */
async function recordWebhookSuccesses(deps: Deps, token: string, group: PreparedSuccess[]): Promise<number> {
  if (group.length === 0) return 0;
  const at = group.reduce((m, g) => (g.at > m ? g.at : m), group[0]?.at ?? '');
  return deps.db.transaction().execute((trx) =>
    webhookRepo.recordSuccesses(
      trx,
      token,
      group.map((g) => ({ delivery_id: g.p.delivery.id, attempt_no: g.p.delivery.total_attempts, endpoint_id: g.p.delivery.endpoint_id, at: g.at, status_code: g.r.statusCode, duration_ms: g.r.durationMs, error: null, ok: 1 })),
      at,
    ),
  );
}

async function pool<T>(items: readonly T[], size: number, fn: (x: T) => Promise<void>): Promise<void> {
  let i = 0;
  const worker = async () => {
    while (i < items.length) {
      const x = items[i++];
      if (x !== undefined) await fn(x);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** One delivery pass: batches of claims, each sent with bounded concurrency, outcomes recorded as they come. */
export async function deliverWebhooks(deps: Deps, o: WebhookDeliveryOptions = {}): Promise<WebhookDeliveryReport> {
  const report: WebhookDeliveryReport = { succeeded: 0, retried: 0, failed: 0, disabledEndpoints: 0, lostClaims: 0 };
  const now = o.now ?? deps.clock.now();
  const batchSize = o.batchSize ?? 200;
  const userAgent = `Gongkai-Webhooks/1 (+${deps.instance})`;
  for (let b = 0; b < (o.maxBatches ?? 10); b++) {
    const token = randomUUID();
    const batch = await claimWebhookDeliveries(deps, { now, limit: batchSize, leaseMs: o.leaseMs ?? 5 * 60_000, token });
    // Successes are recorded in groups (one short transaction each); failures one by one, since
    // each may disable its endpoint and tell the agency.
    let done: PreparedSuccess[] = [];
    const flush = async () => {
      const group = done;
      done = [];
      const r = await recordWebhookSuccesses(deps, token, group);
      report.succeeded += group.length;
      report.lostClaims += group.length - r;
    };
    await pool(batch, o.concurrency ?? 32, async (p) => {
      const r = await sendPrepared(p, deps.clock.now(), { userAgent, ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}), ...(o.send ? { send: o.send } : {}) });
      if (r.ok) {
        done.push({ p, r, at: deps.clock.now().toISOString() });
        if (done.length >= SUCCESS_GROUP) await flush();
        return;
      }
      const res = await recordWebhookOutcome(deps, p, token, r, { passAt: now, ...(o.retry ? { retry: o.retry } : {}) });
      report[res.outcome]++;
      if (res.disabled) report.disabledEndpoints++;
      if (!res.recorded) report.lostClaims++;
    });
    await flush();
    if (batch.length < batchSize) break;
  }
  return report;
}
