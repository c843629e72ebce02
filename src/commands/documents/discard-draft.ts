import { AppError } from '../../domain/errors.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadRevision, requireDraft } from './load.js';

/** Abandons a draft (kept, marked discarded; nothing is hard-deleted). Needs `document.edit`. */
export async function discardDraft(deps: Deps, actor: Actor, revisionId: string, expectedVersion: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { rev, doc } = await loadRevision(trx, actor, revisionId, 'document.edit');
    requireDraft(rev);
    const at = deps.clock.now().toISOString();
    if (!(await documentRepo.updateRevisionVersioned(trx, rev.id, expectedVersion, { state: 'discarded', updated_at: at }))) throw new AppError('stale_version');
    await auditDocument(trx, actor, at, 'document.discard_draft', doc, { revision: rev.id });
  });
}
