import { AppError } from '../../domain/errors.js';
import { chinaCalendar } from '../../domain/calendar/china.js';
import { contentSha256, encodeLogEntry, type LogAction, type VersionContent } from '../../domain/documents/content.js';
import { formatIndexNumber, INDEX_SERIAL_MAX } from '../../domain/index-number.js';
import { localDate } from '../../domain/local-date.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { recordEvent } from '../events.js';
import { enqueueLogEntry } from '../../store/repos/tlog-entry-repo.js';
import type { Agency, DocumentRow, Exec, Revision } from '../../store/schema.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument } from './load.js';
import { indexDocumentIn } from '../../search/maintain.js';

/** Art. 26: proactive disclosure within 20 working days of the information being formed. */
export const TIMELINESS_LIMIT_DAYS = 20;

/** The content of a revision as it is published and hashed (see `VersionContent`). */
export async function versionContent(trx: Exec, rev: Revision, agency: Agency, indexNumber: string, versionNo: number, publishedDate: string): Promise<VersionContent> {
  const coIds = JSON.parse(rev.co_issuer_ids) as string[]; // written by cleanDraft as a string array
  const co = coIds.length ? await trx.selectFrom('agencies').select(['id', 'code']).where('id', 'in', coIds).execute() : [];
  const interprets = rev.interprets_id
    ? ((await trx.selectFrom('documents').select('index_number').where('id', '=', rev.interprets_id).executeTakeFirst())?.index_number ?? null)
    : null;
  return {
    index_number: indexNumber,
    version: versionNo,
    agency: agency.code,
    co_issuers: coIds.map((id) => co.find((c) => c.id === id)?.code ?? id),
    title: rev.title,
    doc_number: rev.doc_number,
    theme: rev.theme_code,
    genre: rev.genre,
    date_formed: rev.date_formed,
    published_date: publishedDate,
    is_normative: rev.is_normative === 1,
    keywords: rev.keywords,
    summary: rev.summary,
    body_html: rev.body_html,
    change_note: rev.change_note,
    interprets,
  };
}

/**
 * Publishes an approved or scheduled revision inside the caller's transaction: assigns the index
 * number at first publication (`<agency code>/<year>-<serial>`, serial never reused), the next
 * version number, the content hash, updates the catalogue copy, and writes the public event, the
 * transparency-log entry and the audit entry. The state change is a compare-and-set from `from`,
 * so two instances publishing the same scheduled revision cannot both succeed.
 */
export async function publishRevisionIn(
  trx: Exec,
  deps: Deps,
  actor: Actor,
  ctx: { rev: Revision; doc: DocumentRow; agency: Agency },
  from: 'cleared' | 'scheduled',
): Promise<{ indexNumber: string; versionNo: number }> {
  const { rev, doc, agency } = ctx;
  if (doc.status === 'withdrawn') throw new AppError('bad_transition', { message: 'document withdrawn' });
  const now = deps.clock.now();
  const at = now.toISOString();
  const publishedDate = localDate(at, agency.time_zone);
  let indexNumber = doc.index_number;
  let indexYear = doc.index_year;
  let indexSerial = doc.index_serial;
  if (!indexNumber) {
    indexYear = Number(publishedDate.slice(0, 4));
    indexSerial = await documentRepo.nextIndexSerial(trx, agency.id, indexYear);
    if (indexSerial > INDEX_SERIAL_MAX) throw new AppError('index_serial_exhausted');
    indexNumber = formatIndexNumber(agency.code, indexYear, indexSerial);
  }
  const versionNo = doc.current_version + 1;
  const content = await versionContent(trx, rev, agency, indexNumber, versionNo, publishedDate);
  const sha = contentSha256(content);
  const moved = await documentRepo.transition(trx, rev.id, from, { state: 'published', version_no: versionNo, published_at: at, content_sha256: sha, updated_at: at });
  if (!moved) throw new AppError('bad_transition', { message: 'revision changed state meanwhile' });

  const first = doc.current_version === 0;
  const timeliness = first ? chinaCalendar().workingDaysBetween(rev.date_formed, publishedDate).value : doc.timeliness_days;
  await documentRepo.updateDocument(trx, doc.id, {
    index_number: indexNumber,
    index_year: indexYear,
    index_serial: indexSerial,
    status: 'published',
    current_version: versionNo,
    current_revision_id: rev.id,
    title: rev.title,
    doc_number: rev.doc_number,
    genre: rev.genre,
    theme_code: rev.theme_code,
    date_formed: rev.date_formed,
    is_normative: rev.is_normative,
    interprets_id: rev.interprets_id,
    first_published_at: doc.first_published_at ?? at,
    published_date: publishedDate,
    last_published_at: at,
    timeliness_days: timeliness,
    updated_at: at,
  });
  const action: LogAction = first ? 'publish' : 'new_version';
  const eventId = deps.newId();
  await documentRepo.appendEvent(trx, {
    id: eventId,
    document_id: doc.id,
    agency_id: agency.id,
    at,
    kind: first ? 'published' : 'new_version',
    version_no: versionNo,
    note: rev.change_note,
    actor_id: actorId(actor),
  });
  const attachments = await documentRepo.attachmentsOf(trx, rev.id);
  await enqueueLogEntry(trx, {
    eventId,
    documentId: doc.id,
    at,
    entry: encodeLogEntry({
      schema: 'gongkai/v1',
      instance: deps.instance,
      agency: agency.code,
      kind: 'document',
      index_number: indexNumber,
      version: versionNo,
      action,
      at,
      content_sha256: sha,
      attachments: attachments.map((a) => ({ name: a.filename, sha256: a.blob_sha256 })),
    }),
  });
  await auditDocument(trx, actor, at, first ? 'document.publish' : 'document.publish_version', doc, { revision: rev.id, version: versionNo, index_number: indexNumber });
  // Search sees the new version exactly when the publication commits (issue 6).
  await indexDocumentIn(trx, deps.ops, doc.id, at);
  // Subscribers, webhooks and followers hear of it from the same commit (issue 8).
  await recordEvent(trx, deps, {
    kind: first ? 'document.published' : 'document.corrected',
    agencyId: agency.id,
    subjectType: 'document',
    subjectId: doc.id,
    at,
    payload: { index_number: indexNumber, version: versionNo, title: rev.title, doc_number: rev.doc_number, agency_code: agency.code, genre: rev.genre, theme: rev.theme_code, published_date: publishedDate, change_note: rev.change_note, content_sha256: sha },
  });
  return { indexNumber, versionNo };
}
