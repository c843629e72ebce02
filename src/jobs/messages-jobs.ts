import type { Deps } from '../commands/deps.js';
import { addCalendarDays } from '../domain/calendar/iso-date.js';
import { overdueMessages, type OverdueMessage } from '../queries/staff-messages.js';
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
  const overdue = await overdueMessages(deps, now);
  const notices = (m: OverdueMessage) =>
    m.supervisors.flatMap((s) => (s.email ? (['console', 'email'] as const) : (['console'] as const)).map((channel) => ({ userId: s.id, channel, key: escalationKey(m.id, m.due_date, channel, s.id) })));
  // Notices already in the outbox are skipped before any transaction (the dedupe key still guards
  // against a concurrent run), so the frequent runs after the first cost a few reads.
  const planned = overdue.flatMap((m) => notices(m).map((n) => n.key));
  const sent = new Set<string>();
  for (let i = 0; i < planned.length; i += 500) {
    for (const r of await deps.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'in', planned.slice(i, i + 500)).execute()) sent.add(r.dedupe_key);
  }
  report.duplicates += sent.size;
  for (const m of overdue) {
    const todo = notices(m).filter((n) => !sent.has(n.key));
    if (todo.length === 0) continue;
    await deps.db.transaction().execute(async (trx) => {
      for (const n of todo) {
        const r = await enqueue(trx, {
          id: deps.newId(),
          kind: MESSAGE_TEMPLATE_KINDS.overdue,
          channel: n.channel,
          recipient: { userId: n.userId },
          locale: 'zh-CN',
          payload: { trackingNumber: m.tracking_number, agency: m.agency_name, dueDate: m.due_date, overdueSince: addCalendarDays(m.due_date, 1), path: `/admin/messages/${m.id}` },
          dedupeKey: n.key,
          agencyId: m.agency_id,
          createdAt,
        });
        if (r.created) report.enqueued++;
        else report.duplicates++;
      }
    });
  }
  return report;
}

/** Periodic jobs of the messages area, run by `gongkai serve` and `gongkai worker`. */
export const messagesJobs: PeriodicJob[] = [{ name: 'message-escalation', everyMs: 15 * 60_000, run: (deps, now) => runMessageEscalation(deps, now) }];
