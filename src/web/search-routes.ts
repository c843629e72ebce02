/**
 * The public search page `/search` (issue 6 §5). The query and the filters come from a GET form,
 * so the page works without JavaScript and every result page has a stable URL. A bad filter value
 * is named and ignored; an odd query is explained; neither is an error page.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { recordSearch, recordSearchAgain } from '../commands/search/record-search.js';
import { onCacheHit } from '../http/page-cache.js';
import { AppError } from '../domain/errors.js';
import { listThemes } from '../queries/documents.js';
import { searchDocuments, type SearchInput } from '../queries/search.js';
import { demandAgencies, searchDemand } from '../queries/search-demand.js';
import { extractionOverview, searchDrafts } from '../queries/search-staff.js';
import type { Actor } from '../commands/actor.js';
import { DemandPage, DraftSearchPage, ExtractionPage } from './admin/search-console-pages.js';
import { parseSearchParams, searchHref } from '../search/search-params.js';
import { sendPage, type WebEnv } from './render.js';
import { SearchPage, searchPages } from './public/search-page.js';

/** Results per search page. */
export const SEARCH_PAGE_SIZE = 20;

/** Registers `/search` on the public plugin scope. */
export async function registerSearchPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  app.get('/search', async (req, reply) => {
    const themes = await listThemes(deps);
    const parsed = parseSearchParams(req.query, new Set(themes.map((t) => t.code)));
    const { params, page, invalid } = parsed;
    const input = (): SearchInput => ({ ...params, excludeWithdrawn: params.withdrawn === false, page, pageSize: SEARCH_PAGE_SIZE });
    let result;
    try {
      result = await searchDocuments(deps, input());
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'agency_not_found') throw e;
      invalid.push('agency');
      delete params.agency;
      result = await searchDocuments(deps, input());
    }
    if (page === 1 && params.q.trim()) {
      const signal = { query: result.normalized, agency: params.agency ?? null, resultCount: result.total };
      const recorded = await recordSearch(deps, signal);
      // A repeat of this search answered from the page cache is still a search people made.
      if (recorded) onCacheHit(req, () => recordSearchAgain(deps, recorded));
    }
    const pages = searchPages(result.total, SEARCH_PAGE_SIZE);
    const status = invalid.length ? 400 : page > pages && result.total > 0 ? 404 : 200;
    const title = params.q ? req.ctx.t('search.title_q', { q: params.q.slice(0, 40) }) : req.ctx.t('search.title');
    return sendPage(
      env,
      req,
      reply,
      // Result pages are for people: keep them out of search engines' indexes.
      { title, path: searchHref(params, Math.min(page, pages)), noindex: true },
      SearchPage({ ctx: req.ctx, params, page, pageSize: SEARCH_PAGE_SIZE, result, themes, invalid }),
      { current: '/search', status },
    );
  });
}

/** Results per page of the staff draft search. */
export const DRAFT_PAGE_SIZE = 20;

/** One query-string value as text (repeated parameters: the first). */
function one(v: unknown): string {
  const x = Array.isArray(v) ? (v as unknown[])[0] : v;
  return typeof x === 'string' ? x : '';
}

/**
 * Registers the search console on the `/admin` plugin scope (its hook has already required a
 * signed-in staff member): `/admin/search` (drafts in scope), `/admin/search/demand` and
 * `/admin/search/extraction`.
 */
export async function registerSearchAdminPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const actorOf = (a: Actor | null | undefined): Actor => {
    if (!a) throw new AppError('login_required');
    return a;
  };
  const meta = (title: string, path: string) => ({ title, path, noindex: true });

  app.get('/search', async (req, reply) => {
    const actor = actorOf(req.ctx.actor);
    const q = one((req.query as Record<string, unknown>).q).slice(0, 10_000);
    const pageRaw = one((req.query as Record<string, unknown>).page);
    const page = /^[1-9][0-9]{0,3}$/.test(pageRaw) ? Number(pageRaw) : 1;
    const result = q.trim() ? await searchDrafts(deps, actor, { q, page, pageSize: DRAFT_PAGE_SIZE }) : null;
    return sendPage(env, req, reply, meta(req.ctx.t('search.staff.title'), '/admin/search'), DraftSearchPage({ ctx: req.ctx, q, page, result }), { area: 'admin', current: '/admin/search' });
  });

  app.get('/search/demand', async (req, reply) => {
    const actor = actorOf(req.ctx.actor);
    const query = req.query as Record<string, unknown>;
    const week = one(query.week);
    const agency = one(query.agency).slice(0, 64);
    const demand = await searchDemand(deps, actor, { ...(/^[0-9]{4}-W[0-9]{2}$/.test(week) ? { week } : {}), ...(agency ? { agency } : {}) });
    const agencies = await demandAgencies(deps, actor);
    return sendPage(env, req, reply, meta(req.ctx.t('demand.title'), '/admin/search/demand'), DemandPage({ ctx: req.ctx, demand, agency, agencies }), { area: 'admin', current: '/admin/search' });
  });

  app.get('/search/extraction', async (req, reply) => {
    const overview = await extractionOverview(deps, actorOf(req.ctx.actor));
    return sendPage(env, req, reply, meta(req.ctx.t('search.extract.title'), '/admin/search/extraction'), ExtractionPage({ ctx: req.ctx, overview }), { area: 'admin', current: '/admin/search' });
  });
}
