import { AppError, invalid } from '../../domain/errors.js';
import { MAX_ANSWER_DAYS, MIN_ANSWER_DAYS } from '../../domain/messages/message-rules.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { messageRepo } from '../../store/repos/message-repo.js';
import { actorId, authorize, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';

/**
 * Sets an agency's answer deadline for messages in working days (1–60; 5 when never set). It
 * applies to messages that arrive (or are transferred in) from now on; running deadlines keep the
 * period they started with. Needs `agency.edit_profile` (the agency's public service details).
 */
export async function setAnswerDays(deps: Deps, actor: Actor, agencyId: string, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < MIN_ANSWER_DAYS || days > MAX_ANSWER_DAYS) throw invalid([{ field: 'answer_days', code: 'bad_answer_days' }]);
  await deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw new AppError('agency_not_found');
    authorize(actor, 'agency.edit_profile', agency.path);
    const at = deps.clock.now().toISOString();
    await messageRepo.setAnswerDays(trx, agency.id, days, at, actorId(actor));
    await appendAudit(trx, { at, actorId: actorId(actor), actorUsername: actor.username, action: 'message.answer_days_set', targetType: 'agency', targetId: agency.id, agencyId: agency.id, ip: actor.ip, detail: { answer_days: days } });
  });
}
