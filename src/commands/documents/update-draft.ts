import { AppError } from '../../domain/errors.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import type { Revision } from '../../store/schema.js';
import { actorId, type Actor } from '../actor.js';
import { cleanDraft, type DraftInput } from '../document-input.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadRevision, requireDraft } from './load.js';

/**
 * Saves a draft. `expectedVersion` is the revision version the editor loaded: when someone else
 * saved in between, the save is refused with `stale_version` instead of overwriting their work.
 */
export async function updateDraft(deps: Deps, actor: Actor, revisionId: string, expectedVersion: number, input: DraftInput): Promise<Revision> {
  return deps.db.transaction().execute(async (trx) => {
    const { rev, doc } = await loadRevision(trx, actor, revisionId, 'document.edit');
    requireDraft(rev);
    if (rev.version !== expectedVersion) throw new AppError('stale_version');
    const clean = await cleanDraft(trx, input, rev.agency_id);
    const at = deps.clock.now().toISOString();
    const ok = await documentRepo.updateRevisionVersioned(trx, rev.id, expectedVersion, {
      ...clean,
      updated_by: actorId(actor) ?? 'system',
      updated_at: at,
    });
    if (!ok) throw new AppError('stale_version');
    if (doc.status === 'draft') {
      // Never published: the catalogue copy follows the draft so staff lists show the new title.
      await documentRepo.updateDocument(trx, doc.id, {
        title: clean.title,
        doc_number: clean.doc_number,
        genre: clean.genre,
        theme_code: clean.theme_code,
        date_formed: clean.date_formed,
        is_normative: clean.is_normative,
        interprets_id: clean.interprets_id,
        updated_at: at,
      });
    }
    await auditDocument(trx, actor, at, 'document.update_draft', doc, { revision: rev.id });
    const next = await documentRepo.revisionById(trx, rev.id);
    if (!next) throw new AppError('revision_not_found');
    return next;
  });
}
