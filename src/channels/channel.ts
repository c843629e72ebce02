import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import type { Deps } from '../commands/deps.js';
import type { EventRow } from '../store/repos/event-repo.js';

/**
 * A push channel (issue 8 §4): something that carries platform events to where people are —
 * webhooks, an ActivityPub actor per agency, and later a WeChat Official Account or Weibo.
 *
 * Every channel consumes the same stream of platform events (`commands/events.ts`): each event is
 * queued for each channel in the transaction that caused it, and the worker hands it to
 * `handle` until it succeeds (at-least-once, so `handle` must be idempotent). A channel that
 * needs public endpoints (ActivityPub's WebFinger, actor, inbox and outbox) registers them in
 * `routes`. Adding a channel means writing one adapter, naming it in `EVENT_CONSUMERS`
 * (`commands/events.ts`) and mapping that name to the adapter's `handle` in `EVENT_HANDLERS`
 * (`jobs/event-consumers.ts`); the core (documents, consultations, messages) does not change.
 *
 * A channel that talks to slow or failing third parties should not do so inside `handle`: the
 * webhooks adapter (`channels/webhooks/adapter.ts`) only expands the event into one delivery row
 * per matching endpoint (idempotent by a unique key) and leaves sending, retries with backoff,
 * the attempt log and automatic disabling to its own periodic job (`jobs/push-jobs.ts`), so one
 * dead receiver never holds back the event queue. A WeChat or Weibo adapter can follow that shape.
 */
export interface ChannelAdapter {
  /** The consumer name in `EVENT_CONSUMERS`. */
  readonly name: string;
  /** Handles one event; idempotent. Throw to retry later with backoff. */
  handle(deps: Deps, event: EventRow, now: Date): Promise<void>;
  /** Public routes of the channel, registered at the site root. */
  routes?(app: FastifyInstance, core: AppContext): Promise<void>;
}
