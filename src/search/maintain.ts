/**
 * Index maintenance: brings a document's search entry in line with its catalogue row, inside the
 * caller's transaction (publication, new version, validity change, withdrawal). Only the current
 * published version of a published or withdrawn document is indexed; drafts never are, and
 * requests (with their applicants' data) are not indexed at all.
 */
import { bodyText } from '../domain/documents/sanitize.js';
import { localDate } from '../domain/local-date.js';
import type { DialectOps } from '../store/dialect/dialect.js';
import type { SearchDocFacts } from '../store/dialect/search-sql.js';
import { documentRepo } from '../store/repos/document-repo.js';
import type { Exec } from '../store/schema.js';
import { attachmentIndexTexts, queueExtractions, type WaitingBlob } from './extraction-store.js';
import { buildIndexEntry, type IndexEntry } from './index-entry.js';

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/**
 * The facts and entry of a document as it should be indexed, or null when it must not be.
 * Attachment text is only what the background job has extracted; `waiting` lists the rest.
 */
export async function loadIndexEntry(db: Exec, documentId: string, at: string): Promise<{ facts: SearchDocFacts; entry: IndexEntry; waiting: WaitingBlob[] } | null> {
  const doc = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!doc || (doc.status !== 'published' && doc.status !== 'withdrawn') || !doc.current_revision_id || !doc.first_published_at) return null;
  const rev = await documentRepo.revisionById(db, doc.current_revision_id);
  if (!rev || rev.state !== 'published') return null;
  const coIds = JSON.parse(rev.co_issuer_ids) as string[]; // written by cleanDraft as a string array
  const agencies = await db.selectFrom('agencies').select(['id', 'name_zh', 'name_en', 'time_zone']).where('id', 'in', [doc.agency_id, ...coIds]).execute();
  const own = agencies.find((a) => a.id === doc.agency_id);
  const attachments = await attachmentIndexTexts(db, rev.id);
  const entry = buildIndexEntry({
    title: rev.title,
    docNumber: rev.doc_number,
    agencyNames: [own, ...agencies.filter((a) => a.id !== doc.agency_id)].flatMap((a) => (a ? [a.name_zh, a.name_en] : [])),
    keywords: rev.keywords,
    summary: rev.summary,
    body: bodyText(rev.body_html),
    attachments: attachments.texts,
  });
  const pubDate = localDate(doc.first_published_at, own?.time_zone ?? 'Asia/Shanghai');
  return {
    facts: {
      document_id: doc.id,
      agency_id: doc.agency_id,
      genre: doc.genre,
      theme_code: doc.theme_code,
      year: doc.index_year,
      pub_date: pubDate,
      pub_day: dayNumber(pubDate),
      validity: doc.validity,
      is_normative: doc.is_normative,
      status: doc.status,
      version_no: doc.current_version,
      folded: entry.folded,
      indexed_at: at,
    },
    entry,
    waiting: attachments.waiting,
  };
}

/**
 * Re-indexes one document in the caller's transaction: replaces its entry, or removes it when
 * the document is not (or no longer) public. Attachments not yet extracted are queued for the
 * background job, which re-indexes the document when their text is ready.
 */
export async function indexDocumentIn(db: Exec, ops: DialectOps, documentId: string, at: string): Promise<void> {
  const loaded = await loadIndexEntry(db, documentId, at);
  if (loaded) {
    await ops.search.put(db, loaded.facts, loaded.entry);
    await queueExtractions(db, documentId, loaded.waiting, at);
  } else await ops.search.remove(db, documentId);
}
