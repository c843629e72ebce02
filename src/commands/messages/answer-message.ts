import { AppError, invalid } from '../../domain/errors.js';
import { isOneOf, OPEN_MESSAGE_STATES } from '../../domain/messages/message-rules.js';
import { publicText } from '../../domain/messages/public-text.js';
import { compareDates } from '../../domain/calendar/iso-date.js';
import { messageRepo } from '../../store/repos/message-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { recordEvent } from '../events.js';
import { auditMessage, loadMessage, MESSAGE_MAIL, notifySender, recordMessageEvent, saveMessage, todayIn } from './message-context.js';

export const MAX_ANSWER_LENGTH = 10_000;

/** What answering did. */
export interface AnswerResult {
  answeredOn: string;
  /** Answered after the due date. */
  late: boolean;
  /** True when the message and its answer went on the public site. */
  published: boolean;
}

/**
 * Answers an open message and tells the sender. A message its sender allowed to publish is
 * published with the answer at once, personal data removed (`domain/messages/public-text.ts`:
 * the sender's name and contact data never; scanner findings and the sender's own data typed in
 * the texts masked), and the platform event `message.answer_published` is recorded with public
 * data only. Needs `request.handle`.
 */
export async function answerMessage(deps: Deps, actor: Actor, messageId: string, text: string): Promise<AnswerResult> {
  const answer = text.trim().replace(/\r\n/g, '\n');
  if (!answer) throw invalid([{ field: 'answer', code: 'required' }]);
  if (answer.length > MAX_ANSWER_LENGTH) throw invalid([{ field: 'answer', code: 'too_long' }]);
  return deps.db.transaction().execute(async (trx) => {
    const { msg, agency } = await loadMessage(trx, actor, messageId, 'request.handle');
    if (!isOneOf(OPEN_MESSAGE_STATES, msg.state)) throw new AppError('message_finished');
    const at = deps.clock.now().toISOString();
    const on = todayIn(deps, agency);
    const publish = msg.is_public === 1;
    const sender = (await messageRepo.sender(trx, msg.id)) ?? { name: '', email: '', phone: '' };
    const publicTitle = publicText(msg.title, sender);
    const pub = publish ? { public_title: publicTitle, public_body: publicText(msg.body, sender), public_answer: publicText(answer, sender), published: 1, published_at: at } : {};
    await saveMessage(trx, msg, { state: 'answered', answer_text: answer, answered_on: on, answered_at: at, answered_by: actorId(actor), officer_id: msg.officer_id ?? actorId(actor), updated_at: at, ...pub });
    const late = compareDates(on, msg.due_date) > 0;
    await recordMessageEvent(trx, deps, actor, msg, 'answered', on, { late, published: publish });
    await auditMessage(trx, deps, actor, 'message.answered', msg, { late, published: publish });
    await notifySender(trx, deps, msg, MESSAGE_MAIL.answered, { agency: agency.name_zh, agencyEn: agency.name_en, answeredOn: on });
    if (publish) {
      await recordEvent(trx, deps, {
        kind: 'message.answer_published',
        agencyId: agency.id,
        subjectType: 'message',
        subjectId: msg.id,
        at,
        // Public data only: the masked title, never the sender or the full texts.
        payload: {
          tracking_number: msg.tracking_number,
          agency_code: agency.code,
          agency_name: agency.name_zh,
          kind: msg.kind,
          category: msg.category,
          title: publicTitle,
          answered_on: on,
          path: `/messages/${msg.tracking_number}`,
        },
      });
    }
    return { answeredOn: on, late, published: publish };
  });
}
