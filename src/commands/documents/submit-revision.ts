import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadRevision, requireDraft } from './load.js';
import { scanDraft, type PiiOverride } from './pii-check.js';

/** Minimum length of an override reason: a word or two, not a single character. */
const MIN_REASON = 4;

/**
 * Submits a draft for confidentiality review (Art. 17). Before that, the personal-data check of
 * issue 3 §3 runs over the text and the attachments: every finding must be either gone (the
 * editor redacted it) or overridden with a reason in `overrides` (finding key → reason). Any
 * remaining finding refuses the submission with `personal_data_found`, naming each one (masked).
 * A correction (version 2 and later) needs its public change note.
 */
export async function submitRevision(
  deps: Deps,
  actor: Actor,
  revisionId: string,
  expectedVersion: number,
  overrides: Record<string, string> = {},
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { rev, doc } = await loadRevision(trx, actor, revisionId, 'document.edit');
    requireDraft(rev);
    if (rev.version !== expectedVersion) throw new AppError('stale_version');
    const issues: FieldIssue[] = [];
    if (doc.current_version > 0 && !rev.change_note) issues.push({ field: 'change_note', code: 'required' });
    if (!rev.body_html && !rev.summary) issues.push({ field: 'body_html', code: 'required' });
    if (issues.length) throw invalid(issues);

    const at = deps.clock.now().toISOString();
    const by = actorId(actor) ?? 'system';
    const findings = await scanDraft(trx, rev);
    const recorded: PiiOverride[] = [];
    const blocking: FieldIssue[] = [];
    for (const f of findings) {
      const reason = (overrides[f.key] ?? '').trim();
      if (reason.length >= MIN_REASON && reason.length <= 500) {
        recorded.push({ key: f.key, kind: f.kind, source: f.sourceName || f.source, masked: f.masked, reason, by, at });
      } else {
        blocking.push({ field: `pii.${f.key}`, code: f.kind, message: `${f.sourceName || f.source}: ${f.masked}` });
      }
    }
    if (blocking.length) throw new AppError('personal_data_found', { fields: blocking, message: `${blocking.length} personal-data findings` });

    const ok = await documentRepo.updateRevisionVersioned(trx, rev.id, expectedVersion, {
      state: 'submitted',
      pii_overrides: JSON.stringify(recorded),
      submitted_by: by,
      submitted_at: at,
      updated_at: at,
    });
    if (!ok) throw new AppError('stale_version');
    await auditDocument(trx, actor, at, 'document.submit', doc, { revision: rev.id, overrides: recorded.length });
  });
}
