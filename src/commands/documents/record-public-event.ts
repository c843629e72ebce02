import { encodeLogEntry, type LogAction, type LogEntry } from '../../domain/documents/content.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { enqueueLogEntry } from '../../store/repos/tlog-entry-repo.js';
import type { Agency, DocumentEvent, DocumentRow, Exec } from '../../store/schema.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { recordEvent } from '../events.js';
import { indexDocumentIn } from '../../search/maintain.js';

/**
 * Writes a document-level public event (validity change, withdrawal) and its transparency-log
 * entry in the caller's transaction. The entry names the current version and its content hash.
 */
export async function recordPublicEvent(
  trx: Exec,
  deps: Deps,
  actor: Actor,
  ctx: { doc: DocumentRow; agency: Agency },
  ev: { kind: DocumentEvent['kind']; action: LogAction; at: string; note: string; validity?: LogEntry['validity'] },
): Promise<void> {
  const { doc, agency } = ctx;
  const cur = doc.current_revision_id ? await documentRepo.revisionById(trx, doc.current_revision_id) : undefined;
  const eventId = deps.newId();
  await documentRepo.appendEvent(trx, {
    id: eventId,
    document_id: doc.id,
    agency_id: agency.id,
    at: ev.at,
    kind: ev.kind,
    version_no: doc.current_version,
    note: ev.note,
    actor_id: actorId(actor),
  });
  const attachments = cur ? await documentRepo.attachmentsOf(trx, cur.id) : [];
  await enqueueLogEntry(trx, {
    eventId,
    documentId: doc.id,
    at: ev.at,
    entry: encodeLogEntry({
      schema: 'gongkai/v1',
      instance: deps.instance,
      agency: agency.code,
      kind: 'document',
      index_number: doc.index_number ?? '',
      version: doc.current_version,
      action: ev.action,
      at: ev.at,
      content_sha256: cur?.content_sha256 ?? '',
      attachments: attachments.map((a) => ({ name: a.filename, sha256: a.blob_sha256 })),
      ...(ev.validity ? { validity: ev.validity } : {}),
      note: ev.note,
    }),
  });
  // The caller has already updated the catalogue row: search shows the new validity or the
  // withdrawal mark from the same commit (issue 6).
  await indexDocumentIn(trx, deps.ops, doc.id, ev.at);
  await recordEvent(trx, deps, {
    kind: ev.kind === 'withdrawn' ? 'document.withdrawn' : 'document.validity_changed',
    agencyId: agency.id,
    subjectType: 'document',
    subjectId: doc.id,
    at: ev.at,
    payload: { index_number: doc.index_number ?? '', version: doc.current_version, title: doc.title, doc_number: doc.doc_number, agency_code: agency.code, genre: doc.genre, theme: doc.theme_code, note: ev.note, ...(ev.validity ? { validity: ev.validity.state } : {}) },
  });
}
