import type { EventHandler } from '../event-consumers.js';
import { activityPubAdapter } from '../../channels/activitypub/adapter.js';

/** The activitypub consumer: the ActivityPub channel adapter expands each event into signed deliveries. */
export const handleForActivityPub: EventHandler = (deps, event, now) => activityPubAdapter.handle(deps, event, now);
