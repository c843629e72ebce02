import type { EventHandler } from '../event-consumers.js';
import { fanOutEvent } from '../../commands/subscriptions/fan-out.js';

/**
 * The subscriptions consumer (issue 8 §3): each platform event becomes immediate mail and digest
 * items for the confirmed subscriptions it matches. Idempotent (unique keys), so the queue's
 * at-least-once redelivery never sends a second mail.
 */
export const handleForSubscriptions: EventHandler = async (deps, event) => {
  await fanOutEvent(deps, event);
};
