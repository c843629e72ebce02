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
import { filters, splitFacets, type SearchRequestSql, type SearchSql } from './search-sql.js';

/** Most matches ranked and counted by facet: the most recently published ones. */
export const SQLITE_CANDIDATE_CAP = 1_000;

function where(req: SearchRequestSql): RawBuilder<unknown> {
  return filters(req.filter, req.query.phrases, (p) => sql`instr(s.folded, ${p}) > 0`);
}

/** A candidate: what ranking and facets need of one of the most recent matches. */
type CandidateRow = RankCandidate & { agency_id: string; genre: string; year: number | null };

/**
 * The most recently indexed matches (capped), joined to their facts and stored heads. One search
 * asks for its page and its facets at once with the same request object: they share one read,
 * kept only until it completes (a later call reads afresh).
 */
const shared = new WeakMap<SearchRequestSql, { db: Exec; rows: Promise<CandidateRow[]> }>();
function candidates(db: Exec, req: SearchRequestSql, m: string): Promise<CandidateRow[]> {
  const hit = shared.get(req);
  if (hit && hit.db === db) return hit.rows;
  const rows = sql<CandidateRow>`SELECT s.document_id, s.pub_day, s.pub_date, s.agency_id, s.genre, s.year, h.head, h.b_at, h.c_at, h.n_tokens
    FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid LEFT JOIN search_heads h ON h.id = s.id
    WHERE search_fts MATCH ${m} ${where(req)} ORDER BY search_fts.rowid DESC LIMIT ${SQLITE_CANDIDATE_CAP}`
    .execute(db)
    .then((r) => r.rows);
  shared.set(req, { db, rows });
  const forget = () => shared.delete(req);
  rows.then(forget, forget);
  return rows;
}

function hasFilters(req: SearchRequestSql): boolean {
  return req.query.phrases.length > 0 || Object.values(req.filter).some((v) => v !== undefined && v !== false);
}

/** A token quoted for MATCH (tokens hold letters and digits only, see `cleanToken`). */
const quoted = (t: string): string => `"${t}"`;

export const sqliteSearch: SearchSql = {
  async createStructures(db) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(a, b, c, d, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  },
  async createRankingStructures(db) {
    await sql`CREATE TABLE search_heads (id INTEGER PRIMARY KEY, head TEXT NOT NULL, b_at INTEGER NOT NULL, c_at INTEGER NOT NULL, body_at INTEGER NOT NULL, n_tokens INTEGER NOT NULL)`.execute(db);
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
    await sql`INSERT INTO search_fts (rowid, a, b, c, d) VALUES (${id}, ${entry.a.join(' ')}, ${entry.b.join(' ')}, ${entry.c.join(' ')}, ${entry.d.join(' ')})`.execute(db);
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
    const m = toFts5(req.query);
    if (m === null) return [];
    const cand = await candidates(db, req, m);
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
    const m = toFts5(req.query);
    if (m === null) return 0;
    // Without filters the posting lists alone answer (every FTS row has its search_docs row).
    const matches = hasFilters(req)
      ? sql`SELECT 1 FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid WHERE search_fts MATCH ${m} ${where(req)} LIMIT ${limit}`
      : sql`SELECT 1 FROM search_fts WHERE search_fts MATCH ${m} LIMIT ${limit}`;
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (${matches})`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async facet(db, req, dim) {
    return (await this.facets(db, req, [dim]))[dim];
  },
  async facets(db, req, dims) {
    const m = toFts5(req.query);
    if (m === null) return splitFacets([], dims);
    return splitFacets((await candidates(db, req, m)).map((c) => ({ agency_id: c.agency_id, genre: c.genre, year: c.year, n: 1 })), dims);
  },
  candidateCap: SQLITE_CANDIDATE_CAP,
};
