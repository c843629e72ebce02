/**
 * The search read model (issue 6): matching published and withdrawn documents with filters,
 * facets by agency, genre and year, ranking, highlighted snippets and pages. Drafts are never
 * indexed, so they cannot appear; withdrawn documents are found and marked.
 */
import type { Deps } from '../commands/deps.js';
import { bodyText } from '../domain/documents/sanitize.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/local-date.js';
import { dayNumber } from '../search/maintain.js';
import { parseQuery, type ParsedQuery, type QueryNotice } from '../search/query-parser.js';
import { highlightAll, snippet } from '../search/snippet.js';
import type { FacetDim, SearchFilterSql, SearchRequestSql } from '../store/dialect/search-sql.js';

/** What a user asks for; values are already checked for shape by the caller. */
export interface SearchInput {
  q: string;
  /** Agency code; with `subtree`, its whole subtree. */
  agency?: string;
  subtree?: boolean;
  genre?: string;
  /** Theme code, child themes included. */
  theme?: string;
  /** Year of first publication. */
  year?: number;
  /** First publication date range, `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  validity?: string;
  normative?: boolean;
  /** Only documents still published (withdrawn ones are included, marked, by default). */
  excludeWithdrawn?: boolean;
  sort?: 'relevance' | 'date';
  page: number;
  pageSize: number;
  /** Matches are counted up to this many (default `TOTAL_COUNT_LIMIT`). */
  countLimit?: number;
}

/** One result line. `title_html` and `snippet_html` are escaped HTML whose only tags are `<mark>`. */
export interface SearchHit {
  id: string;
  index_number: string;
  title: string;
  title_html: string;
  snippet_html: string;
  doc_number: string;
  genre: string;
  theme_code: string;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
  published_date: string;
  validity: string;
  status: 'published' | 'withdrawn';
  is_normative: boolean;
  score: number;
}

/** A facet value with its count. */
export interface FacetCount {
  key: string;
  n: number;
}

/** A page of results. */
export interface SearchResult {
  /** The query as run (folded, canonical) and what was done to it. */
  normalized: string;
  notices: QueryNotice[];
  /** Matching documents, counted up to `TOTAL_COUNT_LIMIT`. */
  total: number;
  /** False when more than `total` documents match (the count stopped at its limit). */
  totalExact: boolean;
  page: number;
  pageSize: number;
  items: SearchHit[];
  facets: { agencies: (FacetCount & { code: string; name_zh: string; name_en: string })[]; genres: FacetCount[]; years: FacetCount[] };
  /**
   * Set when the matches outnumber what the store ranks and counts facets over (SQLite: the
   * 1,000 most recently published): the order and the facet counts then concern those only.
   */
  sampled: number | null;
}

/** Results are never paged past this many documents (deep pages are refined by filters instead). */
export const MAX_RESULTS_WINDOW = 1000;

/**
 * Matches are counted up to this many; beyond it the total reads "more than 10,000", as
 * Elasticsearch's `track_total_hits` does. An exact count of a common word in a million
 * documents walks its whole posting list (tens of milliseconds) for a figure nobody pages to.
 */
export const TOTAL_COUNT_LIMIT = 10_000;

async function resolveFilter(deps: Deps, input: SearchInput): Promise<SearchFilterSql> {
  const f: SearchFilterSql = {};
  if (input.agency) {
    const ag = await deps.db.selectFrom('agencies').select(['id', 'path']).where('code', '=', input.agency).executeTakeFirst();
    if (!ag) throw new AppError('agency_not_found');
    if (input.subtree) f.agencyPath = ag.path;
    else f.agencyId = ag.id;
  }
  if (input.excludeWithdrawn) f.status = 'published';
  if (input.genre) f.genre = input.genre;
  if (input.theme) f.theme = input.theme;
  if (input.year) f.year = input.year;
  if (input.from) f.from = input.from;
  if (input.to) f.to = input.to;
  if (input.validity) f.validity = input.validity;
  if (input.normative) f.normative = true;
  return f;
}

/** Runs a search. Never fails on the query text; unknown agencies are `agency_not_found`. */
export async function searchDocuments(deps: Deps, input: SearchInput, parsed: ParsedQuery = parseQuery(input.q)): Promise<SearchResult> {
  const filter = await resolveFilter(deps, input);
  const today = dayNumber(localDate(deps.clock.now().toISOString(), deps.defaultTimeZone));
  const req: SearchRequestSql = { query: parsed, filter, sort: input.sort ?? 'relevance', today };
  const empty: SearchResult = { normalized: parsed.normalized, notices: parsed.notices, total: 0, totalExact: true, page: input.page, pageSize: input.pageSize, items: [], facets: { agencies: [], genres: [], years: [] }, sampled: null };
  if (!parsed.must.length) return empty;
  const s = deps.ops.search;
  const offset = (input.page - 1) * input.pageSize;
  const inWindow = offset < MAX_RESULTS_WINDOW;
  const limit = input.countLimit ?? TOTAL_COUNT_LIMIT;
  // Each facet counts as if its own filter were not set, so other values stay reachable; when
  // none of the three is set, one pass over the matches gives all three.
  // A facet whose own filter is not set counts under the search's own request (the store may
  // then share one read of the matches between them and the page).
  const facetsOf = async (): Promise<Record<FacetDim, FacetCount[]>> => {
    if (!filter.agencyId && !filter.agencyPath && !filter.genre && !filter.year) return s.facets(deps.db, req, ['agency_id', 'genre', 'year']);
    const without = (set: boolean, over: Partial<SearchFilterSql>): SearchRequestSql => (set ? { ...req, filter: { ...filter, ...over } } : req);
    const [agency_id, genre, year] = await Promise.all([
      s.facet(deps.db, without(Boolean(filter.agencyId || filter.agencyPath), { agencyId: undefined, agencyPath: undefined }), 'agency_id'),
      s.facet(deps.db, without(Boolean(filter.genre), { genre: undefined }), 'genre'),
      s.facet(deps.db, without(Boolean(filter.year), { year: undefined }), 'year'),
    ]);
    return { agency_id, genre, year };
  };
  const [counted, rows, f] = await Promise.all([
    s.count(deps.db, req, limit + 1),
    inWindow ? s.page(deps.db, req, Math.min(input.pageSize, MAX_RESULTS_WINDOW - offset), offset) : Promise.resolve([]),
    facetsOf(),
  ]);
  const { agency_id: agencyF, genre: genreF, year: yearF } = f;
  const agencyIds = agencyF.map((a) => a.key);
  const agencies = agencyIds.length ? await deps.db.selectFrom('agencies').select(['id', 'code', 'name_zh', 'name_en']).where('id', 'in', agencyIds).execute() : [];
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return {
    ...empty,
    total: Math.min(counted, limit),
    totalExact: counted <= limit,
    sampled: s.candidateCap !== null && counted > s.candidateCap ? s.candidateCap : null,
    items: await hits(deps, rows, parsed.highlight),
    facets: {
      agencies: agencyF.flatMap((a) => {
        const ag = byId.get(a.key);
        return ag ? [{ key: ag.code, code: ag.code, name_zh: ag.name_zh, name_en: ag.name_en, n: a.n }] : [];
      }),
      genres: genreF,
      years: yearF.sort((a, b) => b.key.localeCompare(a.key)),
    },
  };
}

async function hits(deps: Deps, rows: { document_id: string; score: number }[], marks: readonly string[]): Promise<SearchHit[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.document_id);
  const docs = await deps.db
    .selectFrom('documents as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .innerJoin('document_revisions as r', 'r.id', 'd.current_revision_id')
    .innerJoin('search_docs as s', 's.document_id', 'd.id')
    .select(['d.id', 'd.index_number', 'd.title', 'd.doc_number', 'd.genre', 'd.theme_code', 'd.validity', 'd.status', 'd.is_normative', 's.pub_date'])
    .select(['a.code as agency_code', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en', 'r.id as revision_id', 'r.summary', 'r.body_html'])
    .where('d.id', 'in', ids)
    .execute();
  // Attachment text as indexed: only what the background extraction has finished.
  const attachments = await deps.db
    .selectFrom('revision_attachments as ra')
    .innerJoin('blobs as b', 'b.sha256', 'ra.blob_sha256')
    .innerJoin('search_extractions as x', 'x.blob_sha256', 'ra.blob_sha256')
    .select(['ra.revision_id', 'ra.filename'])
    .select((eb) => eb.fn.coalesce('x.text', 'b.text').as('text'))
    .where('ra.revision_id', 'in', docs.map((d) => d.revision_id))
    .where('x.status', '=', 'done')
    .orderBy('ra.sort_order')
    .execute();
  const byDoc = new Map(docs.map((d) => [d.id, d]));
  return rows.flatMap((r) => {
    const d = byDoc.get(r.document_id);
    if (!d || !d.index_number || (d.status !== 'published' && d.status !== 'withdrawn')) return [];
    // The snippet comes from the summary, then the body, then the attachments: the first that
    // holds a hit, or the summary (else the body) when only the title matched.
    const sources = [d.summary, bodyText(d.body_html), ...attachments.filter((a) => a.revision_id === d.revision_id).map((a) => `${a.filename}: ${a.text ?? ''}`)];
    let best = snippet(sources[0] || sources[1] || '', marks);
    for (const src of sources) {
      if (best.hits) break;
      const s = snippet(src, marks);
      if (s.hits) best = s;
    }
    return [
      {
        id: d.id,
        index_number: d.index_number,
        title: d.title,
        title_html: highlightAll(d.title, marks),
        snippet_html: best.html,
        doc_number: d.doc_number,
        genre: d.genre,
        theme_code: d.theme_code,
        agency_code: d.agency_code,
        agency_name_zh: d.agency_name_zh,
        agency_name_en: d.agency_name_en,
        published_date: d.pub_date,
        validity: d.validity,
        status: d.status,
        is_normative: d.is_normative === 1,
        score: Math.round(r.score * 1e6) / 1e6,
      },
    ];
  });
}
