import type { PeriodicJob } from './worker.js';

/** Periodic jobs of the supervision area, run by `gongkai serve` and `gongkai worker`. */
export const supervisionJobs: PeriodicJob[] = [];
