import { AppError, invalid } from '../../domain/errors.js';
import { isDisclosure } from '../../domain/requests/outcomes.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { DraftInput } from '../document-input.js';
import { createDraft } from '../documents/create-draft.js';
import type { Deps, Exec } from '../deps.js';
import { auditRequest, loadRequest } from './load.js';

/** Fewest distinct applicants that make information "asked for by several" (Art. 44). */
export const ART44_MIN_APPLICANTS = 2;

async function eligible(trx: Exec, actor: Actor, requestIds: readonly string[]): Promise<{ agencyId: string }> {
  const ids = [...new Set(requestIds)];
  if (ids.length < ART44_MIN_APPLICANTS || ids.length > 200) throw invalid([{ field: 'request_ids', code: 'too_few' }]);
  const keys = new Set<string>();
  let agencyId: string | null = null;
  for (const id of ids) {
    const { req } = await loadRequest(trx, actor, id, 'request.read');
    if (agencyId !== null && req.agency_id !== agencyId) throw new AppError('art44_not_eligible', { message: 'the requests belong to different agencies' });
    agencyId = req.agency_id;
    if (!req.outcome_code || !isDisclosure(req.outcome_code)) throw new AppError('art44_not_eligible', { message: `${req.tracking_number} was not disclosed` });
    if ((await requestRepo.linkedDocuments(trx, id)).length > 0) throw new AppError('art44_not_eligible', { message: `${req.tracking_number} is already linked to a document` });
    const a = await requestRepo.applicantOf(trx, id);
    if (a) keys.add(a.applicant_key);
  }
  if (keys.size < ART44_MIN_APPLICANTS || agencyId === null) throw new AppError('art44_not_eligible', { message: 'Art. 44: several applicants are needed' });
  return { agencyId };
}

/**
 * Art. 44: several applicants asked for the same information and it was disclosed, so an editor
 * proposes to publish it proactively. Checks the requests (same agency, disclosed wholly or
 * partly, at least two distinct applicants, none linked yet), creates a draft document through
 * `createDraft` (which needs `document.edit` at the agency) and links the requests to it.
 *
 * `createDraft` runs its own transaction, so this takes three: the check, the draft, the links
 * (with the check repeated). Should the last fail, the draft stays as an ordinary unlinked draft
 * that the editor can discard; no request is ever linked to a document that does not exist.
 */
export async function proposeProactiveDisclosure(deps: Deps, actor: Actor, requestIds: readonly string[], draft: DraftInput): Promise<{ documentId: string; revisionId: string }> {
  const { agencyId } = await deps.db.transaction().execute((trx) => eligible(trx, actor, requestIds));
  const created = await createDraft(deps, actor, agencyId, draft);
  await deps.db.transaction().execute(async (trx) => {
    await eligible(trx, actor, requestIds);
    const at = deps.clock.now().toISOString();
    for (const id of new Set(requestIds)) {
      const { req } = await loadRequest(trx, actor, id, 'request.read');
      await requestRepo.linkDocument(trx, { request_id: id, document_id: created.documentId, created_by: actorId(actor), created_at: at });
      await auditRequest(trx, actor, at, 'request.proposed_for_publication', req, { document: created.documentId });
    }
  });
  return created;
}
