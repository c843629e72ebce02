import type { Deps } from '../commands/deps.js';
import type { Locale } from '../i18n/i18n.js';
import { enqueue } from '../store/repos/outbox-repo.js';
import { REMINDER_KINDS } from './mail/reminder-templates.js';
import type { PeriodicJob } from './worker.js';

/** One open request with a running deadline, as the requests area reports it. */
export interface OpenDeadline {
  requestId: string;
  agencyId: string;
  trackingNumber: string;
  /** The current due date, `YYYY-MM-DD` in the agency's time zone (after extensions and pauses). */
  dueDate: string;
  /** Working days from today (agency calendar) to the due date: 0 on the due date itself. */
  workingDaysLeft: number;
  /** Set once the request is overdue: the first overdue day, `YYYY-MM-DD` (the day after the due date). */
  overdueSince?: string;
  officerUserIds: readonly string[];
  supervisorUserIds: readonly string[];
}

/**
 * Lists open requests whose clock is running at `now` (not paused, not replied). The requests
 * area implements it with its calendars; tests pass a stub.
 */
export type OpenDeadlineSource = (deps: Deps, now: Date) => Promise<readonly OpenDeadline[]>;

/** Reminder settings. */
export interface ReminderOptions {
  source: OpenDeadlineSource;
  /** A due-soon notice goes out when at most this many working days are left (GONGKAI_REMINDER_DAYS). */
  dueSoonWorkingDays: number;
  /** Locale of a staff member's e-mail; default zh-CN (console notices render in the reader's locale). */
  localeFor?: (userId: string) => Locale;
  /** Console path of a request; default `/admin/requests/<id>`. */
  pathFor?: (requestId: string) => string;
  /** Minutes between runs as a periodic job; default 15. */
  everyMinutes?: number;
}

/** What one reminder run enqueued. */
export interface ReminderReport {
  /** Outbox rows created (e-mail and console). */
  enqueued: number;
  /** Rows that already existed (the notice was sent before). */
  duplicates: number;
}

/**
 * The dedupe key of one reminder row: at most one notice per request, kind, due date, channel and
 * recipient. An extension changes the due date and so allows a new due-soon notice.
 */
export function reminderKey(requestId: string, kind: 'due-soon' | 'overdue', dueDate: string, channel: 'email' | 'console', userId: string): string {
  return `reminder:${requestId}:${kind}:${dueDate}:${channel}:${userId}`;
}

/**
 * Enqueues due-soon and overdue notices (issue 5 §8) to each responsible officer and supervisor:
 * a console notice always, an e-mail when the user is active and has an address. Each notice is
 * enqueued at most once per (request, kind, due date) through its dedupe key, so running this
 * as often as wanted, on several instances, or again after a crash sends nothing twice. The rows
 * of one request are written in one transaction.
 */
export async function runReminders(deps: Deps, opts: ReminderOptions, now: Date = deps.clock.now()): Promise<ReminderReport> {
  const report: ReminderReport = { enqueued: 0, duplicates: 0 };
  const deadlines = await opts.source(deps, now);
  const userIds = [...new Set(deadlines.flatMap((d) => [...d.officerUserIds, ...d.supervisorUserIds]))];
  if (userIds.length === 0) return report;
  const users = await deps.db.selectFrom('users').select(['id', 'email', 'status']).where('id', 'in', userIds).execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  const createdAt = now.toISOString();
  const pathFor = opts.pathFor ?? ((id: string) => `/admin/requests/${encodeURIComponent(id)}`);
  for (const d of deadlines) {
    const kind = d.overdueSince !== undefined ? 'overdue' : d.workingDaysLeft >= 0 && d.workingDaysLeft <= opts.dueSoonWorkingDays ? 'due-soon' : null;
    if (!kind) continue;
    const recipients = new Map<string, 'officer' | 'supervisor'>();
    for (const id of d.supervisorUserIds) recipients.set(id, 'supervisor');
    // An officer who also supervises is told as the officer.
    for (const id of d.officerUserIds) recipients.set(id, 'officer');
    await deps.db.transaction().execute(async (trx) => {
      for (const [userId, role] of recipients) {
        const user = byId.get(userId);
        if (!user || user.status !== 'active') continue;
        const payload = {
          requestId: d.requestId,
          trackingNumber: d.trackingNumber,
          dueDate: d.dueDate,
          role,
          path: pathFor(d.requestId),
          ...(kind === 'overdue' ? { overdueSince: d.overdueSince ?? d.dueDate } : { workingDaysLeft: d.workingDaysLeft }),
        };
        const channels: ('email' | 'console')[] = user.email ? ['console', 'email'] : ['console'];
        for (const channel of channels) {
          const r = await enqueue(trx, {
            id: deps.newId(),
            kind: kind === 'overdue' ? REMINDER_KINDS.overdue : REMINDER_KINDS.dueSoon,
            channel,
            recipient: { userId },
            locale: opts.localeFor?.(userId) ?? 'zh-CN',
            payload,
            dedupeKey: reminderKey(d.requestId, kind, d.dueDate, channel, userId),
            agencyId: d.agencyId,
            createdAt,
          });
          if (r.created) report.enqueued++;
          else report.duplicates++;
        }
      }
    });
  }
  return report;
}

/** The reminder run as a periodic worker job (every 15 minutes by default). */
export function reminderJob(opts: ReminderOptions): PeriodicJob {
  return { name: 'reminders', everyMs: (opts.everyMinutes ?? 15) * 60_000, run: (deps, now) => runReminders(deps, opts, now) };
}

/** A fixed list of deadlines, for tests and demos. */
export function stubDeadlineSource(deadlines: readonly OpenDeadline[] | (() => readonly OpenDeadline[])): OpenDeadlineSource {
  return async () => (typeof deadlines === 'function' ? deadlines() : deadlines);
}
