/**
 * Relevance ranking computed by us rather than by FTS5's `bm25()` (SQLite store). FTS5 works out
 * each term's inverse document frequency by walking the term's whole posting list on every
 * query: tens of milliseconds for a common word in a million documents, however few documents
 * are ranked. Here the same Okapi BM25 formula (k1 = 1.2, b = 0.75, the column weights 8/4/2/1
 * FTS5 was given) takes its inputs from cheaper places:
 *
 * - document frequency: exact when a term has fewer than `DF_WINDOW` postings; otherwise
 *   estimated from the density of its newest `DF_WINDOW` postings (`estimateDf`), which FTS5
 *   reads from the end of the posting list without walking the rest;
 * - term frequencies in the title and number, the agencies and keywords, and the summary: counted
 *   in the entry's stored folded short fields (`search_heads`);
 * - term frequency in the body: first taken as one for every candidate (stage 1), then counted in
 *   the folded body of the best `RERANK` candidates (stage 2), which are re-ordered by the full
 *   score.
 *
 * Frequencies are occurrences of the token in the folded text, which is what the index tokens
 * were cut from: for Chinese the two agree; a Latin token also counts inside a longer word. The final order is the re-ordered best ones followed by the rest in stage-1 order, so
 *   every page of a query comes from one fixed order.
 *
 * Pure: the store supplies the rows.
 */
import type { Expr } from './query-parser.js';

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** Weights of the four token classes (title and number, agencies and keywords, summary, body). */
export const CLASS_WEIGHTS = [8, 4, 2, 1] as const;
/** Postings read per term to estimate its document frequency. */
export const DF_WINDOW = 1000;
/** Candidates whose body is read for its term frequencies (stage 2). */
export const RERANK = 100;

/** A candidate as the store hands it over: facts plus its stored token lists (null when not yet stored). */
export interface RankCandidate {
  document_id: string;
  pub_day: number;
  pub_date: string;
  /** Folded short fields (null when not yet stored): title and number up to `b_at`, agencies and keywords up to `c_at`, then the summary. */
  head: string | null;
  b_at: number | null;
  c_at: number | null;
  /** Tokens in all four classes (the document length of BM25). */
  n_tokens: number | null;
}

/** A ranked candidate. */
export interface Ranked {
  document_id: string;
  pub_date: string;
  score: number;
}

/** The positive tokens of a query, each once, in order of first appearance. */
export function positiveTokens(must: readonly Expr[]): string[] {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.op === 'tok') out.add(e.t);
    else e.xs.forEach(walk);
  };
  must.forEach(walk);
  return [...out];
}

/**
 * Document frequency of a term from its newest postings: `found` postings were read (at most
 * `window`), the oldest of them with id `oldestId`, out of ids up to `maxId`. Fewer than the window
 * means the list was read whole: exact. Otherwise the newest ids' density, scaled to all ids.
 */
export function estimateDf(found: number, oldestId: number, maxId: number, window = DF_WINDOW): number {
  if (found < window) return found;
  return Math.min(maxId, (found * maxId) / Math.max(1, maxId - oldestId + 1));
}

/** BM25's inverse document frequency, floored as FTS5 floors it. */
export function idf(n: number, df: number): number {
  const x = Math.log((n - df + 0.5) / (df + 0.5));
  return x > 0 ? x : 1e-6;
}

/** Weighted occurrences of `t` in a stored head: by the class each occurrence falls in. */
export function headFrequency(c: Pick<RankCandidate, 'head' | 'b_at' | 'c_at'>, t: string): number {
  const head = c.head;
  if (!head || !t) return 0;
  const [wa, wb, wc] = CLASS_WEIGHTS;
  const bAt = c.b_at ?? 0;
  const cAt = c.c_at ?? 0;
  let f = 0;
  for (let at = head.indexOf(t); at >= 0; at = head.indexOf(t, at + t.length)) f += at < bAt ? wa : at < cAt ? wb : wc;
  return f;
}

/** Occurrences of `s` in `text` (non-overlapping). */
export function countSubstring(text: string, s: string): number {
  if (!s) return 0;
  let n = 0;
  for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + s.length)) n++;
  return n;
}

/** The recency boost both stores apply: 1 + 0.25 / (1 + age in years). */
export function recency(today: number, pubDay: number): number {
  return 1 + 0.25 / (1 + Math.max(0, today - pubDay) / 365);
}

interface Scored {
  c: RankCandidate;
  /** Weighted head frequency of each term. */
  head: number[];
  score: number;
}

function bm25(idfs: readonly number[], freqs: readonly number[], len: number, avgLen: number): number {
  let s = 0;
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * len) / avgLen);
  for (let i = 0; i < idfs.length; i++) {
    const f = freqs[i] ?? 0;
    s += ((idfs[i] ?? 0) * (f * (BM25_K1 + 1))) / (f + norm);
  }
  return s;
}

/**
 * Orders candidates by relevance. `idfs` pairs with `tokens`; `bodies` returns, for the best
 * candidates, their folded body text to count body frequencies in (one missing keeps its stage-1
 * score).
 */
export async function rankCandidates(
  cands: readonly RankCandidate[],
  tokens: readonly string[],
  idfs: readonly number[],
  today: number,
  bodies: (ids: string[]) => Promise<Map<string, string>>,
): Promise<Ranked[]> {
  if (!cands.length) return [];
  const known = cands.filter((c) => c.n_tokens !== null);
  const avgLen = Math.max(1, known.length ? known.reduce((s, c) => s + (c.n_tokens ?? 0), 0) / known.length : 1);
  const wd = CLASS_WEIGHTS[3];
  const scored: Scored[] = cands.map((c) => {
    const head = tokens.map((t) => headFrequency(c, t));
    const len = c.n_tokens ?? avgLen;
    return { c, head, score: bm25(idfs, head.map((h) => h + wd), len, avgLen) * recency(today, c.pub_day) };
  });
  const byScore = (x: Scored, y: Scored): number => y.score - x.score || (x.c.document_id < y.c.document_id ? -1 : x.c.document_id > y.c.document_id ? 1 : 0);
  scored.sort(byScore);
  const best = scored.slice(0, RERANK);
  const text = await bodies(best.map((s) => s.c.document_id));
  for (const s of best) {
    const body = text.get(s.c.document_id);
    if (body === undefined) continue;
    const freqs = tokens.map((t, i) => (s.head[i] ?? 0) + wd * countSubstring(body, t));
    s.score = bm25(idfs, freqs, s.c.n_tokens ?? avgLen, avgLen) * recency(today, s.c.pub_day);
  }
  best.sort(byScore);
  return [...best, ...scored.slice(RERANK)].map((s) => ({ document_id: s.c.document_id, pub_date: s.c.pub_date, score: s.score }));
}
