/**
 * Saved-search matching for new documents. A document matches a saved search exactly when the
 * search on /search would find it: the query is parsed by the same parser (`search/query-parser`)
 * and evaluated against the document's own index entry (`search/maintain.loadIndexEntry`, the very
 * tokens and folded text the store indexes), and the filters against its indexed facts. Both
 * stores match tokens exactly (FTS5 quoted tokens, tsquery lexemes), so set membership is the same
 * test; phrases are substring checks on the folded text, as in the stores. Ranking plays no part.
 *
 * Running the search itself once per saved search would cost one query per distinct saved search
 * and event; this costs one index-entry load per event and CPU per distinct query (parsed queries
 * are cached).
 */
import type { Exec } from '../../store/schema.js';
import { loadIndexEntry } from '../../search/maintain.js';
import { parseQuery, type Expr, type ParsedQuery } from '../../search/query-parser.js';
import { parseSearchParams, type SearchParams } from '../../search/search-params.js';
import { agencyIdsOnPath } from '../../domain/subscriptions/subscriptions.js';

const cache = new Map<string, { params: SearchParams; parsed: ParsedQuery }>();
const CACHE_MAX = 20_000;

function compiled(target: string, themes: ReadonlySet<string>): { params: SearchParams; parsed: ParsedQuery } {
  let c = cache.get(target);
  if (!c) {
    const { params } = parseSearchParams(Object.fromEntries(new URLSearchParams(target)), themes);
    c = { params, parsed: parseQuery(params.q) };
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(target, c);
  }
  return c;
}

function holds(e: Expr, tokens: ReadonlySet<string>): boolean {
  if (e.op === 'tok') return tokens.has(e.t);
  return e.op === 'and' ? e.xs.every((x) => holds(x, tokens)) : e.xs.some((x) => holds(x, tokens));
}

/** The saved-search targets (canonical query strings) among `targets` that find this document now. */
export async function matchingSearches(db: Exec, documentId: string, targets: readonly string[], at: string): Promise<string[]> {
  if (!targets.length) return [];
  const loaded = await loadIndexEntry(db, documentId, at);
  if (!loaded) return [];
  const { facts, entry } = loaded;
  const tokens = new Set([...entry.a, ...entry.b, ...entry.c, ...entry.d]);
  const themes = new Set((await db.selectFrom('themes').select('code').execute()).map((t) => t.code));
  const agency = await db.selectFrom('agencies').select(['code', 'path']).where('id', '=', facts.agency_id).executeTakeFirst();
  const ancestors = agency ? await db.selectFrom('agencies').select('code').where('id', 'in', agencyIdsOnPath(agency.path)).execute() : [];
  const ancestorCodes = new Set(ancestors.map((a) => a.code));
  return targets.filter((target) => {
    const { params: p, parsed } = compiled(target, themes);
    if (!parsed.must.length) return false;
    if (p.agency && (p.subtree ? !ancestorCodes.has(p.agency) : agency?.code !== p.agency)) return false;
    if (p.genre && facts.genre !== p.genre) return false;
    if (p.theme && facts.theme_code !== p.theme && !facts.theme_code.startsWith(`${p.theme}.`)) return false;
    if (p.year && facts.year !== p.year) return false;
    if (p.from && facts.pub_date < p.from) return false;
    if (p.to && facts.pub_date > p.to) return false;
    if (p.validity && facts.validity !== p.validity) return false;
    if (p.normative && facts.is_normative !== 1) return false;
    if (p.withdrawn === false && facts.status !== 'published') return false;
    if (!parsed.must.every((e) => holds(e, tokens))) return false;
    if (parsed.not.some((e) => holds(e, tokens))) return false;
    return parsed.phrases.every((ph) => facts.folded.includes(ph));
  });
}
