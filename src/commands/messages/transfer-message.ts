import { AppError, invalid } from '../../domain/errors.js';
import { isOneOf, OPEN_MESSAGE_STATES } from '../../domain/messages/message-rules.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditMessage, dueDateFrom, loadMessage, MESSAGE_MAIL, notifyOfficers, notifySender, recordMessageEvent, saveMessage, todayIn } from './message-context.js';

/**
 * Transfers an open message to another open agency, with a reason (转办). The answering period
 * starts again at the receiving agency on the day of the transfer, with that agency's number of
 * working days; the message is unassigned. The transfer is recorded in the append-only history,
 * the sender is told by e-mail and the receiving agency's officers in the console. Needs
 * `request.handle` at the message's current agency (not at the receiving one).
 */
export async function transferMessage(deps: Deps, actor: Actor, messageId: string, input: { toAgencyId: string; reason: string }): Promise<{ dueDate: string }> {
  const reason = input.reason.trim();
  const issues = [];
  if (!input.toAgencyId) issues.push({ field: 'to_agency', code: 'required' });
  if (!reason) issues.push({ field: 'reason', code: 'required' });
  else if (reason.length > 1000) issues.push({ field: 'reason', code: 'too_long' });
  if (issues.length) throw invalid(issues);
  return deps.db.transaction().execute(async (trx) => {
    const { msg, agency } = await loadMessage(trx, actor, messageId, 'request.handle');
    if (!isOneOf(OPEN_MESSAGE_STATES, msg.state)) throw new AppError('message_finished');
    const target = await agencyRepo.byId(trx, input.toAgencyId);
    if (!target || target.status !== 'open' || target.id === agency.id) throw invalid([{ field: 'to_agency', code: 'invalid' }]);
    const on = todayIn(deps, target);
    const dueDate = await dueDateFrom(trx, target.id, on);
    await saveMessage(trx, msg, { agency_id: target.id, state: 'submitted', officer_id: null, clock_start_on: on, due_date: dueDate, updated_at: deps.clock.now().toISOString() });
    await recordMessageEvent(trx, deps, actor, msg, 'transferred', on, { from_agency: agency.code, to_agency: target.code, reason, due_date: dueDate });
    await auditMessage(trx, deps, actor, 'message.transferred', msg, { from_agency: agency.id, to_agency: target.id });
    await notifySender(trx, deps, msg, MESSAGE_MAIL.transferred, { agency: target.name_zh, agencyEn: target.name_en, fromAgency: agency.name_zh, fromAgencyEn: agency.name_en, reason, dueDate });
    await notifyOfficers(trx, deps, msg, target);
    return { dueDate };
  });
}
