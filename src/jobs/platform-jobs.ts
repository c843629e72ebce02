import { openDeadlines } from '../queries/open-deadlines.js';
import { scheduledPublishingJob } from './scheduled-publishing.js';
import { reportReminderJob } from './report-reminders.js';
import type { ConfiguredWorkerHooks } from './worker.js';

/** The periodic work of the platform, the same in `gongkai serve` and `gongkai worker`. */
export const PLATFORM_JOBS: Pick<ConfiguredWorkerHooks, 'reminderSource' | 'jobs'> = {
  reminderSource: openDeadlines,
  jobs: [scheduledPublishingJob, reportReminderJob],
};
