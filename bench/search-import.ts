// Bulk import of published documents for the search benchmark: writes, in large transactions,
// the rows the publish command writes for a first publication (document, published revision,
// public event, transparency-log entry, index serial, search entry) plus, for a document whose
// validity is no longer `valid`, the validity event and its log entry as `setValidity` writes
// them. The content hash and log entries come from the publisher's own functions
// (`versionContent` rules, `contentSha256`, `encodeLogEntry`); the search entry is built by
// `buildIndexEntry` from the same inputs `loadIndexEntry` gives it, and stored with the dialect's
// own `put`. test/search-bulk-import.test.ts holds the result to the normal publish path.
//
// Not written: audit-trail entries and platform events (subscriptions, webhooks, ActivityPub):
// an archive import must not notify every subscriber of a million old documents.
import { chinaCalendar } from '../src/domain/calendar/china.js';
import { contentSha256, encodeLogEntry } from '../src/domain/documents/content.js';
import { formatIndexNumber } from '../src/domain/index-number.js';
import { localDate } from '../src/domain/local-date.js';
import type { Deps } from '../src/commands/deps.js';
import { buildIndexEntry, type IndexEntry } from '../src/search/index-entry.js';
import { bodyText } from '../src/domain/documents/sanitize.js';
import { dayNumber } from '../src/search/maintain.js';
import type { SearchDocFacts } from '../src/store/dialect/search-sql.js';
import type { Exec } from '../src/store/schema.js';

/** An issuing agency as the importer needs it. */
export interface ImportAgency {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  time_zone: string;
}

/** One document to import, with its search entry already built (see `entryFor`). */
export interface ImportItem {
  agency: ImportAgency;
  title: string;
  docNumber: string;
  genre: string;
  theme: string;
  dateFormed: string;
  /** Instant of publication (ISO-8601 UTC). */
  publishedAt: string;
  isNormative: boolean;
  keywords: string;
  summary: string;
  bodyHtml: string;
  /** A validity change after publication, as `setValidity` records it. */
  validity?: { state: 'amended' | 'repealed' | 'expired'; date: string; note: string; at: string };
  entry: IndexEntry;
}

/**
 * The index entry of an imported document, built from exactly what `loadIndexEntry` passes for a
 * first publication without attachments (issuing agency's names, body as text).
 */
export function importEntry(it: Pick<ImportItem, 'agency' | 'title' | 'docNumber' | 'keywords' | 'summary' | 'bodyHtml'>): IndexEntry {
  return buildIndexEntry({
    title: it.title,
    docNumber: it.docNumber,
    agencyNames: [it.agency.name_zh, it.agency.name_en],
    keywords: it.keywords,
    summary: it.summary,
    body: bodyText(it.bodyHtml),
    attachments: [],
  });
}

const chunk = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * Imports `items` in one transaction. Index serials continue each (agency, year) sequence the way
 * `nextIndexSerial` does. Returns the index numbers, in order.
 */
export async function importBatch(deps: Deps, items: ImportItem[], ids: { next(): string }): Promise<string[]> {
  return deps.db.transaction().execute(async (trx) => {
    const serials = new Map<string, number>();
    const keys = [...new Set(items.map((it) => `${it.agency.id}|${localDate(it.publishedAt, it.agency.time_zone).slice(0, 4)}`))];
    for (const k of keys) {
      const [agencyId = '', year = ''] = k.split('|');
      const r = await trx.selectFrom('index_serials').select('last_serial').where('agency_id', '=', agencyId).where('year', '=', Number(year)).executeTakeFirst();
      serials.set(k, r?.last_serial ?? 0);
    }
    const docs = [];
    const revs = [];
    const events = [];
    const entries = [];
    const index: { facts: SearchDocFacts; entry: IndexEntry }[] = [];
    const out: string[] = [];
    const calendar = chinaCalendar();
    for (const it of items) {
      const at = it.publishedAt;
      const a = it.agency;
      const publishedDate = localDate(at, a.time_zone);
      const year = Number(publishedDate.slice(0, 4));
      const key = `${a.id}|${year}`;
      const serial = (serials.get(key) ?? 0) + 1;
      serials.set(key, serial);
      const indexNumber = formatIndexNumber(a.code, year, serial);
      const id = ids.next();
      const rid = ids.next();
      const evId = ids.next();
      const sha = contentSha256({
        index_number: indexNumber, version: 1, agency: a.code, co_issuers: [], title: it.title, doc_number: it.docNumber, theme: it.theme, genre: it.genre,
        date_formed: it.dateFormed, published_date: publishedDate, is_normative: it.isNormative, keywords: it.keywords, summary: it.summary,
        body_html: it.bodyHtml, change_note: '', interprets: null,
      });
      const v = it.validity;
      const isNormative = it.isNormative ? 1 : 0;
      docs.push({
        id, agency_id: a.id, index_number: indexNumber, index_year: year, index_serial: serial, status: 'published' as const, current_version: 1, current_revision_id: rid,
        title: it.title, doc_number: it.docNumber, genre: it.genre, theme_code: it.theme, date_formed: it.dateFormed, is_normative: isNormative, interprets_id: null,
        first_published_at: at, published_date: publishedDate, last_published_at: at, timeliness_days: calendar.workingDaysBetween(it.dateFormed, publishedDate).value,
        validity: v?.state ?? ('valid' as const), validity_date: v?.date ?? null, validity_note: v?.note ?? '', replaced_by_id: null, withdrawn_at: null, withdrawn_reason: null,
        created_by: 'import', version: 1, created_at: at, updated_at: v?.at ?? at,
      });
      revs.push({
        id: rid, document_id: id, agency_id: a.id, revision_no: 1, version_no: 1, state: 'published' as const, title: it.title, doc_number: it.docNumber, co_issuer_ids: '[]',
        theme_code: it.theme, genre: it.genre, date_formed: it.dateFormed, is_normative: isNormative, keywords: it.keywords, summary: it.summary, body_html: it.bodyHtml,
        change_note: '', interprets_id: null, pii_overrides: '[]', publish_at: null, published_at: at, content_sha256: sha, created_by: 'import', updated_by: 'import',
        submitted_by: 'import', submitted_at: at, version: 1, created_at: at, updated_at: at,
      });
      const base = { schema: 'gongkai/v1' as const, instance: deps.instance, agency: a.code, kind: 'document' as const, index_number: indexNumber, version: 1, content_sha256: sha, attachments: [] };
      events.push({ id: evId, document_id: id, agency_id: a.id, at, kind: 'published' as const, version_no: 1, note: '', actor_id: null });
      entries.push({ event_id: evId, document_id: id, entry: encodeLogEntry({ ...base, action: 'publish', at }), leaf_index: null, created_at: at });
      if (v) {
        const vId = ids.next();
        events.push({ id: vId, document_id: id, agency_id: a.id, at: v.at, kind: 'validity' as const, version_no: 1, note: v.note, actor_id: null });
        const validity = { state: v.state, date: v.date, replaced_by: null };
        entries.push({ event_id: vId, document_id: id, entry: encodeLogEntry({ ...base, action: 'validity', at: v.at, validity, note: v.note }), leaf_index: null, created_at: v.at });
      }
      const indexedAt = v?.at ?? at;
      index.push({
        facts: {
          document_id: id, agency_id: a.id, genre: it.genre, theme_code: it.theme, year, pub_date: publishedDate, pub_day: dayNumber(publishedDate),
          validity: v?.state ?? 'valid', is_normative: isNormative, status: 'published', version_no: 1, folded: it.entry.folded, indexed_at: indexedAt,
        },
        entry: it.entry,
      });
      out.push(indexNumber);
    }
    for (const c of chunk(docs, 200)) await trx.insertInto('documents').values(c).execute();
    for (const c of chunk(revs, 200)) await trx.insertInto('document_revisions').values(c).execute();
    for (const c of chunk(events, 500)) await trx.insertInto('document_events').values(c).execute();
    for (const c of chunk(entries, 500)) await trx.insertInto('tlog_entries').values(c).execute();
    for (const [k, last] of serials) {
      const [agencyId = '', year = ''] = k.split('|');
      await trx
        .insertInto('index_serials')
        .values({ agency_id: agencyId, year: Number(year), last_serial: last })
        .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_serial: last }))
        .execute();
    }
    await putAll(trx, deps, index);
    return out;
  });
}

async function putAll(trx: Exec, deps: Deps, index: { facts: SearchDocFacts; entry: IndexEntry }[]): Promise<void> {
  for (const x of index) await deps.ops.search.put(trx, x.facts, x.entry);
}
