import type { PeriodicJob } from './worker.js';

/** Periodic jobs of the messages area, run by `gongkai serve` and `gongkai worker`. */
export const messagesJobs: PeriodicJob[] = [];
