import type { EventHandler } from '../event-consumers.js';

/** Placeholder until the activitypub consumer is built (issue 8): acknowledges every event. */
export const handleForActivityPub: EventHandler = async () => {};
