import { runSearchExtractions } from '../search/extraction-job.js';
import type { PeriodicJob } from './worker.js';

/**
 * Periodic jobs of search (issue 6 §1): the background extraction of attachment text, every
 * five seconds, under the worker's job lock (one instance at a time).
 */
export const searchJobs: PeriodicJob[] = [
  {
    name: 'search-extraction',
    everyMs: 5_000,
    run: (deps) => runSearchExtractions(deps),
  },
];
