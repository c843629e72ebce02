/**
 * The public search page `/search` (issue 6 §5). The query and the filters come from a GET form,
 * so the page works without JavaScript and every result page has a stable URL. A bad filter value
 * is named and ignored; an odd query is explained; neither is an error page.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { recordSearch } from '../commands/search/record-search.js';
import { AppError } from '../domain/errors.js';
import { listThemes } from '../queries/documents.js';
import { searchDocuments, type SearchInput } from '../queries/search.js';
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
    if (page === 1 && params.q.trim()) await recordSearch(deps, { query: result.normalized, agency: params.agency ?? null, resultCount: result.total });
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
