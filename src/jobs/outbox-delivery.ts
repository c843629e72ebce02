import { randomUUID } from 'node:crypto';
import type { Deps } from '../commands/deps.js';
import { claimDue, holdDueMail, markFailed, markRetry, markSent, type OutboxRow } from '../store/repos/outbox-repo.js';
import { TemplateError, type RenderedMessage, type TemplateSet } from './mail/layout.js';
import { MailSendError, type Mailer } from './mail/mailer.js';
import { localeOf, parsePayload, renderMessage } from './mail/templates.js';
import { subscriptionRepo } from '../store/repos/subscription-repo.js';

/** Exponential backoff: the n-th failed attempt waits `min(baseMs · 2^(n−1), maxMs)`; `maxAttempts` attempts in all. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

/** 1 min, 2, 4, … capped at 6 h; 10 attempts span about 8.5 hours. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 60_000, maxMs: 6 * 3_600_000, maxAttempts: 10 };

/** The wait after the `attempt`-th failed attempt (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxMs);
}

/** How the worker delivers e-mail from the outbox. */
export interface DeliveryOptions {
  /** Null when no transport is configured: due e-mail is then marked `held`, never dropped. */
  mailer: Mailer | null;
  from: string;
  publicUrl: string;
  /** Right-hand side of Message-IDs (`<outbox id@domain>`); the instance host. */
  messageIdDomain: string;
  templates: TemplateSet;
  retry: RetryPolicy;
  /** Messages claimed per step. */
  batchSize: number;
  /** How long a claim is exclusive; longer than the transport's timeouts. */
  leaseMs: number;
  /** Messages sent at once within a pass (with a pooled transport, one per connection); default 1. */
  concurrency?: number;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  held: number;
  /** Outcomes not recorded because another worker re-claimed the row meanwhile. */
  lostClaims: number;
}

/** Error codes stored in `last_error` for conditions of our own (the read model translates them). */
export const OUTBOX_ERROR = { smtpNotConfigured: 'smtp_not_configured', noAddress: 'no_address', suppressed: 'suppressed' } as const;

/** Mail kinds subject to the suppression list (bounces and complaints stop them; issue 8 §3). */
const SUPPRESSIBLE = /^subscription\./;

/** The Message-ID of an outbox message: the same on every attempt, so a redelivery is recognisably the same mail. */
export function messageIdFor(outboxId: string, domain: string): string {
  return `<${outboxId}@${domain}>`;
}

async function addressOf(deps: Deps, row: OutboxRow): Promise<string | null> {
  if (row.recipient_type === 'email') return row.recipient;
  const u = await deps.db.selectFrom('users').select(['email', 'status']).where('id', '=', row.recipient).executeTakeFirst();
  return u && u.status === 'active' && u.email ? u.email : null;
}

type Outcome = { ok: true } | { ok: false; permanent: boolean; error: string };

async function attempt(deps: Deps, o: DeliveryOptions, mailer: Mailer, row: OutboxRow): Promise<Outcome> {
  let to: string | null;
  let rendered: RenderedMessage;
  try {
    to = await addressOf(deps, row);
    if (!to) return { ok: false, permanent: true, error: OUTBOX_ERROR.noAddress };
    rendered = renderMessage(o.templates, row.kind, parsePayload(row.payload), localeOf(row.locale), o.publicUrl);
  } catch (err) {
    if (err instanceof TemplateError || err instanceof SyntaxError) return { ok: false, permanent: true, error: err.message };
    throw err;
  }
  try {
    await mailer.send({
      messageId: messageIdFor(row.id, o.messageIdDomain),
      from: o.from,
      to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      date: new Date(row.created_at),
      headers: { ...(rendered.headers ?? {}), 'X-Gongkai-Outbox-Id': row.id, 'Auto-Submitted': 'auto-generated' },
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof MailSendError) return { ok: false, permanent: err.permanent, error: err.message };
    return { ok: false, permanent: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * One delivery pass. With no mailer, due e-mail is marked `held` (visible to staff; claimed as
 * soon as a transport is configured). Otherwise claims up to `batchSize` due messages and sends
 * each: success → `sent`; a permanent error, or the last allowed attempt failing → `failed`;
 * other errors → `pending` again after the backoff. A crash at whatever point leaves the row claimed
 * until its lease ends, then it is claimed and sent again (at-least-once; see outbox-repo).
 */
export async function deliverDue(deps: Deps, o: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, held: 0, lostClaims: 0 };
  const now = deps.clock.now();
  if (!o.mailer) {
    report.held = await holdDueMail(deps.db, now.toISOString(), OUTBOX_ERROR.smtpNotConfigured);
    return report;
  }
  const token = randomUUID();
  const rows = await claimDue(deps.db, deps.ops, { now: now.toISOString(), leaseUntil: new Date(now.getTime() + o.leaseMs).toISOString(), limit: o.batchSize, token });
  // Checked again at send time: an address may have bounced or complained since the mail was queued.
  const suppressed = await subscriptionRepo.suppressedAmong(deps.db, rows.filter((r) => r.recipient_type === 'email' && SUPPRESSIBLE.test(r.kind)).map((r) => r.recipient));
  const mailer = o.mailer;
  const one = async (row: OutboxRow): Promise<void> => {
    const outcome: Outcome = suppressed.has(row.recipient) && SUPPRESSIBLE.test(row.kind) ? { ok: false, permanent: true, error: OUTBOX_ERROR.suppressed } : await attempt(deps, o, mailer, row);
    const at = deps.clock.now();
    let recorded: boolean;
    if (outcome.ok) {
      recorded = await markSent(deps.db, row.id, token, at.toISOString());
      report.sent++;
    } else if (outcome.permanent || row.attempts >= o.retry.maxAttempts) {
      recorded = await markFailed(deps.db, row.id, token, outcome.error, at.toISOString());
      report.failed++;
    } else {
      const next = new Date(at.getTime() + backoffMs(o.retry, row.attempts)).toISOString();
      recorded = await markRetry(deps.db, row.id, token, outcome.error, next);
      report.retried++;
    }
    if (!recorded) report.lostClaims++;
  };
  // Each row is claimed, sent and recorded on its own, so sending several at once keeps the
  // at-least-once contract of a single sender.
  let cursor = 0;
  const lanes = Math.max(1, Math.min(o.concurrency ?? 1, rows.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (cursor < rows.length) {
        const row = rows[cursor++];
        if (row) await one(row);
      }
    }),
  );
  return report;
}
