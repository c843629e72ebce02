import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import { recordSearch, recordSearchAgain } from '../../commands/search/record-search.js';
import { onCacheHit } from '../page-cache.js';
import { invalid } from '../../domain/errors.js';
import { listThemes } from '../../queries/documents.js';
import { searchDocuments } from '../../queries/search.js';
import { searchDemand } from '../../queries/search-demand.js';
import { extractionOverview, searchDrafts } from '../../queries/search-staff.js';
import { AppError } from '../../domain/errors.js';
import { parseSearchParams, searchHref, SEARCH_PARAMS } from '../../search/search-params.js';

const errors = { 400: Type.Ref('Error'), 404: Type.Ref('Error'), 429: Type.Ref('Error') };
const Count = Type.Object({ key: Type.String(), n: Type.Integer() });
const Hit = Type.Object({
  index_number: Type.String(),
  title: Type.String(),
  title_html: Type.String({ description: 'Escaped HTML; the only tags are <mark> around hits' }),
  snippet_html: Type.String({ description: 'Escaped HTML; the only tags are <mark> around hits' }),
  doc_number: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.String(), en: Type.String() }) }),
  genre: Type.String(),
  theme: Type.String(),
  published_date: Type.String({ description: 'Date of first publication' }),
  validity: Type.String(),
  status: Type.String({ description: 'published, or withdrawn (still findable, marked)' }),
  is_normative: Type.Boolean(),
  score: Type.Number(),
  url: Type.String(),
});
const Result = Type.Object({
  query: Type.String({ description: 'The query as run: folded to Simplified, half-width, lower case' }),
  notices: Type.Array(Type.String(), { description: 'truncated, unbalanced_quote, too_many_terms, only_exclusions, no_terms, ignored_terms' }),
  total: Type.Integer({ description: 'Matching documents, counted up to 10,000' }),
  total_exact: Type.Boolean({ description: 'False when more than `total` (10,000) documents match' }),
  sampled: Type.Union([Type.Integer(), Type.Null()], { description: 'When not null: relevance order and facet counts come from the N most recently published matches (very common queries)' }),
  page: Type.Integer(),
  page_size: Type.Integer(),
  items: Type.Array(Hit),
  facets: Type.Object({
    agencies: Type.Array(Type.Object({ key: Type.String(), n: Type.Integer(), name: Type.Object({ zh: Type.String(), en: Type.String() }) })),
    genres: Type.Array(Count),
    years: Type.Array(Count),
  }),
  next: Type.Union([Type.String(), Type.Null()]),
});
const Query = Type.Object(
  Object.fromEntries([...SEARCH_PARAMS.map((n) => [n, Type.Optional(Type.String())]), ['page_size', Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' }))]]),
  { additionalProperties: false },
);

/** `GET /api/v1/search`: full-text search of published (and withdrawn, marked) documents. */
export async function registerSearchApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  const baseUrl = app.config.publicUrl;
  api.get(
    '/search',
    {
      schema: {
        summary: 'Search documents: AND by default, "phrases", -exclusions, OR; filters, facets, highlighted snippets',
        tags: ['documents'],
        querystring: Query,
        response: { 200: Result, ...errors },
      },
    },
    async (req, reply) => {
      const themes = new Set((await listThemes(deps)).map((t) => t.code));
      const parsed = parseSearchParams(req.query, themes);
      if (parsed.invalid.length) throw invalid(parsed.invalid.map((field) => ({ field, code: 'invalid' })));
      const p = parsed.params;
      const pageSize = Math.min(100, Math.max(1, Number((req.query as { page_size?: string }).page_size ?? 20)));
      const r = await searchDocuments(deps, { ...p, excludeWithdrawn: p.withdrawn === false, page: parsed.page, pageSize });
      if (parsed.page === 1 && p.q.trim()) {
        const signal = { query: r.normalized, agency: p.agency ?? null, resultCount: r.total };
        const recorded = await recordSearch(deps, signal);
        if (recorded) onCacheHit(req, () => recordSearchAgain(deps, recorded));
      }
      reply.header('cache-control', 'public, max-age=30');
      const more = parsed.page * pageSize < Math.min(r.total, 1000);
      return {
        query: r.normalized,
        notices: r.notices,
        total: r.total,
        total_exact: r.totalExact,
        sampled: r.sampled,
        page: r.page,
        page_size: r.pageSize,
        items: r.items.map((h) => ({
          index_number: h.index_number,
          title: h.title,
          title_html: h.title_html,
          snippet_html: h.snippet_html,
          doc_number: h.doc_number,
          agency: { code: h.agency_code, name: { zh: h.agency_name_zh, en: h.agency_name_en } },
          genre: h.genre,
          theme: h.theme_code,
          published_date: h.published_date,
          validity: h.validity,
          status: h.status,
          is_normative: h.is_normative,
          score: h.score,
          url: `${baseUrl}/documents/${h.index_number}`,
        })),
        facets: {
          agencies: r.facets.agencies.map((a) => ({ key: a.code, n: a.n, name: { zh: a.name_zh, en: a.name_en } })),
          genres: r.facets.genres,
          years: r.facets.years,
        },
        next: more ? `${baseUrl}/api/v1${searchHref(p, parsed.page + 1)}${pageSize !== 20 ? `&page_size=${pageSize}` : ''}` : null,
      };
    },
  );

  const Line = Type.Object({ query: Type.String(), n: Type.Integer(), results: Type.Integer() });
  api.get(
    '/search/demand',
    {
      schema: {
        summary: 'Staff: top queries and top zero-result queries of a week, site-wide or for an agency in scope (no personal data is recorded)',
        tags: ['documents'],
        querystring: Type.Object({ week: Type.Optional(Type.String({ pattern: '^[0-9]{4}-W[0-9]{2}$' })), agency: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ week: Type.String(), weeks: Type.Array(Type.String()), top: Type.Array(Line), zero: Type.Array(Line) }), 401: Type.Ref('Error'), 403: Type.Ref('Error'), ...errors },
      },
    },
    async (req, reply) => {
      if (!req.ctx.actor) throw new AppError('login_required');
      reply.header('cache-control', 'no-store');
      return searchDemand(deps, req.ctx.actor, { ...(req.query.week ? { week: req.query.week } : {}), ...(req.query.agency ? { agency: req.query.agency } : {}) });
    },
  );

  const DraftHit = Type.Object({
    revision_id: Type.String(),
    document_id: Type.String(),
    state: Type.String({ description: 'draft, submitted, cleared or scheduled' }),
    title: Type.String(),
    title_html: Type.String({ description: 'Escaped HTML; the only tags are <mark> around hits' }),
    snippet_html: Type.String({ description: 'Escaped HTML; the only tags are <mark> around hits' }),
    doc_number: Type.String(),
    index_number: Type.Union([Type.String(), Type.Null()]),
    agency: Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.String(), en: Type.String() }) }),
    updated_at: Type.String(),
  });
  api.get(
    '/search/drafts',
    {
      schema: {
        summary: 'Staff: search the documents not yet public (drafts, under review, cleared, scheduled) in the caller\'s scope; same query language as /search',
        tags: ['documents'],
        querystring: Type.Object({ q: Type.String({ maxLength: 10_000 }), page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ query: Type.String(), notices: Type.Array(Type.String()), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer(), capped: Type.Boolean(), items: Type.Array(DraftHit) }),
          401: Type.Ref('Error'),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      if (!req.ctx.actor) throw new AppError('login_required');
      reply.header('cache-control', 'no-store');
      const r = await searchDrafts(deps, req.ctx.actor, { q: req.query.q, page: Number(req.query.page ?? 1), pageSize: 20 });
      return {
        query: r.normalized,
        notices: r.notices,
        total: r.total,
        page: r.page,
        page_size: r.pageSize,
        capped: r.capped,
        items: r.items.map((d) => ({
          revision_id: d.revision_id,
          document_id: d.document_id,
          state: d.state,
          title: d.title,
          title_html: d.title_html,
          snippet_html: d.snippet_html,
          doc_number: d.doc_number,
          index_number: d.index_number,
          agency: { code: d.agency_code, name: { zh: d.agency_name_zh, en: d.agency_name_en } },
          updated_at: d.updated_at,
        })),
      };
    },
  );

  const Issue = Type.Object({
    sha256: Type.String(),
    filename: Type.String(),
    kind: Type.String(),
    reason: Type.String(),
    attempts: Type.Integer(),
    finished_at: Type.Union([Type.String(), Type.Null()]),
    document_id: Type.String(),
    revision_id: Type.String(),
    title: Type.String(),
    index_number: Type.Union([Type.String(), Type.Null()]),
    agency_code: Type.String(),
  });
  api.get(
    '/search/extraction',
    {
      schema: {
        summary: 'Staff: attachments of public documents in scope whose text could not be extracted for search (with the reason), and how many wait in the queue',
        tags: ['documents'],
        response: { 200: Type.Object({ pending: Type.Integer(), failed: Type.Array(Issue) }), 401: Type.Ref('Error'), 403: Type.Ref('Error'), ...errors },
      },
    },
    async (req, reply) => {
      if (!req.ctx.actor) throw new AppError('login_required');
      reply.header('cache-control', 'no-store');
      return extractionOverview(deps, req.ctx.actor);
    },
  );
}
