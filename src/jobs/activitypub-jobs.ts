import type { PeriodicJob } from './worker.js';
import { deliverActivities, pruneDeliveries } from '../channels/activitypub/delivery.js';

/** Periodic jobs of the ActivityPub adapter: signed delivery of queued activities to follower inboxes, and pruning of old delivered rows. */
export const activityPubJobs: PeriodicJob[] = [
  { name: 'activitypub.deliver', everyMs: 5_000, run: (deps, now) => deliverActivities(deps, { now }) },
  { name: 'activitypub.prune', everyMs: 6 * 3_600_000, run: (deps, now) => pruneDeliveries(deps, now) },
];
