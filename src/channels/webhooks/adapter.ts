import type { ChannelAdapter } from '../channel.js';
import { expandWebhookEvent } from './expand.js';

/**
 * Webhooks as a channel adapter: handling an event expands it into one delivery per matching
 * endpoint (idempotent); the delivery job (`jobs/push-jobs.ts`, `deliver.ts`) sends them. No
 * public routes: endpoints are managed under /admin/webhooks and /api/v1/webhooks.
 */
export const webhooksChannel: ChannelAdapter = {
  name: 'webhooks',
  async handle(deps, event, now) {
    await expandWebhookEvent(deps, event, now);
  },
};
