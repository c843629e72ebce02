/**
 * Staff search read models (issue 6 §1 and §5): drafts and revisions under review in the
 * viewer's scope, and the attachments whose text extraction failed.
 *
 * Drafts are never in the public index. Their search reads the open revisions of the scope
 * (newest first, at most `DRAFT_SCAN_LIMIT`) and matches the public query language against each
 * one's folded text: the same parser and folding, so `政務` finds 政务 and document numbers match
 * in any bracket form, but a term matches as a substring rather than as an index token. Open
 * revisions are a working set (hundreds, not millions); their folded texts are cached in memory
 * by revision version, so only new or changed drafts are folded again.
 */
import { allowed, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { docNumberSearchTokens } from '../domain/doc-number.js';
import { bodyText } from '../domain/documents/sanitize.js';
import { AppError } from '../domain/errors.js';
import { scopesFor } from '../domain/policy.js';
import { foldText } from '../search/fold.js';
import { parseQuery, type Expr, type QueryNotice } from '../search/query-parser.js';
import { cleanToken } from '../search/segment.js';
import { highlightAll, snippet } from '../search/snippet.js';

/** Revision states a staff draft search covers: everything not yet public. */
export const OPEN_STATES = ['draft', 'submitted', 'cleared', 'scheduled'] as const;

/** Most open revisions read per draft search (the newest). */
export const DRAFT_SCAN_LIMIT = 2000;

/** One matching open revision. */
export interface DraftHit {
  revision_id: string;
  document_id: string;
  state: string;
  title: string;
  title_html: string;
  snippet_html: string;
  doc_number: string;
  index_number: string | null;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
  updated_at: string;
}

/** A page of the draft search. */
export interface DraftSearchResult {
  normalized: string;
  notices: QueryNotice[];
  total: number;
  page: number;
  pageSize: number;
  items: DraftHit[];
  /** True when the scope holds more open revisions than were read. */
  capped: boolean;
}

function scopeOf(actor: Actor): string[] | null {
  if (actor.type === 'system') return null;
  return scopesFor(actor.grants, 'document.read');
}

function evaluate(e: Expr, has: (t: string) => boolean): boolean {
  if (e.op === 'tok') return has(e.t);
  return e.op === 'and' ? e.xs.every((x) => evaluate(x, has)) : e.xs.some((x) => evaluate(x, has));
}

/** The folded text of one open revision, as matched. */
interface FoldedRevision {
  key: string;
  folded: string;
  compact: string;
  numbers: Set<string>;
}

/**
 * Folded texts of open revisions by revision id, kept while their version (and agency names) stay
 * the same: folding and HTML stripping dominate the cost of a draft search, and drafts change far
 * less often than they are searched. Bounded; the oldest entries go first.
 */
const foldCaches = new WeakMap<object, Map<string, FoldedRevision>>();
const FOLD_CACHE_MAX = 4 * DRAFT_SCAN_LIMIT;

/** The cache of one store (keyed by its connection object, so two stores in a process never mix). */
function foldCacheOf(db: object): Map<string, FoldedRevision> {
  let c = foldCaches.get(db);
  if (!c) {
    c = new Map();
    foldCaches.set(db, c);
  }
  return c;
}

function cacheFolded(foldCache: Map<string, FoldedRevision>, id: string, entry: FoldedRevision): void {
  foldCache.delete(id);
  foldCache.set(id, entry);
  if (foldCache.size > FOLD_CACHE_MAX) {
    const oldest = foldCache.keys().next();
    if (!oldest.done) foldCache.delete(oldest.value);
  }
}

/** Searches the open (not yet public) revisions in the actor's scope. Never fails on the query text. */
export async function searchDrafts(deps: Deps, actor: Actor, input: { q: string; page: number; pageSize: number }): Promise<DraftSearchResult> {
  const parsed = parseQuery(input.q);
  const empty: DraftSearchResult = { normalized: parsed.normalized, notices: parsed.notices, total: 0, page: input.page, pageSize: input.pageSize, items: [], capped: false };
  const scopes = scopeOf(actor);
  if (!parsed.must.length || (scopes && scopes.length === 0)) return empty;
  let q = deps.db
    .selectFrom('document_revisions as r')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id as revision_id', 'r.document_id', 'r.state', 'r.version', 'r.title', 'r.doc_number', 'r.updated_at', 'd.index_number'])
    .select(['a.code as agency_code', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en'])
    .where('r.state', 'in', [...OPEN_STATES]);
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  const read = await q.orderBy('r.updated_at', 'desc').orderBy('r.id').limit(DRAFT_SCAN_LIMIT + 1).execute();
  const capped = read.length > DRAFT_SCAN_LIMIT;
  const rows = read.slice(0, DRAFT_SCAN_LIMIT);
  const foldCache = foldCacheOf(deps.db);
  const keyOf = (r: (typeof rows)[number]) => `${r.version}\u0000${r.agency_name_zh}\u0000${r.agency_name_en}`;
  // Fold the revisions not cached (or changed since), reading their long fields only then.
  const stale = rows.filter((r) => foldCache.get(r.revision_id)?.key !== keyOf(r));
  for (let i = 0; i < stale.length; i += 200) {
    const chunk = stale.slice(i, i + 200);
    const texts = await deps.db.selectFrom('document_revisions').select(['id', 'keywords', 'summary', 'body_html']).where('id', 'in', chunk.map((r) => r.revision_id)).execute();
    const byId = new Map(texts.map((t) => [t.id, t]));
    for (const r of chunk) {
      const t = byId.get(r.revision_id);
      if (!t) continue;
      const folded = foldText([r.title, r.doc_number, r.agency_name_zh, r.agency_name_en, t.keywords, t.summary, bodyText(t.body_html)].join('\n')).replace(/[ \t\r\f\v\u00a0]+/gu, ' ');
      const numbers = new Set(docNumberSearchTokens(r.doc_number).map((x) => cleanToken(foldText(x))));
      cacheFolded(foldCache, r.revision_id, { key: keyOf(r), folded, compact: folded.replace(/\s+/gu, ''), numbers });
    }
  }
  const matches = rows.filter((r) => {
    const f = foldCache.get(r.revision_id);
    if (!f) return false;
    const has = (t: string) => f.numbers.has(t) || f.compact.includes(t);
    return parsed.must.every((e) => evaluate(e, has)) && !parsed.not.some((e) => evaluate(e, has)) && parsed.phrases.every((p) => f.folded.includes(p));
  });
  const offset = (input.page - 1) * input.pageSize;
  const shown = matches.slice(offset, offset + input.pageSize);
  const texts = shown.length ? await deps.db.selectFrom('document_revisions').select(['id', 'summary', 'body_html']).where('id', 'in', shown.map((r) => r.revision_id)).execute() : [];
  const textOf = new Map(texts.map((t) => [t.id, t]));
  const marks = parsed.highlight;
  return {
    ...empty,
    total: matches.length,
    capped,
    items: shown.map((r) => {
      const t = textOf.get(r.revision_id);
      const fromSummary = snippet(t?.summary ?? '', marks);
      const body = fromSummary.hits ? '' : bodyText(t?.body_html ?? '');
      return {
        revision_id: r.revision_id,
        document_id: r.document_id,
        state: r.state,
        title: r.title,
        title_html: highlightAll(r.title, marks),
        snippet_html: fromSummary.hits || !body ? fromSummary.html : snippet(body, marks).html,
        doc_number: r.doc_number,
        index_number: r.index_number,
        agency_code: r.agency_code,
        agency_name_zh: r.agency_name_zh,
        agency_name_en: r.agency_name_en,
        updated_at: r.updated_at,
      };
    }),
  };
}

/** An attachment whose text could not be extracted for search. */
export interface ExtractionIssue {
  sha256: string;
  filename: string;
  kind: string;
  reason: string;
  attempts: number;
  finished_at: string | null;
  document_id: string;
  revision_id: string;
  title: string;
  index_number: string | null;
  agency_code: string;
}

/** The state of the background extraction in the actor's scope. */
export interface ExtractionOverview {
  pending: number;
  failed: ExtractionIssue[];
}

/** Failed extractions (with their reasons) and the number still queued, for attachments of public versions in scope. */
export async function extractionOverview(deps: Deps, actor: Actor, limit = 100): Promise<ExtractionOverview> {
  if (actor.type === 'staff' && actor.grants.length === 0) throw new AppError('forbidden');
  const scopes = scopeOf(actor);
  if (scopes && scopes.length === 0) return { pending: 0, failed: [] };
  const base = () => {
    let q = deps.db
      .selectFrom('search_extractions as x')
      .innerJoin('revision_attachments as ra', 'ra.blob_sha256', 'x.blob_sha256')
      .innerJoin('documents as d', 'd.current_revision_id', 'ra.revision_id')
      .innerJoin('agencies as a', 'a.id', 'd.agency_id');
    if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
    return q;
  };
  const pending = await base()
    .where('x.status', '=', 'pending')
    .select((eb) => eb.fn.count<number>('x.blob_sha256').distinct().as('n'))
    .executeTakeFirstOrThrow();
  const failed = await base()
    .where('x.status', '=', 'failed')
    .select(['x.blob_sha256 as sha256', 'ra.filename', 'x.kind', 'x.reason', 'x.attempts', 'x.finished_at', 'd.id as document_id', 'ra.revision_id', 'd.title', 'd.index_number', 'a.code as agency_code', 'a.path'])
    .orderBy('x.finished_at', 'desc')
    .orderBy('ra.id')
    .limit(limit)
    .execute();
  return {
    pending: Number(pending.n),
    failed: failed.filter((f) => allowed(actor, 'document.read', f.path)).map(({ path: _path, ...f }) => ({ ...f, reason: f.reason ?? '' })),
  };
}
