/**
 * Public read models of the disclosure catalogue: lists with filters, a document with its
 * versions, attachments, history and links, feeds and the sitemap. Only published and withdrawn
 * documents are visible; drafts never leave the staff console. No personal data is selected.
 */
import { AppError } from '../domain/errors.js';
import { isValidity } from '../domain/documents/genres.js';
import type { VersionContent } from '../domain/documents/content.js';
import { localDate } from '../domain/local-date.js';
import { versionContent } from '../commands/documents/publish-revision.js';
import type { Deps } from '../commands/deps.js';
import { documentRepo, type AttachmentWithBlob } from '../store/repos/document-repo.js';
import type { Agency, DocumentEvent, DocumentRow, Revision } from '../store/schema.js';

/** Catalogue filters shared by the portal, the feeds and the API. */
export interface CatalogueFilter {
  /** Agency code; with `subtree`, its whole subtree. */
  agency?: string;
  subtree?: boolean;
  genre?: string;
  /** Theme code; includes its child themes. */
  theme?: string;
  year?: number;
  validity?: string;
  normative?: boolean;
  /** Include withdrawn documents (default: yes, marked). */
  withdrawn?: boolean;
}

/** One catalogue line. */
export interface CatalogueItem {
  id: string;
  index_number: string;
  title: string;
  doc_number: string;
  genre: string;
  theme_code: string;
  date_formed: string;
  published_date: string;
  last_published_at: string;
  current_version: number;
  validity: string;
  status: string;
  is_normative: number;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
}

const ITEM_COLUMNS = [
  'd.id',
  'd.index_number',
  'd.title',
  'd.doc_number',
  'd.genre',
  'd.theme_code',
  'd.date_formed',
  'd.published_date',
  'd.last_published_at',
  'd.current_version',
  'd.validity',
  'd.status',
  'd.is_normative',
  'a.code as agency_code',
  'a.name_zh as agency_name_zh',
  'a.name_en as agency_name_en',
] as const;

async function filtered(deps: Deps, f: CatalogueFilter) {
  let q = deps.db
    .selectFrom('documents as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .where('d.status', 'in', f.withdrawn === false ? ['published'] : ['published', 'withdrawn']);
  if (f.agency) {
    const ag = await deps.db.selectFrom('agencies').select(['id', 'path']).where('code', '=', f.agency).executeTakeFirst();
    if (!ag) throw new AppError('agency_not_found');
    q = f.subtree ? q.where('a.path', 'like', `${ag.path}%`) : q.where('d.agency_id', '=', ag.id);
  }
  if (f.genre) q = q.where('d.genre', '=', f.genre);
  if (f.theme) {
    const theme = f.theme;
    q = q.where((eb) => eb.or([eb('d.theme_code', '=', theme), eb('d.theme_code', 'like', `${theme}.%`)]));
  }
  // The year of first publication (the index number's year), as the year facet counts it.
  if (f.year) q = q.where('d.index_year', '=', f.year);
  const validity = f.validity;
  if (validity && isValidity(validity)) q = q.where('d.validity', '=', validity);
  if (f.normative) q = q.where('d.is_normative', '=', 1);
  return q;
}

/** A page of the catalogue, newest first, with the total for pagination (stable page URLs). */
export async function cataloguePage(deps: Deps, f: CatalogueFilter, page: number, pageSize: number): Promise<{ items: CatalogueItem[]; total: number }> {
  const q = await filtered(deps, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = (await q
    .select(ITEM_COLUMNS)
    .orderBy('d.last_published_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as CatalogueItem[]; // index_number, published_date and last_published_at are set once published
  return { items, total: Number(total.n) };
}

/** Cursor (opaque to clients): the last item's publication instant and id. */
export function encodeCursor(item: { last_published_at: string; id: string }): string {
  return Buffer.from(`${item.last_published_at}|${item.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } | null {
  const s = Buffer.from(cursor, 'base64url').toString('utf8');
  const i = s.indexOf('|');
  if (i < 20 || !/^\d{4}-\d\d-\d\dT/.test(s)) return null;
  return { at: s.slice(0, i), id: s.slice(i + 1) };
}

/** Keyset pagination for the API: stable under concurrent publication. */
export async function catalogueAfter(deps: Deps, f: CatalogueFilter, cursor: string | undefined, limit: number): Promise<{ items: CatalogueItem[]; next: string | null }> {
  let q = await filtered(deps, f);
  if (cursor) {
    const c = decodeCursor(cursor);
    if (!c) throw new AppError('validation_failed', { fields: [{ field: 'cursor', code: 'bad_cursor' }] });
    q = q.where((eb) => eb.or([eb('d.last_published_at', '<', c.at), eb.and([eb('d.last_published_at', '=', c.at), eb('d.id', '<', c.id)])]));
  }
  const rows = (await q
    .select(ITEM_COLUMNS)
    .orderBy('d.last_published_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit + 1)
    .execute()) as CatalogueItem[]; // as above
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Facet counts for the catalogue page: by genre and by year. */
export async function catalogueFacets(deps: Deps, f: CatalogueFilter): Promise<{ genres: { key: string; n: number }[]; years: { key: string; n: number }[] }> {
  const q = await filtered(deps, { ...f, genre: undefined, year: undefined });
  const genres = await q.select(['d.genre as key']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('d.genre').execute();
  const yearsRaw = await q.select(['d.index_year as key']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('d.index_year').orderBy('d.index_year', 'desc').execute();
  return {
    genres: genres.map((g) => ({ key: g.key, n: Number(g.n) })).sort((a, b) => b.n - a.n),
    years: yearsRaw.map((y) => ({ key: String(y.key), n: Number(y.n) })),
  };
}

/** A published version with everything its page shows. */
export interface DocumentView {
  doc: DocumentRow;
  agency: Agency;
  version: Revision;
  isCurrent: boolean;
  attachments: AttachmentWithBlob[];
  versions: { version_no: number; published_at: string; change_note: string }[];
  events: DocumentEvent[];
  coIssuers: Agency[];
  interprets: { index_number: string; title: string } | null;
  interpretations: { index_number: string; title: string }[];
  replacedBy: { index_number: string; title: string } | null;
  /** Every document the page shows (itself and the linked ones): what a stored copy of the page depends on. */
  shownDocumentIds: string[];
}

/** The public view of a document at its current version, or at version `versionNo`. */
export async function documentView(deps: Deps, indexNumber: string, versionNo?: number): Promise<DocumentView> {
  const db = deps.db;
  const doc = await documentRepo.documentByIndex(db, indexNumber);
  if (!doc || doc.status === 'draft') throw new AppError('document_not_found');
  const n = versionNo ?? doc.current_version;
  const version = await documentRepo.publishedVersion(db, doc.id, n);
  if (!version || version.state !== 'published') throw new AppError('version_not_found');
  const agency = await db.selectFrom('agencies').selectAll().where('id', '=', doc.agency_id).executeTakeFirstOrThrow();
  const [attachments, versionsRaw, events] = await Promise.all([
    documentRepo.attachmentsOf(db, version.id),
    db
      .selectFrom('document_revisions')
      .select(['version_no', 'published_at', 'change_note'])
      .where('document_id', '=', doc.id)
      .where('state', '=', 'published')
      .orderBy('version_no')
      .execute(),
    db.selectFrom('document_events').selectAll().where('document_id', '=', doc.id).orderBy('at').execute(),
  ]);
  const coIds = JSON.parse(version.co_issuer_ids) as string[]; // a JSON string array written by cleanDraft
  const coIssuers = coIds.length ? await db.selectFrom('agencies').selectAll().where('id', 'in', coIds).execute() : [];
  const link = async (id: string | null) =>
    id ? ((await db.selectFrom('documents').select(['id', 'index_number', 'title']).where('id', '=', id).where('status', '!=', 'draft').executeTakeFirst()) ?? null) : null;
  const interpretations = await db
    .selectFrom('documents')
    .select(['id', 'index_number', 'title'])
    .where('interprets_id', '=', doc.id)
    .where('status', 'in', ['published', 'withdrawn'])
    .orderBy('first_published_at')
    .execute();
  const interprets = await link(version.interprets_id);
  const replacedBy = await link(doc.replaced_by_id);
  return {
    doc,
    agency,
    version,
    isCurrent: n === doc.current_version,
    attachments,
    versions: versionsRaw.map((v) => ({ version_no: Number(v.version_no), published_at: v.published_at ?? '', change_note: v.change_note })),
    events,
    coIssuers,
    interprets: interprets && interprets.index_number ? { index_number: interprets.index_number, title: interprets.title } : null,
    interpretations: interpretations.flatMap((i) => (i.index_number ? [{ index_number: i.index_number, title: i.title }] : [])),
    replacedBy: replacedBy && replacedBy.index_number ? { index_number: replacedBy.index_number, title: replacedBy.title } : null,
    shownDocumentIds: [doc.id, ...interpretations.map((i) => i.id), ...(interprets ? [interprets.id] : []), ...(replacedBy ? [replacedBy.id] : [])],
  };
}

/** A feed line: one public event with its document. */
export interface FeedEvent {
  event_id: string;
  kind: DocumentEvent['kind'];
  at: string;
  version_no: number;
  note: string;
  index_number: string;
  title: string;
  genre: string;
  theme_code: string;
  agency_name_zh: string;
  agency_name_en: string;
}

/** The latest public events (publications, new versions, validity changes, withdrawals) in a scope. */
export async function feedEvents(deps: Deps, f: { agency?: string; subtree?: boolean; theme?: string }, limit = 50): Promise<FeedEvent[]> {
  let q = deps.db
    .selectFrom('document_events as e')
    .innerJoin('documents as d', 'd.id', 'e.document_id')
    .innerJoin('agencies as a', 'a.id', 'e.agency_id');
  if (f.agency) {
    const ag = await deps.db.selectFrom('agencies').select(['id', 'path']).where('code', '=', f.agency).executeTakeFirst();
    if (!ag) throw new AppError('agency_not_found');
    q = f.subtree ? q.where('a.path', 'like', `${ag.path}%`) : q.where('e.agency_id', '=', ag.id);
  }
  if (f.theme) {
    const theme = f.theme;
    q = q.where((eb) => eb.or([eb('d.theme_code', '=', theme), eb('d.theme_code', 'like', `${theme}.%`)]));
  }
  const rows = await q
    .select(['e.id as event_id', 'e.kind', 'e.at', 'e.version_no', 'e.note', 'd.index_number', 'd.title', 'd.genre', 'd.theme_code', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en'])
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.index_number ? [{ ...r, index_number: r.index_number, version_no: Number(r.version_no) }] : []));
}

/** Every public document for the sitemap: index number and last change. */
export async function sitemapDocuments(deps: Deps): Promise<{ index_number: string; updated_at: string }[]> {
  const rows = await deps.db
    .selectFrom('documents')
    .select(['index_number', 'updated_at'])
    .where('status', 'in', ['published', 'withdrawn'])
    .orderBy('first_published_at')
    .execute();
  return rows.flatMap((r) => (r.index_number ? [{ index_number: r.index_number, updated_at: r.updated_at }] : []));
}

/**
 * A published attachment for download, found by its hash and file name. Blobs attached only to
 * drafts are not public.
 */
export async function publicAttachment(deps: Deps, sha256: string, filename: string): Promise<{ sha256: string; filename: string; mime: string; size: number } | null> {
  const row = await deps.db
    .selectFrom('revision_attachments as ra')
    .innerJoin('document_revisions as r', 'r.id', 'ra.revision_id')
    .innerJoin('blobs as b', 'b.sha256', 'ra.blob_sha256')
    .select(['b.sha256', 'ra.filename', 'b.mime', 'b.size'])
    .where('ra.blob_sha256', '=', sha256)
    .where('ra.filename', '=', filename)
    .where('r.state', '=', 'published')
    .executeTakeFirst();
  return row ? { ...row, size: Number(row.size) } : null;
}

/** The themes, for filters and forms. */
export async function listThemes(deps: Deps): Promise<{ code: string; parent_code: string | null; name_zh: string; name_en: string }[]> {
  return deps.db.selectFrom('themes').select(['code', 'parent_code', 'name_zh', 'name_en']).where('active', '=', 1).orderBy('sort_order').execute();
}

/** One theme by its code (active or retired: a document keeps the theme it was published under). */
export async function themeByCode(deps: Deps, code: string): Promise<{ code: string; name_zh: string; name_en: string } | undefined> {
  return deps.db.selectFrom('themes').select(['code', 'name_zh', 'name_en']).where('code', '=', code).executeTakeFirst();
}

/** The exact content object whose canonical JSON the version's `content_sha256` hashes. */
export async function versionContentOf(deps: Deps, view: DocumentView): Promise<VersionContent> {
  const index = view.doc.index_number ?? '';
  const publishedDate = localDate(view.version.published_at ?? view.doc.created_at, view.agency.time_zone);
  return versionContent(deps.db, view.version, view.agency, index, view.version.version_no ?? 0, publishedDate);
}

/** The id of a public (published or withdrawn) document by its index number. */
export async function publicDocumentId(deps: Deps, indexNumber: string): Promise<string> {
  const doc = await documentRepo.documentByIndex(deps.db, indexNumber);
  if (!doc || doc.status === 'draft') throw new AppError('document_not_found');
  return doc.id;
}

/** The id of the public event that published version `versionNo` of a document (its log entry's event). */
export async function versionEventId(deps: Deps, documentId: string, versionNo: number): Promise<string> {
  const ev = await deps.db
    .selectFrom('document_events')
    .select('id')
    .where('document_id', '=', documentId)
    .where('version_no', '=', versionNo)
    .where('kind', 'in', ['published', 'new_version'])
    .executeTakeFirst();
  if (!ev) throw new AppError('version_not_found');
  return ev.id;
}

/** Where a version's publication sits in the transparency log: its leaf index, or null while queued. */
export async function versionLogIndex(deps: Deps, documentId: string, versionNo: number): Promise<number | null> {
  const row = await deps.db
    .selectFrom('document_events as e')
    .innerJoin('tlog_entries as t', 't.event_id', 'e.id')
    .select('t.leaf_index')
    .where('e.document_id', '=', documentId)
    .where('e.version_no', '=', versionNo)
    .where('e.kind', 'in', ['published', 'new_version'])
    .executeTakeFirst();
  return row?.leaf_index === null || row?.leaf_index === undefined ? null : Number(row.leaf_index);
}
