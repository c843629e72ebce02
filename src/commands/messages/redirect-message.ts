import { AppError, invalid } from '../../domain/errors.js';
import { isOneOf, OPEN_MESSAGE_STATES, REDIRECT_CHANNELS, type RedirectChannel } from '../../domain/messages/message-rules.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditMessage, loadMessage, MESSAGE_MAIL, notifySender, recordMessageEvent, saveMessage, todayIn } from './message-context.js';

/** The link a redirected sender is given for `channel` at the agency with `agencyCode` (a path of this site, or null). */
export function redirectPath(channel: RedirectChannel, agencyCode: string): string | null {
  return channel === 'information_request' ? `/requests/new?agency=${encodeURIComponent(agencyCode)}` : null;
}

/**
 * Closes an open message as redirected to its proper channel (Art. 39): an information request
 * goes through the request procedure (the sender gets the agency's request form), complaints
 * about administrative acts to reconsideration, litigation or the petition office. The sender is
 * told by e-mail; a redirected message is not published. Needs `request.handle`.
 */
export async function redirectMessage(deps: Deps, actor: Actor, messageId: string, input: { channel: string; note: string }): Promise<void> {
  const note = input.note.trim();
  if (!isOneOf(REDIRECT_CHANNELS, input.channel)) throw invalid([{ field: 'channel', code: input.channel ? 'invalid' : 'required' }]);
  const channel = input.channel;
  if (channel === 'other' && !note) throw invalid([{ field: 'note', code: 'required' }]);
  if (note.length > 2000) throw invalid([{ field: 'note', code: 'too_long' }]);
  await deps.db.transaction().execute(async (trx) => {
    const { msg, agency } = await loadMessage(trx, actor, messageId, 'request.handle');
    if (!isOneOf(OPEN_MESSAGE_STATES, msg.state)) throw new AppError('message_finished');
    const on = todayIn(deps, agency);
    const at = deps.clock.now().toISOString();
    await saveMessage(trx, msg, { state: 'redirected', redirect_channel: channel, redirect_note: note, answered_on: on, answered_at: at, updated_at: at });
    await recordMessageEvent(trx, deps, actor, msg, 'redirected', on, { channel });
    await auditMessage(trx, deps, actor, 'message.redirected', msg, { channel });
    await notifySender(trx, deps, msg, MESSAGE_MAIL.redirected, { agency: agency.name_zh, agencyEn: agency.name_en, channel, note, link: redirectPath(channel, agency.code) ?? '' });
  });
}
