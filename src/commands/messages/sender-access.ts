import { AppError } from '../../domain/errors.js';
import { normaliseMessageNumber } from '../../domain/messages/message-rules.js';
import { safeEqual, tokenDigest } from '../../security/tokens.js';
import { messageRepo } from '../../store/repos/message-repo.js';
import type { Exec, MessageRow } from '../../store/schema.js';

/**
 * The message with tracking number `number` whose private token is `token`. A wrong number and a
 * wrong token give the same `message_not_found`, compared in constant time.
 */
export async function messageByToken(db: Exec, number: string, token: string): Promise<MessageRow> {
  const n = normaliseMessageNumber(number);
  const msg = n ? await messageRepo.byNumber(db, n) : undefined;
  const given = tokenDigest(token);
  if (!msg || token.length === 0 || token.length > 200 || !safeEqual(msg.token_hash, given)) throw new AppError('message_not_found');
  return msg;
}
