/**
 * The SQLite search store: a contentless FTS5 table (rows deleted in place, no positions) whose
 * rowid is `search_docs.id`, and `search_heads`, the folded short fields with the document's
 * length, which ranking reads instead of FTS5's `bm25()` (see `search/rank.ts` for why).
 *
 * FTS5 reads a posting list in rowid order, rowids follow first indexing (first publication),
 * and a LIMIT stops the scan: so ranking and facets look at the most recently published
 * `SQLITE_CANDIDATE_CAP` matches, and counting stops at the caller's limit. Neither ever walks
 * a common word's whole posting list.
 */
import { sql, type RawBuilder } from 'kysely';
import { toFts5 } from '../../search/compile.js';
import { DF_WINDOW, estimateDf, idf, positiveTokens, rankCandidates, type RankCandidate } from '../../search/rank.js';
import type { Exec } from '../schema.js';
import { filters, splitFacets, type SearchDocFacts, type SearchFilterSql, type SearchRequestSql, type SearchSql } from './search-sql.js';

/** Most matches ranked and counted by facet: the most recently published ones. */
export const SQLITE_CANDIDATE_CAP = 1_000;

/**
 * Filter values are indexed as tokens too, so a filter is one more posting list for FTS5 to
 * intersect (as Lucene treats filters) instead of a row to fetch and test for each match: a
 * common word filtered to one agency or year no longer walks a million rows. The private-use
 * prefix keeps them apart from text: no query token can spell one (`cleanToken`).
 */
const FILTER_MARK = '\uE000';
export function filterToken(kind: 's' | 'a' | 'g' | 'y' | 'p' | 'm' | 'v' | 'n', value: string | number): string {
  return `${FILTER_MARK}${kind}${String(value).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')}`;
}

function factTokens(f: SearchDocFacts): string[] {
  const t = [filterToken('s', f.status), filterToken('a', f.agency_id), filterToken('g', f.genre), filterToken('v', f.validity), filterToken('n', f.is_normative), filterToken('p', f.pub_date.slice(0, 4)), filterToken('m', f.pub_date.slice(0, 7))];
  if (f.year !== null) t.push(filterToken('y', f.year));
  return t;
}

/** Set once every entry carries its filter tokens: at creation of an empty index, or by a completed reindex. */
const FILTER_TOKENS_KEY = 'search.filter_tokens';
/** Longest date ranges narrowed by their months' or years' tokens; a subtree of more agencies is tested row by row. */
const MAX_RANGE_MONTHS = 120;
const MAX_RANGE_YEARS = 50;
const MAX_SUBTREE = 200;

/** How a request runs: its MATCH expression, and the filters left to test on each row. */
interface Plan {
  m: string;
  rest: SearchFilterSql;
  phrases: readonly string[];
}

async function plan(db: Exec, req: SearchRequestSql): Promise<Plan | null> {
  const q = toFts5(req.query);
  if (q === null) return null;
  const f = req.filter;
  const phrases = req.query.phrases;
  const tokens = await db.selectFrom('instance_meta').select('value').where('key', '=', FILTER_TOKENS_KEY).executeTakeFirst();
  if (!tokens) return { m: q, rest: f, phrases };
  const and: string[] = [];
  const rest: SearchFilterSql = { theme: f.theme, from: f.from, to: f.to };
  const one = (kind: Parameters<typeof filterToken>[0], v: string | number | undefined) => {
    if (v !== undefined) and.push(quoted(filterToken(kind, v)));
  };
  const any = (kind: Parameters<typeof filterToken>[0], vs: readonly (string | number)[]) => and.push(`(${vs.map((v) => quoted(filterToken(kind, v))).join(' OR ')})`);
  one('s', f.status);
  one('a', f.agencyId);
  one('g', f.genre);
  one('y', f.year);
  one('v', f.validity);
  if (f.normative) one('n', 1);
  if (f.agencyPath) {
    const ids = (await db.selectFrom('agencies').select('id').where('path', 'like', `${f.agencyPath}%`).execute()).map((r) => r.id);
    if (ids.length && ids.length <= MAX_SUBTREE) any('a', ids);
    else rest.agencyPath = f.agencyPath;
  }
  // A date range narrows by its months (or years); the exact days are then tested on the rows.
  if (f.from && f.to) {
    const y0 = Number(f.from.slice(0, 4));
    const y1 = Number(f.to.slice(0, 4));
    const m0 = y0 * 12 + Number(f.from.slice(5, 7)) - 1;
    const m1 = y1 * 12 + Number(f.to.slice(5, 7)) - 1;
    const month = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
    if (m1 >= m0 && m1 - m0 < MAX_RANGE_MONTHS) any('m', Array.from({ length: m1 - m0 + 1 }, (_, i) => month(m0 + i)));
    else if (y1 >= y0 && y1 - y0 < MAX_RANGE_YEARS) any('p', Array.from({ length: y1 - y0 + 1 }, (_, i) => y0 + i));
  }
  return { m: and.length ? `(${q}) AND ${and.join(' AND ')}` : q, rest, phrases };
}

function where(p: Plan): RawBuilder<unknown> {
  return filters(p.rest, p.phrases, (x) => sql`instr(s.folded, ${x}) > 0`);
}

function needsRows(p: Plan): boolean {
  return p.phrases.length > 0 || Object.values(p.rest).some((v) => v !== undefined && v !== false);
}

/** A candidate: what ranking and facets need of one of the most recent matches. */
type CandidateRow = RankCandidate & { agency_id: string; genre: string; year: number | null };

/**
 * What one search works out once and shares between its count, page and facets, which it asks
 * for at once with the same request object: the plan, and the most recently indexed matches
 * (capped) joined to their facts and stored heads. A request object stands for one search at one
 * moment (the read model makes a new one each time), so the memo lives exactly as long as it.
 */
interface Shared {
  db: Exec;
  plan: Promise<Plan | null>;
  rows?: Promise<CandidateRow[]>;
}
const shared = new WeakMap<SearchRequestSql, Shared>();

function sharedOf(db: Exec, req: SearchRequestSql): Shared {
  const hit = shared.get(req);
  if (hit && hit.db === db) return hit;
  const fresh: Shared = { db, plan: plan(db, req) };
  shared.set(req, fresh);
  return fresh;
}

function planOf(db: Exec, req: SearchRequestSql): Promise<Plan | null> {
  return sharedOf(db, req).plan;
}

function candidates(db: Exec, req: SearchRequestSql, p: Plan): Promise<CandidateRow[]> {
  const memo = sharedOf(db, req);
  memo.rows ??= sql<CandidateRow>`SELECT s.document_id, s.pub_day, s.pub_date, s.agency_id, s.genre, s.year, h.head, h.b_at, h.c_at, h.n_tokens
    FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid LEFT JOIN search_heads h ON h.id = s.id
    WHERE search_fts MATCH ${p.m} ${where(p)} ORDER BY search_fts.rowid DESC LIMIT ${SQLITE_CANDIDATE_CAP}`
    .execute(db)
    .then((r) => r.rows);
  return memo.rows;
}

/** A token quoted for MATCH (tokens hold letters and digits only, see `cleanToken`). */
const quoted = (t: string): string => `"${t}"`;

export const sqliteSearch: SearchSql = {
  async createStructures(db) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(a, b, c, d, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  },
  async createRankingStructures(db) {
    await sql`CREATE TABLE search_heads (id INTEGER PRIMARY KEY, head TEXT NOT NULL, b_at INTEGER NOT NULL, c_at INTEGER NOT NULL, body_at INTEGER NOT NULL, n_tokens INTEGER NOT NULL)`.execute(db);
    // An index with entries made before filter tokens existed keeps testing filters row by row until reindexed.
    await sql`INSERT INTO instance_meta (key, value, updated_at) SELECT ${FILTER_TOKENS_KEY}, '1', ${new Date().toISOString()} WHERE NOT EXISTS (SELECT 1 FROM search_docs)`.execute(db);
  },
  async indexComplete(db) {
    const at = new Date().toISOString();
    await db
      .insertInto('instance_meta')
      .values({ key: FILTER_TOKENS_KEY, value: '1', updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: '1', updated_at: at }))
      .execute();
  },
  async put(db, facts, entry) {
    const old = await db.selectFrom('search_docs').select('id').where('document_id', '=', facts.document_id).executeTakeFirst();
    let id: number;
    if (old) {
      id = old.id;
      await db.updateTable('search_docs').set(facts).where('id', '=', id).execute();
      await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(db);
    } else {
      const r = await db.insertInto('search_docs').values(facts).returning('id').executeTakeFirstOrThrow();
      id = r.id;
    }
    const d = [...entry.d, ...factTokens(facts)].join(' ');
    await sql`INSERT INTO search_fts (rowid, a, b, c, d) VALUES (${id}, ${entry.a.join(' ')}, ${entry.b.join(' ')}, ${entry.c.join(' ')}, ${d})`.execute(db);
    const n = entry.a.length + entry.b.length + entry.c.length + entry.d.length;
    await sql`INSERT OR REPLACE INTO search_heads (id, head, b_at, c_at, body_at, n_tokens) VALUES (${id}, ${entry.head}, ${entry.headB}, ${entry.headC}, ${entry.bodyAt}, ${n})`.execute(db);
  },
  async remove(db, documentId) {
    const old = await db.selectFrom('search_docs').select('id').where('document_id', '=', documentId).executeTakeFirst();
    if (!old) return;
    await sql`DELETE FROM search_fts WHERE rowid = ${old.id}`.execute(db);
    await sql`DELETE FROM search_heads WHERE id = ${old.id}`.execute(db);
    await db.deleteFrom('search_docs').where('id', '=', old.id).execute();
  },
  async page(db, req, limit, offset) {
    const p = await planOf(db, req);
    if (p === null) return [];
    const cand = await candidates(db, req, p);
    if (!cand.length) return [];
    if (req.sort === 'date') {
      const rows = [...cand].sort((x, y) => (x.pub_date < y.pub_date ? 1 : x.pub_date > y.pub_date ? -1 : x.document_id < y.document_id ? 1 : -1));
      return rows.slice(offset, offset + limit).map((r) => ({ document_id: r.document_id, score: 0 }));
    }
    const tokens = positiveTokens(req.query.must);
    const maxId = Number((await sql<{ n: number | null }>`SELECT max(id) AS n FROM search_docs`.execute(db)).rows[0]?.n ?? 0);
    const idfs: number[] = [];
    for (const t of tokens) {
      const r = await sql<{ n: number; oldest: number | null }>`SELECT count(*) AS n, min(rowid) AS oldest FROM
        (SELECT rowid FROM search_fts WHERE search_fts MATCH ${quoted(t)} ORDER BY rowid DESC LIMIT ${DF_WINDOW})`.execute(db);
      const row = r.rows[0];
      idfs.push(idf(maxId, estimateDf(Number(row?.n ?? 0), Number(row?.oldest ?? 0), maxId)));
    }
    const ranked = await rankCandidates(cand, tokens, idfs, req.today, async (ids) => {
      const r = await sql<{ document_id: string; folded: string; body_at: number | null }>`SELECT s.document_id, s.folded, h.body_at
        FROM search_docs s LEFT JOIN search_heads h ON h.id = s.id WHERE s.document_id IN (${sql.join(ids)})`.execute(db);
      return new Map(r.rows.map((x) => [x.document_id, x.folded.slice(x.body_at ?? 0)]));
    });
    return ranked.slice(offset, offset + limit).map((r) => ({ document_id: r.document_id, score: r.score }));
  },
  async count(db, req, limit) {
    const p = await planOf(db, req);
    if (p === null) return 0;
    // Unless a filter must be tested on the row, the posting lists alone answer (every FTS row has its search_docs row).
    const matches = needsRows(p)
      ? sql`SELECT 1 FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid WHERE search_fts MATCH ${p.m} ${where(p)} LIMIT ${limit}`
      : sql`SELECT 1 FROM search_fts WHERE search_fts MATCH ${p.m} LIMIT ${limit}`;
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (${matches})`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async facet(db, req, dim) {
    return (await this.facets(db, req, [dim]))[dim];
  },
  async facets(db, req, dims) {
    const p = await planOf(db, req);
    if (p === null) return splitFacets([], dims);
    return splitFacets((await candidates(db, req, p)).map((c) => ({ agency_id: c.agency_id, genre: c.genre, year: c.year, n: 1 })), dims);
  },
  candidateCap: SQLITE_CANDIDATE_CAP,
};
