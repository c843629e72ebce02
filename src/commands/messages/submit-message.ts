import { AppError } from '../../domain/errors.js';
import { cleanMessageInput, formatMessageNumber, type MessageInput } from '../../domain/messages/message-rules.js';
import { newToken, tokenDigest } from '../../security/tokens.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { messageRepo } from '../../store/repos/message-repo.js';
import type { MessageRow } from '../../store/schema.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditMessage, dueDateFrom, MESSAGE_MAIL, notifyOfficers, notifySender, recordMessageEvent, todayIn } from './message-context.js';

/** Who sends a message: a member of the public, without an account. */
export const SENDER_ACTOR: Actor = { type: 'system', username: 'sender', ip: null };

/** What sending returns: the private token is shown once and never stored. */
export interface SentMessage {
  messageId: string;
  trackingNumber: string;
  token: string;
  dueDate: string;
}

/**
 * A message from the public to an open agency (no account). Stores the message and, apart, the
 * sender's personal data; sets the answer deadline (the agency's working days, default 5, on its
 * calendar); records the `submitted` event; tells the sender (e-mail, when given) and the
 * agency's officers (console). One transaction.
 */
export async function submitMessage(deps: Deps, agencyId: string, input: MessageInput, opts: { ip?: string | null; locale?: 'zh-CN' | 'en' } = {}): Promise<SentMessage> {
  const clean = cleanMessageInput(input);
  return deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw new AppError('agency_not_found');
    if (agency.status !== 'open') throw new AppError('agency_closed');
    const at = deps.clock.now().toISOString();
    const today = todayIn(deps, agency);
    const year = Number(today.slice(0, 4));
    const trackingNumber = formatMessageNumber(year, await messageRepo.nextSerial(trx, year));
    const token = newToken();
    const id = deps.newId();
    const dueDate = await dueDateFrom(trx, agency.id, today);
    const row: MessageRow = {
      id,
      agency_id: agency.id,
      tracking_number: trackingNumber,
      token_hash: tokenDigest(token),
      ...clean.message,
      locale: opts.locale ?? 'zh-CN',
      state: 'submitted',
      officer_id: null,
      submitted_at: at,
      submitted_on: today,
      clock_start_on: today,
      due_date: dueDate,
      answer_text: null,
      answered_on: null,
      answered_at: null,
      answered_by: null,
      redirect_channel: null,
      redirect_note: null,
      public_title: null,
      public_body: null,
      public_answer: null,
      published: 0,
      published_at: null,
      rating: null,
      rating_comment: null,
      rated_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await messageRepo.insert(trx, row, { message_id: id, ...clean.sender });
    await recordMessageEvent(trx, deps, SENDER_ACTOR, row, 'submitted', today, { agency: agency.code, due_date: dueDate });
    await auditMessage(trx, deps, SENDER_ACTOR, 'message.submitted', row, { tracking_number: trackingNumber, kind: row.kind, is_public: row.is_public, ip: opts.ip ?? null });
    await notifySender(trx, deps, row, MESSAGE_MAIL.submitted, { agency: agency.name_zh, agencyEn: agency.name_en, dueDate });
    await notifyOfficers(trx, deps, row, agency);
    return { messageId: id, trackingNumber, token, dueDate };
  });
}
