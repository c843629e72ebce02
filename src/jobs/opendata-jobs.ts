import type { PeriodicJob } from './worker.js';

/** Periodic jobs of the opendata area, run by `gongkai serve` and `gongkai worker`. */
export const opendataJobs: PeriodicJob[] = [];
