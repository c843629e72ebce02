import { AppError } from '../../domain/errors.js';
import type { Action } from '../../domain/policy.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import type { Agency, DocumentRow, Exec, Revision } from '../../store/schema.js';
import { actorId, authorize, type Actor } from '../actor.js';

/** A revision with its document and agency, loaded inside a transaction. */
export interface RevisionContext {
  rev: Revision;
  doc: DocumentRow;
  agency: Agency;
}

/** Loads a revision and checks `action` on its agency; 404 when absent. */
export async function loadRevision(trx: Exec, actor: Actor, revisionId: string, action: Action): Promise<RevisionContext> {
  const rev = await documentRepo.revisionById(trx, revisionId);
  if (!rev) throw new AppError('revision_not_found');
  const doc = await documentRepo.documentById(trx, rev.document_id);
  const agency = await agencyRepo.byId(trx, rev.agency_id);
  if (!doc || !agency) throw new AppError('revision_not_found');
  authorize(actor, action, agency.path);
  return { rev, doc, agency };
}

/** Loads a document and checks `action` on its agency; 404 when absent. */
export async function loadDocument(trx: Exec, actor: Actor, documentId: string, action: Action): Promise<{ doc: DocumentRow; agency: Agency }> {
  const doc = await documentRepo.documentById(trx, documentId);
  if (!doc) throw new AppError('document_not_found');
  const agency = await agencyRepo.byId(trx, doc.agency_id);
  if (!agency) throw new AppError('document_not_found');
  authorize(actor, action, agency.path);
  return { doc, agency };
}

/** Refuses unless the revision is an editable draft. */
export function requireDraft(rev: Revision): void {
  if (rev.state !== 'draft') throw new AppError('bad_transition', { message: `revision is ${rev.state}` });
}

/** Writes the staff audit entry of a document action. */
export async function auditDocument(
  trx: Exec,
  actor: Actor,
  at: string,
  action: string,
  doc: { id: string; agency_id: string },
  detail: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(trx, {
    at,
    actorId: actorId(actor),
    actorUsername: actor.username,
    action,
    targetType: 'document',
    targetId: doc.id,
    agencyId: doc.agency_id,
    ip: actor.ip,
    detail,
  });
}
