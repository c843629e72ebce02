import type { PeriodicJob } from './worker.js';

/** Periodic jobs of the push area, run by `gongkai serve` and `gongkai worker`. */
export const pushJobs: PeriodicJob[] = [];
