import type { PeriodicJob } from './worker.js';
import { sendDigests } from '../commands/subscriptions/send-digests.js';

/**
 * Periodic jobs of the subscriptions area, run by `gongkai serve` and `gongkai worker`: the daily
 * and weekly digests, checked every 15 minutes and sent from 08:00 local time (the instance's
 * default time zone; weekly on Monday). Idempotent per person and period.
 */
export const subscriptionsJobs: PeriodicJob[] = [
  {
    name: 'subscriptions.digests',
    everyMs: 15 * 60_000,
    run: async (deps, now) => ({ daily: await sendDigests(deps, now, 'daily'), weekly: await sendDigests(deps, now, 'weekly') }),
  },
];
