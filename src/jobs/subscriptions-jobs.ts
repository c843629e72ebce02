import type { PeriodicJob } from './worker.js';

/** Periodic jobs of the subscriptions area, run by `gongkai serve` and `gongkai worker`. */
export const subscriptionsJobs: PeriodicJob[] = [];
