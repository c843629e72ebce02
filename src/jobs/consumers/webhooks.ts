import type { EventHandler } from '../event-consumers.js';

/** Placeholder until the webhooks consumer is built (issue 8): acknowledges every event. */
export const handleForWebhooks: EventHandler = async () => {};
