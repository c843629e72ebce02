import { randomUUID } from 'node:crypto';
import type { Deps } from '../commands/deps.js';
import { EVENT_CONSUMERS, type EventConsumer } from '../commands/events.js';
import { claimEvents, eventQueue, type EventRow } from '../store/repos/event-repo.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './outbox-delivery.js';
import type { PeriodicJob } from './worker.js';
import { handleForSubscriptions } from './consumers/subscriptions.js';
import { handleForWebhooks } from './consumers/webhooks.js';
import { handleForActivityPub } from './consumers/activitypub.js';

/**
 * Handles one event for one consumer. Must be idempotent: a crash after the handler's effects
 * committed but before the queue row was marked done runs it again (at-least-once). Typically a
 * handler expands the event into rows with unique keys (outbox mail, webhook deliveries), so a
 * second run adds nothing.
 */
export type EventHandler = (deps: Deps, event: EventRow, now: Date) => Promise<void>;

/** The handler of each consumer. */
export const EVENT_HANDLERS: Record<EventConsumer, EventHandler> = {
  subscriptions: handleForSubscriptions,
  webhooks: handleForWebhooks,
  activitypub: handleForActivityPub,
};

/** What one drain did. */
export interface DrainReport {
  done: number;
  retried: number;
  failed: number;
}

/** Works through up to `limit` due events of one consumer. */
export async function drainEvents(
  deps: Deps,
  consumer: EventConsumer,
  o: { now?: Date; limit?: number; leaseMs?: number; retry?: RetryPolicy; handler?: EventHandler } = {},
): Promise<DrainReport> {
  const now = o.now ?? deps.clock.now();
  const handler = o.handler ?? EVENT_HANDLERS[consumer];
  const retry = o.retry ?? DEFAULT_RETRY;
  const token = randomUUID();
  const claimed = await claimEvents(deps.db, deps.ops, {
    consumer,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + (o.leaseMs ?? 5 * 60_000)).toISOString(),
    limit: o.limit ?? 100,
    token,
  });
  const report: DrainReport = { done: 0, retried: 0, failed: 0 };
  for (const c of claimed) {
    try {
      await handler(deps, c.event, now);
      await eventQueue.done(deps.db, consumer, c.event.id, token, deps.clock.now().toISOString());
      report.done++;
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (c.attempts >= retry.maxAttempts) {
        await eventQueue.fail(deps.db, consumer, c.event.id, token, msg);
        report.failed++;
      } else {
        await eventQueue.retry(deps.db, consumer, c.event.id, token, msg, new Date(now.getTime() + backoffMs(retry, c.attempts)).toISOString());
        report.retried++;
      }
    }
  }
  return report;
}

/** One periodic job per consumer, run by `gongkai serve` and `gongkai worker`. */
export const EVENT_JOBS: PeriodicJob[] = EVENT_CONSUMERS.map((consumer) => ({
  name: `events.${consumer}`,
  everyMs: 5_000,
  run: (deps: Deps, now: Date) => drainEvents(deps, consumer, { now }),
}));
