import type { EventHandler } from '../event-consumers.js';

/** Placeholder until the subscriptions consumer is built (issue 8): acknowledges every event. */
export const handleForSubscriptions: EventHandler = async () => {};
