/**
 * Compiles a parsed query into each store's match language. Tokens hold letters and digits only
 * (see `cleanToken`), so quoting them is enough: no operator or quote can be smuggled in.
 */
import type { Expr, ParsedQuery } from './query-parser.js';

function fts5(e: Expr): string {
  if (e.op === 'tok') return `"${e.t}"`;
  return `(${e.xs.map(fts5).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
}

function tsq(e: Expr): string {
  if (e.op === 'tok') return `'${e.t}'`;
  return `(${e.xs.map(tsq).join(e.op === 'and' ? ' & ' : ' | ')})`;
}

/** SQLite FTS5 MATCH expression, or null when the query has no positive clause. */
export function toFts5(q: Pick<ParsedQuery, 'must' | 'not'>): string | null {
  if (!q.must.length) return null;
  const pos = q.must.map(fts5).join(' AND ');
  if (!q.not.length) return pos;
  return `(${pos}) NOT (${q.not.map(fts5).join(' OR ')})`;
}

/** PostgreSQL tsquery literal (cast with `::tsquery`, no parser involved), or null. */
export function toTsquery(q: Pick<ParsedQuery, 'must' | 'not'>): string | null {
  if (!q.must.length) return null;
  const pos = q.must.map(tsq).join(' & ');
  if (!q.not.length) return pos;
  return `(${pos}) & !(${q.not.map(tsq).join(' | ')})`;
}
