import { AppError, invalid } from '../../domain/errors.js';
import { isOneOf, RATINGS } from '../../domain/messages/message-rules.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import type { Deps } from '../deps.js';
import { recordMessageEvent, saveMessage, todayIn } from './message-context.js';
import { messageByToken } from './sender-access.js';
import { SENDER_ACTOR } from './submit-message.js';

/**
 * The sender rates the answer (satisfied / neutral / dissatisfied) with an optional comment,
 * from their private link; once per message (`message_already_rated` after that), and only
 * once the message is answered. The comment stays private; ratings are public in aggregate.
 */
export async function rateMessage(deps: Deps, number: string, token: string, input: { rating: string; comment: string }): Promise<void> {
  const comment = input.comment.trim();
  if (!isOneOf(RATINGS, input.rating)) throw invalid([{ field: 'rating', code: input.rating ? 'invalid' : 'required' }]);
  if (comment.length > 1000) throw invalid([{ field: 'comment', code: 'too_long' }]);
  const rating = input.rating;
  await deps.db.transaction().execute(async (trx) => {
    const msg = await messageByToken(trx, number, token);
    if (msg.state !== 'answered') throw new AppError('message_not_answered');
    if (msg.rated_at !== null) throw new AppError('message_already_rated');
    const agency = await agencyRepo.byId(trx, msg.agency_id);
    const at = deps.clock.now().toISOString();
    await saveMessage(trx, msg, { rating, rating_comment: comment, rated_at: at, updated_at: at });
    await recordMessageEvent(trx, deps, SENDER_ACTOR, msg, 'rated', agency ? todayIn(deps, agency) : at.slice(0, 10), { rating });
  });
}
