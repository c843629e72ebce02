import type { PeriodicJob } from './worker.js';
import { deliverActivities } from '../channels/activitypub/delivery.js';

/** Periodic jobs of the ActivityPub adapter: signed delivery of queued activities to follower inboxes. */
export const activityPubJobs: PeriodicJob[] = [
  { name: 'activitypub.deliver', everyMs: 5_000, run: (deps, now) => deliverActivities(deps, { now }) },
];
