/**
 * The search index in each dialect. SQLite (search-sqlite.ts): an FTS5 table whose rowid is
 * `search_docs.id`, with four columns of space-joined tokens, ranked by BM25 weighted 8/4/2/1
 * (title and number / agencies and keywords / summary / body and attachments) as
 * `search/rank.ts` computes it. PostgreSQL: a `tsvector` column on `search_docs` with a GIN
 * index, built from the same tokens as a literal with weights A–D and positions (so no text-search parser or configuration touches
 * our tokens; it is what the 'simple' configuration would give for them) and ranked by
 * `ts_rank_cd` with weights {0.1, 0.2, 0.4, 1.0} and length normalisation 1.
 *
 * The two rankings differ: BM25 weighs rare terms up (IDF) and saturates term frequency;
 * ts_rank_cd has no IDF and scores the density of covers. Both multiply by the same light recency
 * boost, 1 + 0.25 / (1 + age in years). The shared contract suite fixes the results both must give.
 *
 * Consistency: `put` and `remove` run in the caller's transaction, so the index changes exactly
 * when the publication that causes it commits.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { toTsquery } from '../../search/compile.js';
import type { IndexEntry } from '../../search/index-entry.js';
import type { ParsedQuery } from '../../search/query-parser.js';
import type { Exec, SearchDocTable } from '../schema.js';

/** Facts of an indexed document (a `search_docs` row without its id). */
export type SearchDocFacts = Omit<SearchDocTable, 'id'>;

/** Filters, already resolved to ids and paths by the read model. */
export interface SearchFilterSql {
  status?: 'published' | 'withdrawn';
  agencyId?: string;
  /** Materialised path of an agency: its whole subtree. */
  agencyPath?: string;
  genre?: string;
  /** Theme code, child themes included. */
  theme?: string;
  year?: number;
  /** First publication date bounds, `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  validity?: string;
  normative?: boolean;
}

/** One search as the store runs it. */
export interface SearchRequestSql {
  query: Pick<ParsedQuery, 'must' | 'not' | 'phrases'>;
  filter: SearchFilterSql;
  sort: 'relevance' | 'date';
  /** Today as a day number (days since 1970-01-01), for the recency boost. */
  today: number;
}

/** A facet dimension. */
export type FacetDim = 'agency_id' | 'genre' | 'year';

/** The search operations of one dialect. */
export interface SearchSql {
  /** Creates the token index (migration 009). */
  createStructures(db: Kysely<unknown>): Promise<void>;
  /** Creates what the store's ranking needs besides the index (migration 020). */
  createRankingStructures(db: Kysely<unknown>): Promise<void>;
  /** Called when a rebuild has re-indexed every document (`gongkai reindex`). */
  indexComplete(db: Exec): Promise<void>;
  /** Inserts or replaces the entry of a document. */
  put(db: Exec, facts: SearchDocFacts, entry: IndexEntry): Promise<void>;
  /** Removes a document from the index (no-op when absent). */
  remove(db: Exec, documentId: string): Promise<void>;
  /** A page of matching document ids, best first (or newest first), with their scores. */
  page(db: Exec, req: SearchRequestSql, limit: number, offset: number): Promise<{ document_id: string; score: number }[]>;
  /** The number of matching documents, counting no further than `limit`. */
  count(db: Exec, req: SearchRequestSql, limit: number): Promise<number>;
  /** Counts of matching documents by one dimension. */
  facet(db: Exec, req: SearchRequestSql, dim: FacetDim): Promise<{ key: string; n: number }[]>;
  /** Counts by several dimensions in one pass over the matches (same filter for all). */
  facets(db: Exec, req: SearchRequestSql, dims: readonly FacetDim[]): Promise<Record<FacetDim, { key: string; n: number }[]>>;
  /**
   * Most matches that ranking and facets look at (the most recently indexed ones), or null when
   * they always look at all of them.
   */
  readonly candidateCap: number | null;
}

const RECENCY = (today: number): RawBuilder<number> => sql<number>`(1.0 + 0.25 / (1.0 + (CASE WHEN ${today} > s.pub_day THEN ${today} - s.pub_day ELSE 0 END) / 365.0))`;

export function filters(f: SearchFilterSql, phrases: readonly string[], contains: (p: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  const c: RawBuilder<unknown>[] = [];
  if (f.status) c.push(sql`s.status = ${f.status}`);
  if (f.agencyId) c.push(sql`s.agency_id = ${f.agencyId}`);
  if (f.agencyPath) c.push(sql`s.agency_id IN (SELECT id FROM agencies WHERE path LIKE ${`${f.agencyPath}%`})`);
  if (f.genre) c.push(sql`s.genre = ${f.genre}`);
  if (f.theme) c.push(sql`(s.theme_code = ${f.theme} OR s.theme_code LIKE ${`${f.theme}.%`})`);
  if (f.year) c.push(sql`s.year = ${f.year}`);
  if (f.from) c.push(sql`s.pub_date >= ${f.from}`);
  if (f.to) c.push(sql`s.pub_date <= ${f.to}`);
  if (f.validity) c.push(sql`s.validity = ${f.validity}`);
  if (f.normative) c.push(sql`s.is_normative = 1`);
  for (const p of phrases) c.push(contains(p));
  return c.length ? sql`AND ${sql.join(c, sql` AND `)}` : sql``;
}

const FACET_COL: Record<FacetDim, RawBuilder<unknown>> = { agency_id: sql`s.agency_id`, genre: sql`s.genre`, year: sql`s.year` };

/** Facet rows: keys as text (a null year has none), largest first, then by key. */
function facetRows(rows: { key: string | number | null; n: number | string }[]): { key: string; n: number }[] {
  return rows.filter((r) => r.key !== null).map((r) => ({ key: String(r.key), n: Number(r.n) }));
}

export const FACET_LIMIT = 50;

/** Rows of (agency_id, genre, year, n) summed into one facet list per dimension. */
export function splitFacets(rows: { agency_id: string; genre: string; year: number | null; n: number | string }[], dims: readonly FacetDim[]): Record<FacetDim, { key: string; n: number }[]> {
  const out: Record<FacetDim, { key: string; n: number }[]> = { agency_id: [], genre: [], year: [] };
  for (const dim of dims) {
    const sums = new Map<string | number, number>();
    for (const r of rows) {
      const k = r[dim];
      if (k !== null) sums.set(k, (sums.get(k) ?? 0) + Number(r.n));
    }
    out[dim] = [...sums]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, FACET_LIMIT)
      .map(([key, n]) => ({ key: String(key), n }));
  }
  return out;
}

/** PostgreSQL caps positions at 16383 and keeps at most 256 per lexeme. */
const PG_MAX_POS = 16383;
const PG_MAX_POSITIONS = 256;

/** The tsvector literal of an entry: `'token':1A,7A 'other':2B …`. Tokens hold only letters and digits. */
export function tsvectorLiteral(entry: IndexEntry): string {
  const lex = new Map<string, string[]>();
  let pos = 0;
  const add = (tokens: readonly string[], w: string) => {
    for (const t of tokens) {
      pos = Math.min(pos + 1, PG_MAX_POS);
      const list = lex.get(t);
      if (!list) lex.set(t, [`${pos}${w}`]);
      else if (list.length < PG_MAX_POSITIONS && pos < PG_MAX_POS) list.push(`${pos}${w}`);
    }
  };
  add(entry.a, 'A');
  add(entry.b, 'B');
  add(entry.c, 'C');
  add(entry.d, '');
  let out = '';
  for (const [t, ps] of lex) out += `'${t}':${ps.join(',')} `;
  return out.trimEnd();
}

function pgWhere(req: SearchRequestSql, q: string): RawBuilder<unknown> {
  return sql`s.tsv @@ ${q}::tsquery ${filters(req.filter, req.query.phrases, (p) => sql`strpos(s.folded, ${p}) > 0`)}`;
}

/** PostgreSQL tsvector with GIN. */
export const postgresSearch: SearchSql = {
  async createRankingStructures() {
    // ts_rank_cd reads the tsvector alone.
  },
  async indexComplete() {
    // Filters are columns the planner combines with the GIN index: nothing to record.
  },
  async createStructures(db) {
    await sql`ALTER TABLE search_docs ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv)`.execute(db);
  },
  async put(db, facts, entry) {
    const tsv = tsvectorLiteral(entry);
    await sql`INSERT INTO search_docs (document_id, agency_id, genre, theme_code, year, pub_date, pub_day, validity, is_normative, status, version_no, folded, indexed_at, tsv)
      VALUES (${facts.document_id}, ${facts.agency_id}, ${facts.genre}, ${facts.theme_code}, ${facts.year}, ${facts.pub_date}, ${facts.pub_day}, ${facts.validity},
        ${facts.is_normative}, ${facts.status}, ${facts.version_no}, ${facts.folded}, ${facts.indexed_at}, ${tsv}::tsvector)
      ON CONFLICT (document_id) DO UPDATE SET agency_id = EXCLUDED.agency_id, genre = EXCLUDED.genre, theme_code = EXCLUDED.theme_code,
        year = EXCLUDED.year, pub_date = EXCLUDED.pub_date, pub_day = EXCLUDED.pub_day, validity = EXCLUDED.validity,
        is_normative = EXCLUDED.is_normative, status = EXCLUDED.status, version_no = EXCLUDED.version_no, folded = EXCLUDED.folded,
        indexed_at = EXCLUDED.indexed_at, tsv = EXCLUDED.tsv`.execute(db);
  },
  async remove(db, documentId) {
    await db.deleteFrom('search_docs').where('document_id', '=', documentId).execute();
  },
  async page(db, req, limit, offset) {
    const q = toTsquery(req.query);
    if (q === null) return [];
    const order = req.sort === 'date' ? sql`s.pub_date DESC, s.document_id DESC` : sql`score DESC, s.document_id`;
    const r = await sql<{ document_id: string; score: number }>`SELECT s.document_id,
        ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', s.tsv, ${q}::tsquery, 1) * ${RECENCY(req.today)} AS score
      FROM search_docs s WHERE ${pgWhere(req, q)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows.map((x) => ({ document_id: x.document_id, score: Number(x.score) }));
  },
  async count(db, req, limit) {
    const q = toTsquery(req.query);
    if (q === null) return 0;
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_docs s WHERE ${pgWhere(req, q)} LIMIT ${limit}) m`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async facet(db, req, dim) {
    const q = toTsquery(req.query);
    if (q === null) return [];
    const col = FACET_COL[dim];
    const r = await sql<{ key: string | number | null; n: number }>`SELECT ${col} AS key, count(*) AS n FROM search_docs s
      WHERE ${pgWhere(req, q)} GROUP BY ${col} ORDER BY n DESC, key LIMIT ${FACET_LIMIT}`.execute(db);
    return facetRows(r.rows);
  },
  async facets(db, req, dims) {
    const q = toTsquery(req.query);
    if (q === null) return splitFacets([], dims);
    const r = await sql<{ agency_id: string; genre: string; year: number | null; n: number }>`SELECT s.agency_id, s.genre, s.year, count(*) AS n
      FROM search_docs s WHERE ${pgWhere(req, q)} GROUP BY s.agency_id, s.genre, s.year`.execute(db);
    return splitFacets(r.rows, dims);
  },
  candidateCap: null,
};
