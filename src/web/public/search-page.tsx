import { Facet, Pagination } from '../result-nav.js';
import { h, raw, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import { GENRES, VALIDITIES } from '../../domain/documents/genres.js';
import type { SearchResult } from '../../queries/search.js';
import { MAX_RESULTS_WINDOW } from '../../queries/search.js';
import { searchHref, type SearchParamName, type SearchParams } from '../../search/search-params.js';
import { SubscribeLink } from './subscription-link.js';
import { Breadcrumbs } from '../layout.js';
import { genreLabel, StateMarkers, validityLabel } from './document-list.js';
import { documentPath } from './portal-urls.js';
import type { ThemeOption } from './catalogue-page.js';

/** Everything the search page shows. */
export interface SearchPageProps {
  ctx: RequestContext;
  params: SearchParams;
  page: number;
  pageSize: number;
  result: SearchResult;
  themes: ThemeOption[];
  invalid: SearchParamName[];
}

function Select({ id, label, value, options, all }: { id: string; label: string; value: string; options: [string, string][]; all?: string }): SafeHtml {
  return (
    <div class="field">
      <label for={`s-${id}`}>{label}</label>
      <select id={`s-${id}`} name={id}>
        {all === undefined ? null : <option value="">{all}</option>}
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

function SearchForm(p: SearchPageProps): SafeHtml {
  const { ctx, params } = p;
  const all = ctx.t('catalogue.filter.all');
  const agencies = p.result.facets.agencies.map((a): [string, string] => [a.code, pick(ctx.locale, a.name_zh, a.name_en)]);
  if (params.agency && !agencies.some(([c]) => c === params.agency)) agencies.unshift([params.agency, params.agency]);
  const years = [...new Set([...p.result.facets.years.map((y) => y.key), ...(params.year ? [String(params.year)] : [])])].sort().reverse();
  const themeName = (t: ThemeOption) => (t.parent_code ? '— ' : '') + pick(ctx.locale, t.name_zh, t.name_en);
  return (
    <form class="form search-form" role="search" method="get" action={localePath(ctx.locale, '/search')}>
      <label for="search-q">{ctx.t('search.label')}</label>
      <div class="search-row">
        <input type="search" id="search-q" name="q" value={params.q} maxlength="200" aria-describedby="search-syntax" />
        <button class="button" type="submit">
          {ctx.t('search.button')}
        </button>
      </div>
      <p class="hint" id="search-syntax">
        {ctx.t('search.syntax')}
      </p>
      <details class="search-filters" open={Boolean(params.agency || params.genre || params.theme || params.year || params.from || params.to || params.validity || params.normative || params.withdrawn === false)}>
        <summary>{ctx.t('catalogue.filters')}</summary>
        <div class="search-filter-grid">
          <Select id="agency" label={ctx.t('search.filter.agency')} value={params.agency ?? ''} all={all} options={agencies} />
          <Select id="genre" label={ctx.t('catalogue.filter.genre')} value={params.genre ?? ''} all={all} options={GENRES.map((g) => [g, genreLabel(ctx, g)])} />
          <Select id="theme" label={ctx.t('catalogue.filter.theme')} value={params.theme ?? ''} all={all} options={p.themes.map((t) => [t.code, themeName(t)])} />
          <Select id="year" label={ctx.t('catalogue.filter.year')} value={params.year ? String(params.year) : ''} all={all} options={years.map((y) => [y, y])} />
          <Select id="validity" label={ctx.t('catalogue.filter.validity')} value={params.validity ?? ''} all={all} options={VALIDITIES.map((v) => [v, validityLabel(ctx, v)])} />
          <div class="field">
            <label for="s-from">{ctx.t('search.filter.from')}</label>
            <input type="date" id="s-from" name="from" value={params.from ?? ''} aria-describedby="s-date-hint" />
          </div>
          <div class="field">
            <label for="s-to">{ctx.t('search.filter.to')}</label>
            <input type="date" id="s-to" name="to" value={params.to ?? ''} aria-describedby="s-date-hint" />
          </div>
          <p class="hint" id="s-date-hint">
            {ctx.t('search.filter.date_hint')}
          </p>
          <div class="field field-check">
            <input type="checkbox" id="s-subtree" name="subtree" value="1" checked={params.subtree === true} />
            <label for="s-subtree">{ctx.t('catalogue.filter.subtree')}</label>
          </div>
          <div class="field field-check">
            <input type="checkbox" id="s-normative" name="normative" value="1" checked={params.normative === true} />
            <label for="s-normative">{ctx.t('catalogue.filter.normative')}</label>
          </div>
          <div class="field field-check">
            <input type="checkbox" id="s-withdrawn" name="withdrawn" value="0" checked={params.withdrawn === false} />
            <label for="s-withdrawn">{ctx.t('search.filter.exclude_withdrawn')}</label>
          </div>
          <Select id="sort" label={ctx.t('search.sort')} value={params.sort ?? 'relevance'} options={[['relevance', ctx.t('search.sort.relevance')], ['date', ctx.t('search.sort.date')]]} />
        </div>
        <div class="form-actions">
          <button class="button" type="submit">
            {ctx.t('catalogue.filter.apply')}
          </button>{' '}
          <a href={localePath(ctx.locale, searchHref({ q: params.q }))}>{ctx.t('catalogue.filter.reset')}</a>
        </div>
      </details>
    </form>
  );
}



/** Pages reachable for a result (never past the results window). */
export function searchPages(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(Math.min(total, MAX_RESULTS_WINDOW) / pageSize));
}

/**
 * The public search page: the query form with its filters, notices that explain what was done
 * with an odd query or a bad parameter, results with highlighted titles and snippets (escaped
 * HTML whose only tags are <mark>), facets by agency, genre and year, and stable page URLs.
 */
export function SearchPage(p: SearchPageProps): SafeHtml {
  const { ctx, params, result } = p;
  const pages = searchPages(result.total, p.pageSize);
  const link = (over: Partial<SearchParams>) => localePath(ctx.locale, searchHref({ ...params, ...over }));
  const sep = ctx.locale === 'en' ? ', ' : '、';
  // English groups thousands (10,000); Chinese pages write counts plainly, as government sites do.
  const count = (n: number): string => (ctx.locale === 'en' ? n.toLocaleString('en') : String(n));
  const notices = result.notices.filter((n) => !(n === 'no_terms' && !params.q));
  return (
    <div class="search-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('search.title'), null]]} />
      <h1>{params.q ? ctx.t('search.title_q', { q: params.q.length > 40 ? `${params.q.slice(0, 40)}…` : params.q }) : ctx.t('search.title')}</h1>
      {params.q ? null : <p class="lead">{ctx.t('search.intro')}</p>}
      <SearchForm {...p} />
      {notices.length || p.invalid.length ? (
        <div class="notice notice-warn" role="status">
          {notices.map((n) => (
            <p>{ctx.t(`search.notice.${n}`)}</p>
          ))}
          {p.invalid.length ? <p>{ctx.t('search.bad_param', { list: p.invalid.join(sep) })}</p> : null}
        </div>
      ) : null}
      {p.page > pages && result.total > 0 ? (
        <div class="notice notice-warn" role="status">
          <p>{ctx.t('search.bad_page', { page: p.page, pages })}</p>
          <p>
            <a href={link({})}>{ctx.t('search.go_first')}</a>
          </p>
        </div>
      ) : null}
      {result.normalized ? (
        <div class="catalogue-layout search-layout">
          <section class="catalogue-results" aria-labelledby="results-h">
            <div class="section-head">
              <h2 id="results-h">{ctx.t('catalogue.results')}</h2>
              <span class="muted">
                {!result.totalExact
                  ? ctx.t('search.count_over', { n: count(result.total), max: count(MAX_RESULTS_WINDOW) })
                  : result.total > MAX_RESULTS_WINDOW
                    ? ctx.t('search.count_capped', { n: count(result.total), max: count(MAX_RESULTS_WINDOW) })
                    : ctx.t('search.count', { n: count(result.total) })}
              </span>
            </div>
            <p class="hint">{ctx.t('search.query_as_run', { q: result.normalized })}</p>
            {result.sampled !== null ? <p class="hint">{ctx.t('search.sampled', { n: result.sampled })}</p> : null}
            <SubscribeLink ctx={ctx} query={{ kind: 'search', search: searchHref({ ...params, sort: undefined }).replace(/^\/search\??/, '') }} label={ctx.t('sub.link.search')} />
            {result.items.length ? (
              <ol class="doc-list search-results" start={(p.page - 1) * p.pageSize + 1}>
                {result.items.map((d) => (
                  <li class={d.status === 'withdrawn' ? 'doc-entry is-withdrawn' : 'doc-entry'}>
                    <h3 class="doc-entry-title">
                      <a href={localePath(ctx.locale, documentPath(d.index_number))}>{raw(d.title_html)}</a> <StateMarkers ctx={ctx} status={d.status} validity={d.validity} />
                    </h3>
                    <p class="search-snippet">{raw(d.snippet_html)}</p>
                    <dl class="doc-entry-meta">
                      {d.doc_number ? (
                        <div>
                          <dt>{ctx.t('search.doc_number')}</dt>
                          <dd>{d.doc_number}</dd>
                        </div>
                      ) : null}
                      <div>
                        <dt>{ctx.t('search.agency')}</dt>
                        <dd>{pick(ctx.locale, d.agency_name_zh, d.agency_name_en)}</dd>
                      </div>
                      <div>
                        <dt>{ctx.t('search.published')}</dt>
                        <dd>
                          <time datetime={d.published_date}>{d.published_date}</time>
                        </dd>
                      </div>
                      <div>
                        <dt>{ctx.t('doc.meta.genre')}</dt>
                        <dd>{genreLabel(ctx, d.genre)}</dd>
                      </div>
                    </dl>
                  </li>
                ))}
              </ol>
            ) : (
              <div>
                <p>{ctx.t('search.empty')}</p>
                <p class="hint">{ctx.t('search.empty_tips')}</p>
              </div>
            )}
            <Pagination ctx={ctx} page={p.page} pages={pages} href={(n) => localePath(ctx.locale, searchHref(params, n))} />
          </section>
          <div class="catalogue-facets">
            <Facet
              ctx={ctx}
              id="agency"
              title={ctx.t('search.facet.agency')}
              entries={result.facets.agencies.slice(0, 15).map((a) => ({ label: pick(ctx.locale, a.name_zh, a.name_en), n: a.n, href: link({ agency: a.code, subtree: false }), current: params.agency === a.code }))}
            />
            <Facet
              ctx={ctx}
              id="genre"
              title={ctx.t('catalogue.facet.genre')}
              entries={result.facets.genres.map((g) => ({ label: genreLabel(ctx, g.key), n: g.n, href: link({ genre: g.key }), current: params.genre === g.key }))}
            />
            <Facet
              ctx={ctx}
              id="year"
              title={ctx.t('catalogue.facet.year')}
              entries={result.facets.years.map((y) => ({ label: y.key, n: y.n, href: link({ year: Number(y.key) }), current: params.year === Number(y.key) }))}
            />
          </div>
        </div>
      ) : null}
    </div>
  );
}
