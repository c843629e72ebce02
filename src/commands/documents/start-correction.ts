import { AppError } from '../../domain/errors.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadDocument } from './load.js';

/**
 * Starts a correction of a published document: a new draft revision copied from the current
 * version, with its attachments. A published version is never edited in place; the correction
 * goes through the same review and publishes as the next version with a public change note.
 * Only one open revision per document: when one exists, its id is returned instead.
 */
export async function startCorrection(deps: Deps, actor: Actor, documentId: string): Promise<{ revisionId: string; created: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const { doc } = await loadDocument(trx, actor, documentId, 'document.edit');
    if (doc.status !== 'published' || !doc.current_revision_id) throw new AppError('bad_transition', { message: `document is ${doc.status}` });
    const open = await documentRepo.openRevision(trx, doc.id);
    if (open) return { revisionId: open.id, created: false };
    const cur = await documentRepo.revisionById(trx, doc.current_revision_id);
    if (!cur) throw new AppError('revision_not_found');
    const at = deps.clock.now().toISOString();
    const by = actorId(actor) ?? 'system';
    const revisionId = deps.newId();
    await documentRepo.insertRevision(trx, {
      id: revisionId,
      document_id: doc.id,
      agency_id: doc.agency_id,
      revision_no: (await documentRepo.maxRevisionNo(trx, doc.id)) + 1,
      state: 'draft',
      title: cur.title,
      doc_number: cur.doc_number,
      co_issuer_ids: cur.co_issuer_ids,
      theme_code: cur.theme_code,
      genre: cur.genre,
      date_formed: cur.date_formed,
      is_normative: cur.is_normative,
      keywords: cur.keywords,
      summary: cur.summary,
      body_html: cur.body_html,
      change_note: '',
      interprets_id: cur.interprets_id,
      pii_overrides: '[]',
      version: 1,
      created_by: by,
      updated_by: by,
      created_at: at,
      updated_at: at,
    });
    for (const a of await documentRepo.attachmentsOf(trx, cur.id)) {
      await documentRepo.insertAttachment(trx, { id: deps.newId(), revision_id: revisionId, blob_sha256: a.blob_sha256, filename: a.filename, sort_order: a.sort_order, created_at: at, created_by: by });
    }
    await auditDocument(trx, actor, at, 'document.start_correction', doc, { revision: revisionId });
    return { revisionId, created: true };
  });
}
