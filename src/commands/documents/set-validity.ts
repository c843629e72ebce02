import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import { isIsoDate } from '../../domain/calendar/iso-date.js';
import { isValidity, type Validity } from '../../domain/documents/genres.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadDocument } from './load.js';
import { recordPublicEvent } from './record-public-event.js';

export interface ValidityInput {
  validity: string;
  /** The date the new validity took effect, YYYY-MM-DD. */
  date: string;
  /** Index number of the document that replaces this one (amended or repealed). */
  replacedBy?: string;
  /** The public reason. */
  note: string;
}

/**
 * Changes a published document's validity (有效性): amended, repealed, expired, or valid again.
 * Needs `document.review`. The original stays published and is clearly marked (State Council
 * guideline on government websites, 2017); the change is a public event with a log entry.
 */
export async function setValidity(deps: Deps, actor: Actor, documentId: string, input: ValidityInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!isValidity(input.validity)) issues.push({ field: 'validity', code: 'bad_validity' });
  if (!isIsoDate(input.date)) issues.push({ field: 'validity_date', code: 'bad_date' });
  const note = input.note.trim();
  if (note.length < 4) issues.push({ field: 'note', code: 'required' });
  if (note.length > 1000) issues.push({ field: 'note', code: 'too_long' });
  if (issues.length) throw invalid(issues);
  const validity = input.validity as Validity; // checked by isValidity above
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadDocument(trx, actor, documentId, 'document.review');
    if (ctx.doc.status !== 'published') throw new AppError('bad_transition', { message: `document is ${ctx.doc.status}` });
    let replacedById: string | null = null;
    let replacedBy: string | null = null;
    if (input.replacedBy?.trim()) {
      const r = await documentRepo.documentByIndex(trx, input.replacedBy.trim());
      if (!r || r.status === 'draft' || r.id === ctx.doc.id) throw invalid([{ field: 'replaced_by', code: 'unknown_document' }]);
      replacedById = r.id;
      replacedBy = r.index_number;
    }
    const at = deps.clock.now().toISOString();
    await documentRepo.updateDocument(trx, ctx.doc.id, {
      validity,
      validity_date: validity === 'valid' ? null : input.date,
      validity_note: note,
      replaced_by_id: replacedById,
      updated_at: at,
    });
    await recordPublicEvent(trx, deps, actor, ctx, {
      kind: 'validity',
      action: 'validity',
      at,
      note,
      validity: { state: validity, date: input.date, replaced_by: replacedBy },
    });
    await auditDocument(trx, actor, at, 'document.set_validity', ctx.doc, { validity, date: input.date });
  });
}
