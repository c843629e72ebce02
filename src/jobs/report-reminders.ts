import type { Deps } from '../commands/deps.js';
import { reportDueBy } from '../commands/reports/report-state.js';
import { localDate } from '../domain/local-date.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { enqueue } from '../store/repos/outbox-repo.js';
import { reportRepo } from '../store/repos/report-repo.js';
import { REPORT_REMINDER_KIND } from './mail/report-templates.js';
import type { PeriodicJob } from './worker.js';

/** Days before the due date from which the reminder goes out. */
export const REPORT_REMINDER_DAYS = 14;

/**
 * Art. 49–50: departments publish last year's annual report by 31 January, governments by
 * 31 March. From `REPORT_REMINDER_DAYS` days before its due date until the report is submitted,
 * each open agency's editors (the `editor` grants at the agency or above it) get one reminder: a
 * console notice, and an e-mail when they have an address. The dedupe key (agency, year, channel,
 * user) makes it one per person however often the job runs, on however many instances.
 */
export async function runReportReminders(deps: Deps, now: Date = deps.clock.now()): Promise<{ enqueued: number }> {
  let enqueued = 0;
  const agencies = await agencyRepo.all(deps.db, { includeClosed: false });
  const today = localDate(now.toISOString(), deps.defaultTimeZone);
  const year = Number(today.slice(0, 4)) - 1;
  const window = new Date(Date.parse(`${today}T00:00:00Z`) + REPORT_REMINDER_DAYS * 86_400_000).toISOString().slice(0, 10);
  const due = agencies.filter((a) => {
    const by = reportDueBy(a, year);
    return today <= by && window >= by;
  });
  if (due.length === 0) return { enqueued };
  const submitted = new Set((await reportRepo.forAgencies(deps.db, due.map((a) => a.id), year)).filter((r) => r.snapshot !== null).map((r) => r.agency_id));
  const createdAt = now.toISOString();
  for (const a of due) {
    if (submitted.has(a.id)) continue;
    const ancestors = a.path.split('/').filter(Boolean);
    const editors = await reportRepo.editorsAt(deps.db, ancestors);
    await deps.db.transaction().execute(async (trx) => {
      for (const u of editors) {
        for (const channel of u.email ? (['console', 'email'] as const) : (['console'] as const)) {
          const r = await enqueue(trx, {
            id: deps.newId(),
            kind: REPORT_REMINDER_KIND,
            channel,
            recipient: { userId: u.id },
            locale: 'zh-CN',
            payload: { agencyName: a.name_zh, year: String(year), dueBy: reportDueBy(a, year), path: `/admin/reports/${a.id}/${year}` },
            dedupeKey: `report-reminder:${a.id}:${year}:${channel}:${u.id}`,
            agencyId: a.id,
            createdAt,
          });
          if (r.created) enqueued++;
        }
      }
    });
  }
  return { enqueued };
}

/** The reminders as a periodic worker job (every six hours). */
export const reportReminderJob: PeriodicJob = { name: 'report-reminders', everyMs: 6 * 3_600_000, run: (deps, now) => runReportReminders(deps, now) };
