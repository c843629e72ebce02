import type { PeriodicJob } from './worker.js';

/** Periodic jobs of the consultations area, run by `gongkai serve` and `gongkai worker`. */
export const consultationsJobs: PeriodicJob[] = [];
