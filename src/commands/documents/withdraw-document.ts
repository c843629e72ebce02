import { AppError, invalid } from '../../domain/errors.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadDocument } from './load.js';
import { recordPublicEvent } from './record-public-event.js';

/**
 * Withdraws a published document (撤回). Needs `document.review` and a reason. The page, every
 * version and the catalogue entry stay, marked with the notice, the reason and the date; an open
 * correction draft is discarded. Nothing is deleted.
 */
export async function withdrawDocument(deps: Deps, actor: Actor, documentId: string, reason: string): Promise<void> {
  const why = reason.trim();
  if (why.length < 4) throw invalid([{ field: 'reason', code: 'required' }]);
  if (why.length > 1000) throw invalid([{ field: 'reason', code: 'too_long' }]);
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadDocument(trx, actor, documentId, 'document.review');
    if (ctx.doc.status !== 'published') throw new AppError('bad_transition', { message: `document is ${ctx.doc.status}` });
    const at = deps.clock.now().toISOString();
    const open = await documentRepo.openRevision(trx, ctx.doc.id);
    if (open) await documentRepo.transition(trx, open.id, open.state, { state: 'discarded', updated_at: at });
    await documentRepo.updateDocument(trx, ctx.doc.id, { status: 'withdrawn', withdrawn_at: at, withdrawn_reason: why, updated_at: at });
    await recordPublicEvent(trx, deps, actor, ctx, { kind: 'withdrawn', action: 'withdraw', at, note: why });
    await auditDocument(trx, actor, at, 'document.withdraw', ctx.doc, { reason: why });
  });
}
