import { invalid } from '../../domain/errors.js';
import { isOutcomeCode, outcomeInfo } from '../../domain/requests/outcomes.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/** A reply (答复) to a request. */
export interface ReplyInput {
  /** An outcome code of the Art. 36 catalogue (`domain/requests/outcomes.ts`). */
  outcome: string;
  /** The reply's reasons and directions (where to find the information, which agency holds it…). */
  text: string;
  /** Index numbers of proactively published documents the reply points to (Art. 36(1)). */
  linkedIndexNumbers?: string[];
}

/**
 * Replies with one outcome of Art. 36, carrying its legal basis. Released files are those
 * uploaded with purpose `released` before the reply. Linked documents must be published.
 * Refused before receipt, while a correction, consultation or fee is pending, and for the two
 * outcomes that follow from their own steps. Needs `request.handle`.
 */
export async function replyToRequest(deps: Deps, actor: Actor, requestId: string, input: ReplyInput): Promise<{ outcome: string; basis: string; repliedOn: string; late: boolean }> {
  if (!isOutcomeCode(input.outcome)) throw invalid([{ field: 'outcome', code: 'invalid' }]);
  const outcome = input.outcome;
  const text = input.text.trim();
  if (text.length > 20_000) throw invalid([{ field: 'text', code: 'too_long' }]);
  const links = [...new Set((input.linkedIndexNumbers ?? []).map((s) => s.trim()).filter(Boolean))];
  if (links.length > 50) throw invalid([{ field: 'linked', code: 'too_many' }]);
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    for (const [i, index] of links.entries()) {
      const doc = await documentRepo.documentByIndex(trx, index);
      if (!doc || doc.status !== 'published') throw invalid([{ field: `linked.${i}`, code: 'not_published' }]);
    }
    const on = todayAt(deps, ctx.agency);
    const o = outcomeInfo(outcome);
    const { req, deadlines } = await applyStep(trx, deps, actor, ctx, { type: 'reply', on, outcome }, { kind: 'replied', details: { outcome, links } }, {
      outcome_code: outcome,
      replied_on: on,
    });
    await requestRepo.insertOutcome(trx, {
      request_id: req.id, code: outcome, basis: o.basis, reply_text: text, linked_documents: JSON.stringify(links), replied_on: on,
      created_by: actorId(actor), created_at: deps.clock.now().toISOString(),
    });
    await notifyApplicant(trx, deps, req.id, 'request.replied', { tracking_number: req.tracking_number, outcome, replied_on: on });
    return { outcome, basis: o.basis, repliedOn: on, late: deadlines?.repliedLate === true };
  });
}
