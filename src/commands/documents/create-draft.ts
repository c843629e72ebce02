import { AppError } from '../../domain/errors.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { actorId, authorize, type Actor } from '../actor.js';
import { cleanDraft, type DraftInput } from '../document-input.js';
import type { Deps } from '../deps.js';
import { auditDocument } from './load.js';

/**
 * Starts a new document as a draft of the agency `agencyId`. Needs `document.edit` there. The
 * index number is assigned only at first publication, so abandoned drafts never consume one.
 */
export async function createDraft(deps: Deps, actor: Actor, agencyId: string, input: DraftInput): Promise<{ documentId: string; revisionId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw new AppError('agency_not_found');
    authorize(actor, 'document.edit', agency.path);
    if (agency.status === 'closed') throw new AppError('agency_closed');
    const clean = await cleanDraft(trx, input, agency.id);
    const at = deps.clock.now().toISOString();
    const by = actorId(actor) ?? 'system';
    const documentId = deps.newId();
    const revisionId = deps.newId();
    await documentRepo.insertDocument(trx, {
      id: documentId,
      agency_id: agency.id,
      status: 'draft',
      title: clean.title,
      doc_number: clean.doc_number,
      genre: clean.genre,
      theme_code: clean.theme_code,
      date_formed: clean.date_formed,
      is_normative: clean.is_normative,
      interprets_id: clean.interprets_id,
      current_version: 0,
      validity: 'valid',
      validity_note: '',
      version: 1,
      created_by: by,
      created_at: at,
      updated_at: at,
    });
    await documentRepo.insertRevision(trx, {
      id: revisionId,
      document_id: documentId,
      agency_id: agency.id,
      revision_no: 1,
      state: 'draft',
      ...clean,
      pii_overrides: '[]',
      version: 1,
      created_by: by,
      updated_by: by,
      created_at: at,
      updated_at: at,
    });
    await auditDocument(trx, actor, at, 'document.create_draft', { id: documentId, agency_id: agency.id }, { revision: revisionId });
    return { documentId, revisionId };
  });
}
