import { deliverWebhooks } from '../channels/webhooks/deliver.js';
import type { PeriodicJob } from './worker.js';

/**
 * Periodic jobs of the push area, run by `gongkai serve` and `gongkai worker`: webhook delivery
 * every 5 seconds (claims due deliveries and POSTs them; see `channels/webhooks/deliver.ts`).
 */
export const pushJobs: PeriodicJob[] = [{ name: 'webhooks.deliver', everyMs: 5_000, run: (deps, now) => deliverWebhooks(deps, { now }) }];
