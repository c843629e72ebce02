import { webhooksChannel } from '../../channels/webhooks/adapter.js';
import type { EventHandler } from '../event-consumers.js';

/**
 * The webhooks consumer: expands each platform event into one delivery per matching endpoint
 * (unique per endpoint and event, so running it twice adds nothing); `push-jobs.ts` sends them.
 */
export const handleForWebhooks: EventHandler = (deps, event, now) => webhooksChannel.handle(deps, event, now);
