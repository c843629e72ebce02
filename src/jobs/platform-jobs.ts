import { openDeadlines } from '../queries/open-deadlines.js';
import { scheduledPublishingJob } from './scheduled-publishing.js';
import { reportReminderJob } from './report-reminders.js';
import { consultationsJobs } from './consultations-jobs.js';
import { messagesJobs } from './messages-jobs.js';
import { subscriptionsJobs } from './subscriptions-jobs.js';
import { pushJobs } from './push-jobs.js';
import { opendataJobs } from './opendata-jobs.js';
import { searchJobs } from './search-jobs.js';
import { EVENT_JOBS } from './event-consumers.js';
import { activityPubJobs } from './activitypub-jobs.js';
import type { ConfiguredWorkerHooks } from './worker.js';

/** The periodic work of the platform, the same in `gongkai serve` and `gongkai worker`. */
export const PLATFORM_JOBS: Pick<ConfiguredWorkerHooks, 'reminderSource' | 'jobs'> = {
  reminderSource: openDeadlines,
  jobs: [scheduledPublishingJob, reportReminderJob, ...EVENT_JOBS, ...activityPubJobs, ...opendataJobs, ...pushJobs, ...subscriptionsJobs, ...messagesJobs, ...consultationsJobs, ...searchJobs],
};
