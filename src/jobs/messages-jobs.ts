import type { Deps } from '../commands/deps.js';
import { addCalendarDays } from '../domain/calendar/iso-date.js';
import { overdueMessages } from '../queries/staff-messages.js';
import { enqueue } from '../store/repos/outbox-repo.js';
import { MESSAGE_TEMPLATE_KINDS } from './mail/message-templates.js';
import type { PeriodicJob } from './worker.js';

/** What one escalation run enqueued. */
export interface EscalationReport {
  enqueued: number;
  duplicates: number;
}

/** The dedupe key of one escalation row: once per message, due date, channel and supervisor. */
export function escalationKey(messageId: string, dueDate: string, channel: 'email' | 'console', userId: string): string {
  return `message-overdue:${messageId}:${dueDate}:${channel}:${userId}`;
}

/**
 * Escalates overdue messages (issue 8 §2): every open message past its answer deadline is
 * reported to each active supervisor whose grant covers its agency (the agency or above), as a
 * console notice and, when the supervisor has an address, an e-mail through the outbox. Each
 * notice is enqueued at most once per (message, due date, channel, supervisor) through its
 * dedupe key, so the job can run as often as wanted, on several instances, or again after a
 * crash. A transfer sets a new due date, and so allows a new escalation if that one passes too.
 */
export async function runMessageEscalation(deps: Deps, now: Date = deps.clock.now()): Promise<EscalationReport> {
  const report: EscalationReport = { enqueued: 0, duplicates: 0 };
  const createdAt = now.toISOString();
  for (const m of await overdueMessages(deps, now)) {
    if (m.supervisors.length === 0) continue;
    await deps.db.transaction().execute(async (trx) => {
      for (const s of m.supervisors) {
        const channels: ('console' | 'email')[] = s.email ? ['console', 'email'] : ['console'];
        for (const channel of channels) {
          const r = await enqueue(trx, {
            id: deps.newId(),
            kind: MESSAGE_TEMPLATE_KINDS.overdue,
            channel,
            recipient: { userId: s.id },
            locale: 'zh-CN',
            payload: { trackingNumber: m.tracking_number, agency: m.agency_name, dueDate: m.due_date, overdueSince: addCalendarDays(m.due_date, 1), path: `/admin/messages/${m.id}` },
            dedupeKey: escalationKey(m.id, m.due_date, channel, s.id),
            agencyId: m.agency_id,
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

/** Periodic jobs of the messages area, run by `gongkai serve` and `gongkai worker`. */
export const messagesJobs: PeriodicJob[] = [{ name: 'message-escalation', everyMs: 15 * 60_000, run: (deps, now) => runMessageEscalation(deps, now) }];
