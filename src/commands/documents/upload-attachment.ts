import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import { extractText } from '../../blobs/extract-text.js';
import { ingestUpload } from '../../blobs/ingest.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadRevision, requireDraft } from './load.js';

/** Most attachments on one revision. */
export const MAX_ATTACHMENTS = 50;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array)); // streams yield Buffers or Uint8Arrays
  return Buffer.concat(chunks);
}

/**
 * Adds an uploaded file to a draft. The permission and state are checked before a byte is read,
 * so nobody can fill the store without the right to edit. The upload is checked and stored by
 * `ingestUpload` (name, size, type by content, zip-bomb check; nothing kept on refusal), its text
 * is extracted for the personal-data check, then the attachment is recorded in one transaction.
 */
export async function uploadAttachment(
  deps: Deps,
  actor: Actor,
  revisionId: string,
  input: Readable,
  filename: string,
): Promise<{ attachmentId: string; filename: string; sha256: string }> {
  try {
    await deps.db.transaction().execute(async (trx) => {
      const { rev } = await loadRevision(trx, actor, revisionId, 'document.edit');
      requireDraft(rev);
      if ((await documentRepo.attachmentsOf(trx, rev.id)).length >= MAX_ATTACHMENTS) {
        throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'too_many' }] });
      }
    });
  } catch (e) {
    input.destroy();
    throw e;
  }
  const file = await ingestUpload(deps.blobs, input, { filename, maxBytes: deps.uploadMaxBytes, tmpDir: deps.uploadTmpDir });
  const text = await extractText(await readAll(await deps.blobs.open(file.sha256)), file.kind);
  return deps.db.transaction().execute(async (trx) => {
    const { rev, doc } = await loadRevision(trx, actor, revisionId, 'document.edit');
    requireDraft(rev);
    const at = deps.clock.now().toISOString();
    await documentRepo.ensureBlob(trx, {
      sha256: file.sha256,
      size: file.size,
      mime: file.mime,
      ext: file.ext,
      text_status: text.status,
      text: text.status === 'done' ? text.text : null,
      created_at: at,
    });
    const existing = await documentRepo.attachmentsOf(trx, rev.id);
    const attachmentId = deps.newId();
    await documentRepo.insertAttachment(trx, {
      id: attachmentId,
      revision_id: rev.id,
      blob_sha256: file.sha256,
      filename: file.filename,
      sort_order: existing.length,
      created_at: at,
      created_by: actorId(actor) ?? 'system',
    });
    await auditDocument(trx, actor, at, 'document.attach', doc, { revision: rev.id, sha256: file.sha256, size: file.size });
    return { attachmentId, filename: file.filename, sha256: file.sha256 };
  });
}

/** Removes an attachment from a draft (published versions keep theirs for ever). */
export async function removeAttachment(deps: Deps, actor: Actor, revisionId: string, attachmentId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { rev, doc } = await loadRevision(trx, actor, revisionId, 'document.edit');
    requireDraft(rev);
    if (!(await documentRepo.deleteAttachment(trx, rev.id, attachmentId))) throw new AppError('attachment_not_found');
    await auditDocument(trx, actor, deps.clock.now().toISOString(), 'document.detach', doc, { revision: rev.id, attachment: attachmentId });
  });
}
