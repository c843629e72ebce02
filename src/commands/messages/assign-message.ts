import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/policy.js';
import { isOneOf, OPEN_MESSAGE_STATES } from '../../domain/messages/message-rules.js';
import { enqueue } from '../../store/repos/outbox-repo.js';
import { userRepo } from '../../store/repos/user-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditMessage, loadMessage, MESSAGE_MAIL, recordMessageEvent, saveMessage, todayIn } from './message-context.js';

/**
 * Assigns an open message to an officer who may handle messages of its agency (`request.handle`
 * in scope); the officer gets a console notice. Needs `request.handle`.
 */
export async function assignMessage(deps: Deps, actor: Actor, messageId: string, officerId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { msg, agency } = await loadMessage(trx, actor, messageId, 'request.handle');
    if (!isOneOf(OPEN_MESSAGE_STATES, msg.state)) throw new AppError('message_finished');
    const officer = await userRepo.byId(trx, officerId);
    const grants = officer ? await userRepo.scopedGrants(trx, officer.id) : [];
    if (!officer || officer.status !== 'active' || !can(grants, 'request.handle', agency.path)) {
      throw new AppError('validation_failed', { fields: [{ field: 'officer', code: 'invalid' }] });
    }
    await saveMessage(trx, msg, { state: 'assigned', officer_id: officer.id, updated_at: deps.clock.now().toISOString() });
    await recordMessageEvent(trx, deps, actor, msg, 'assigned', todayIn(deps, agency), { officer: officer.display_name });
    await auditMessage(trx, deps, actor, 'message.assigned', msg, { officer_id: officer.id });
    await enqueue(trx, {
      kind: MESSAGE_MAIL.received,
      channel: 'console',
      recipient: { userId: officer.id },
      locale: 'zh-CN',
      payload: { trackingNumber: msg.tracking_number, path: `/admin/messages/${msg.id}`, agency: agency.name_zh, assigned: true },
      dedupeKey: `message.assigned:${msg.id}:${deps.newId()}`,
      agencyId: agency.id,
      createdAt: deps.clock.now().toISOString(),
    });
  });
}
