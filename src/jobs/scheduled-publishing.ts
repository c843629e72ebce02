import { publishDue } from '../commands/documents/publish-due.js';
import type { PeriodicJob } from './worker.js';

/**
 * Publishes scheduled documents (issue 3 §2). A worker job: it runs at the worker's first step
 * (so a publication that fell due while the server was down happens as soon as it is back) and
 * then every ten seconds, under the worker's cluster-wide job lock.
 */
export const scheduledPublishingJob: PeriodicJob = {
  name: 'scheduled-publishing',
  everyMs: 10_000,
  run: (deps) => publishDue(deps),
};
