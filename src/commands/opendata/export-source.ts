/**
 * Reads the public documents for the bulk export in pages of `EXPORT_PAGE_SIZE`, by keyset
 * (first publication instant, id), so memory holds one page whatever the size of the catalogue,
 * and a document published during the export is either in it once or not at all. Only published
 * and withdrawn documents (drafts never), their current version, and the attachments of that
 * version; no staff or applicant identity is selected.
 */
import type { Deps } from '../deps.js';
import type { ExportDocument } from './export-format.js';

/** Documents read per query. */
export const EXPORT_PAGE_SIZE = 500;

const PUBLIC = ['published', 'withdrawn'] as const;

/** The number of documents the export will write (for a progress bar). */
export async function countPublicDocuments(deps: Deps): Promise<number> {
  const r = await deps.db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', 'in', [...PUBLIC])
    .where('index_number', 'is not', null)
    .where('first_published_at', 'is not', null)
    .where('current_revision_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function documentPathOf(indexNumber: string): string {
  const [code = '', ys = ''] = indexNumber.split('/');
  return `/documents/${encodeURIComponent(code)}/${encodeURIComponent(ys)}`;
}

type Key = { at: string; id: string };

async function page(deps: Deps, after: Key | null, size: number): Promise<{ docs: ExportDocument[]; last: Key | null; full: boolean }> {
  let q = deps.db
    .selectFrom('documents as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .innerJoin('document_revisions as r', 'r.id', 'd.current_revision_id')
    .leftJoin('documents as rb', (j) => j.onRef('rb.id', '=', 'd.replaced_by_id').on('rb.status', 'in', [...PUBLIC]))
    .leftJoin('documents as it', (j) => j.onRef('it.id', '=', 'd.interprets_id').on('it.status', 'in', [...PUBLIC]))
    .select([
      'd.id', 'd.index_number', 'd.title', 'd.doc_number', 'a.code as agency_code', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en',
      'd.genre', 'd.theme_code', 'd.is_normative', 'd.date_formed', 'd.published_date', 'd.first_published_at', 'd.last_published_at', 'd.current_version',
      'd.status', 'd.withdrawn_at', 'd.withdrawn_reason', 'd.validity', 'd.validity_date', 'd.validity_note', 'rb.index_number as replaced_by',
      'it.index_number as interprets', 'd.timeliness_days', 'r.keywords', 'r.summary', 'r.content_sha256', 'r.body_html', 'd.current_revision_id',
    ])
    // Published and withdrawn: every status but draft. Written as an inequality on purpose: an
    // equality list would tempt SQLite into the (status, …) index and a sort of every public
    // document per page, where the (first_published_at, id) index reads just one page.
    .where('d.status', '!=', 'draft')
    .where('d.index_number', 'is not', null)
    .where('d.first_published_at', 'is not', null);
  // (at, id) > (after.at, after.id), written so both stores read the (first_published_at, id)
  // index from `after.at` in order and stop at the page size: a range bound, then the tie-break.
  if (after) q = q.where('d.first_published_at', '>=', after.at).where((eb) => eb.or([eb('d.first_published_at', '>', after.at), eb('d.id', '>', after.id)]));
  const rows = await q.orderBy('d.first_published_at').orderBy('d.id').limit(size).execute();
  const revisionIds = rows.flatMap((r) => (r.current_revision_id ? [r.current_revision_id] : []));
  const atts = revisionIds.length
    ? await deps.db
        .selectFrom('revision_attachments as ra')
        .innerJoin('blobs as b', 'b.sha256', 'ra.blob_sha256')
        .select(['ra.revision_id', 'ra.filename', 'b.sha256', 'b.size', 'b.mime'])
        .where('ra.revision_id', 'in', revisionIds)
        .orderBy('ra.revision_id')
        .orderBy('ra.sort_order')
        .orderBy('ra.filename')
        .execute()
    : [];
  const byRevision = new Map<string, ExportDocument['attachments']>();
  for (const a of atts) {
    const list = byRevision.get(a.revision_id) ?? [];
    list.push({ filename: a.filename, sha256: a.sha256, size: Number(a.size), media_type: a.mime, url: `/files/${a.sha256}/${encodeURIComponent(a.filename)}` });
    byRevision.set(a.revision_id, list);
  }
  const docs = rows.flatMap((r): ExportDocument[] => {
    if (!r.index_number) return []; // excluded by the query; narrows the type
    return [{
      index_number: r.index_number,
      url: documentPathOf(r.index_number),
      title: r.title,
      doc_number: r.doc_number,
      agency_code: r.agency_code,
      agency_name_zh: r.agency_name_zh,
      agency_name_en: r.agency_name_en,
      genre: r.genre,
      theme_code: r.theme_code,
      is_normative: Number(r.is_normative) === 1,
      date_formed: r.date_formed,
      published_date: r.published_date,
      first_published_at: r.first_published_at,
      last_published_at: r.last_published_at,
      current_version: Number(r.current_version),
      status: r.status,
      withdrawn_at: r.withdrawn_at,
      withdrawn_reason: r.withdrawn_reason,
      validity: r.validity,
      validity_date: r.validity_date,
      validity_note: r.validity_note,
      replaced_by: r.replaced_by,
      interprets: r.interprets,
      timeliness_days: r.timeliness_days === null ? null : Number(r.timeliness_days),
      keywords: r.keywords,
      summary: r.summary,
      content_sha256: r.content_sha256,
      attachments: (r.current_revision_id && byRevision.get(r.current_revision_id)) || [],
      body_html: r.body_html,
    }];
  });
  const lastRow = rows[rows.length - 1];
  return { docs, last: lastRow?.first_published_at ? { at: lastRow.first_published_at, id: lastRow.id } : null, full: rows.length === size };
}

/** Every public document, oldest first publication first, a page of `pageSize` at a time. */
export async function* publicDocuments(deps: Deps, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportDocument[]> {
  let after: Key | null = null;
  for (;;) {
    const p: { docs: ExportDocument[]; last: Key | null; full: boolean } = await page(deps, after, pageSize);
    if (p.docs.length > 0) yield p.docs;
    if (!p.full || !p.last) return;
    after = p.last;
  }
}
