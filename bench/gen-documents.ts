// Bulk generator of published documents for benchmarks: copies the demo documents' metadata and
// bodies under new index numbers, writing the same rows the publish command writes (document,
// published revision, public event) in large transactions. Not a substitute for the workflow:
// it exists only to reach 100,000 documents in seconds.
import type { Insertable } from 'kysely';
import type { Deps } from '../src/commands/deps.js';
import type { DocumentEventTable, DocumentRevisionTable, DocumentTable, TlogEntryTable } from '../src/store/schema.js';
import { contentSha256, encodeLogEntry } from '../src/domain/documents/content.js';
import { formatIndexNumber } from '../src/domain/index-number.js';

/** Adds published documents until the store holds `total`; returns the index numbers added. */
export async function generateDocuments(deps: Deps, total: number, opts: { logEntries?: boolean } = {}): Promise<string[]> {
  const db = deps.db;
  const have = Number((await db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const templates = await db.selectFrom('document_revisions').selectAll().where('state', '=', 'published').where('version_no', '=', 1).execute();
  const agencies = await db.selectFrom('agencies').select(['id', 'code']).execute();
  if (!templates.length || !agencies.length) throw new Error('seed the demo first');
  const out: string[] = [];
  const batch = 400;
  let serial = 50_000;
  for (let done = have; done < total; ) {
    const n = Math.min(batch, total - done);
    const docs: Insertable<DocumentTable>[] = [];
    const revs: Insertable<DocumentRevisionTable>[] = [];
    const events: Insertable<DocumentEventTable>[] = [];
    const entries: Insertable<TlogEntryTable>[] = [];
    for (let i = 0; i < n; i++) {
      const k = done + i;
      const t = templates[k % templates.length];
      const a = agencies[k % agencies.length];
      if (!t || !a) throw new Error('unreachable: non-empty lists');
      const year = 2020 + (k % 6);
      const index = formatIndexNumber(a.code, year, (serial++ % 49_999) + 50_000);
      const published = `${year}-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
      const at = `${published}T02:00:00.000Z`;
      const id = `bench-doc-${k}`;
      const rid = `bench-rev-${k}`;
      const title = `${t.title}（第${k}号）`;
      const sha = contentSha256({ index_number: index, version: 1, agency: a.code, co_issuers: [], title, doc_number: t.doc_number, theme: t.theme_code, genre: t.genre, date_formed: published, published_date: published, is_normative: t.is_normative === 1, keywords: t.keywords, summary: t.summary, body_html: t.body_html, change_note: '', interprets: null });
      docs.push({ id, agency_id: a.id, index_number: index, index_year: year, index_serial: serial, status: 'published' as const, current_version: 1, current_revision_id: rid, title, doc_number: t.doc_number, genre: t.genre, theme_code: t.theme_code, date_formed: published, is_normative: t.is_normative, interprets_id: null, first_published_at: at, published_date: published, last_published_at: at, timeliness_days: 0, validity: 'valid' as const, validity_note: '', created_by: 'bench', version: 1, created_at: at, updated_at: at });
      revs.push({ ...t, id: rid, document_id: id, agency_id: a.id, title, date_formed: published, revision_no: 1, version_no: 1, interprets_id: null, co_issuer_ids: '[]', published_at: at, content_sha256: sha, created_at: at, updated_at: at });
      events.push({ id: `bench-ev-${k}`, document_id: id, agency_id: a.id, at, kind: 'published' as const, version_no: 1, note: '', actor_id: null });
      if (opts.logEntries) {
        const entry = encodeLogEntry({ schema: 'gongkai/v1', instance: deps.instance, agency: a.code, kind: 'document', index_number: index, version: 1, action: 'publish', at, content_sha256: sha, attachments: [] });
        entries.push({ event_id: `bench-ev-${k}`, document_id: id, entry, leaf_index: null, created_at: at });
      }
      out.push(index);
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i += 100) {
        await trx.insertInto('documents').values(docs.slice(i, i + 100)).execute();
        await trx.insertInto('document_revisions').values(revs.slice(i, i + 100)).execute();
        await trx.insertInto('document_events').values(events.slice(i, i + 100)).execute();
        if (entries.length) await trx.insertInto('tlog_entries').values(entries.slice(i, i + 100)).execute();
      }
    });
    done += n;
  }
  return out;
}
