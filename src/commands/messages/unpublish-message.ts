import { AppError, invalid } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditMessage, loadMessage, recordMessageEvent, saveMessage, todayIn } from './message-context.js';

/**
 * Takes a published message and its answer off the public site, with a reason (for instance
 * personal data the masking missed: a third person's name or an address). The sender still reads
 * it on their private page; it cannot be published again. Needs `request.handle`.
 */
export async function unpublishMessage(deps: Deps, actor: Actor, messageId: string, reason: string): Promise<void> {
  const why = reason.trim();
  if (!why) throw invalid([{ field: 'unpublish_reason', code: 'required' }]);
  if (why.length > 1000) throw invalid([{ field: 'unpublish_reason', code: 'too_long' }]);
  await deps.db.transaction().execute(async (trx) => {
    const { msg, agency } = await loadMessage(trx, actor, messageId, 'request.handle');
    if (msg.published !== 1) throw new AppError('bad_transition');
    const at = deps.clock.now().toISOString();
    // The masked copies go too: nothing of the message remains for a public read model to show.
    await saveMessage(trx, msg, { published: 0, public_title: null, public_body: null, public_answer: null, updated_at: at });
    await recordMessageEvent(trx, deps, actor, msg, 'unpublished', todayIn(deps, agency), { reason: why });
    await auditMessage(trx, deps, actor, 'message.unpublished', msg, { reason: why });
  });
}
