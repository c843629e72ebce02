/**
 * The search side of attachment text (issue 6 §1): which text of a revision's attachments the
 * index may use now, and the queue of blobs still to be extracted. Publishing never parses a
 * file: it indexes the text already extracted (cached by blob SHA-256 in `search_extractions`)
 * and queues the rest for the background job (`extraction-job.ts`), which re-indexes the waiting
 * documents when each text is ready.
 */
import { isParsable } from '../blobs/text-parsers.js';
import type { Exec } from '../store/schema.js';

/** A blob of a revision whose text is not extracted yet. */
export interface WaitingBlob {
  sha256: string;
  kind: string;
}

/** The attachment texts of a revision as the index may use them now, and the blobs still to extract. */
export interface AttachmentIndexTexts {
  /** One entry per attachment: its file name, then its text when extracted. */
  texts: string[];
  waiting: WaitingBlob[];
}

/**
 * The attachment texts of a revision for the index. An extraction that is done uses its own
 * text, or the blob's upload-time text when the job found one (it is then not stored twice).
 */
export async function attachmentIndexTexts(db: Exec, revisionId: string): Promise<AttachmentIndexTexts> {
  const rows = await db
    .selectFrom('revision_attachments as a')
    .innerJoin('blobs as b', 'b.sha256', 'a.blob_sha256')
    .leftJoin('search_extractions as x', 'x.blob_sha256', 'a.blob_sha256')
    .select(['a.filename', 'a.blob_sha256', 'b.ext', 'x.status'])
    // The job stores no text of its own when it reused the upload-time text.
    .select((eb) => eb.fn.coalesce('x.text', 'b.text').as('index_text'))
    .where('a.revision_id', '=', revisionId)
    .orderBy('a.sort_order')
    .orderBy('a.created_at')
    .execute();
  const texts: string[] = [];
  const waiting: WaitingBlob[] = [];
  for (const r of rows) {
    texts.push(r.status === 'done' && r.index_text ? `${r.filename}\n${r.index_text}` : r.filename);
    if (isParsable(r.ext) && (r.status === null || r.status === 'pending') && !waiting.some((w) => w.sha256 === r.blob_sha256)) {
      waiting.push({ sha256: r.blob_sha256, kind: r.ext });
    }
  }
  return { texts, waiting };
}

/** Queues the extraction of `waiting` blobs for a document, in the caller's transaction (idempotent). */
export async function queueExtractions(db: Exec, documentId: string, waiting: readonly WaitingBlob[], at: string): Promise<void> {
  for (const w of waiting) {
    await db
      .insertInto('search_extractions')
      .values({ blob_sha256: w.sha256, kind: w.kind, status: 'pending', text: null, truncated: 0, reason: null, attempts: 0, duration_ms: null, queued_at: at, finished_at: null })
      .onConflict((oc) => oc.column('blob_sha256').doNothing())
      .execute();
    await db
      .insertInto('search_extraction_docs')
      .values({ blob_sha256: w.sha256, document_id: documentId, queued_at: at })
      .onConflict((oc) => oc.columns(['blob_sha256', 'document_id']).doNothing())
      .execute();
  }
}
