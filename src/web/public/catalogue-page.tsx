import { Facet, Pagination } from '../result-nav.js';
import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import { GENRES, VALIDITIES } from '../../domain/documents/genres.js';
import type { CatalogueItem } from '../../queries/documents.js';
import type { Agency } from '../../store/schema.js';
import { Breadcrumbs } from '../layout.js';
import type { CatalogueParamName } from './catalogue-query.js';
import { DocumentList, FeedLinks, genreLabel, validityLabel } from './document-list.js';
import { SubscribeLink } from './subscription-link.js';
import { agencyPath, catalogueHref, type CatalogueParams, type FeedScope } from './portal-urls.js';

/** A theme as the filters list it. */
export interface ThemeOption {
  code: string;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
}

/** Everything the catalogue page shows. */
export interface CataloguePageProps {
  ctx: RequestContext;
  /** The agency whose 公开目录 this is; null for the site-wide catalogue. */
  agency: Agency | null;
  params: CatalogueParams;
  page: number;
  pages: number;
  total: number;
  items: CatalogueItem[];
  facets: { genres: { key: string; n: number }[]; years: { key: string; n: number }[] };
  themes: ThemeOption[];
  invalid: CatalogueParamName[];
  feeds: { scope: FeedScope; label: string }[];
}

const PARAM_LABEL: Record<CatalogueParamName, 'catalogue.filter.theme' | 'catalogue.filter.genre' | 'catalogue.filter.year' | 'catalogue.filter.validity' | 'catalogue.filter.normative' | 'catalogue.filter.subtree' | 'catalogue.pagination'> = {
  theme: 'catalogue.filter.theme',
  genre: 'catalogue.filter.genre',
  year: 'catalogue.filter.year',
  validity: 'catalogue.filter.validity',
  normative: 'catalogue.filter.normative',
  subtree: 'catalogue.filter.subtree',
  page: 'catalogue.pagination',
};

function Select({ id, label, value, options, all }: { id: string; label: string; value: string; options: [string, string][]; all: string }): SafeHtml {
  return (
    <div class="field">
      <label for={`f-${id}`}>{label}</label>
      <select id={`f-${id}`} name={id}>
        <option value="">{all}</option>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters(p: CataloguePageProps): SafeHtml {
  const { ctx, params } = p;
  const action = localePath(ctx.locale, catalogueHref(p.agency?.code ?? null, {}));
  const themeName = (t: ThemeOption) => (t.parent_code ? '— ' : '') + pick(ctx.locale, t.name_zh, t.name_en);
  const years = [...new Set([...p.facets.years.map((y) => y.key), ...(params.year ? [String(params.year)] : [])])].sort().reverse();
  return (
    <form class="form catalogue-filters" method="get" action={action} aria-labelledby="filters-h">
      <h2 id="filters-h">{ctx.t('catalogue.filters')}</h2>
      <Select id="theme" label={ctx.t('catalogue.filter.theme')} value={params.theme ?? ''} all={ctx.t('catalogue.filter.all')} options={p.themes.map((t) => [t.code, themeName(t)])} />
      <Select id="genre" label={ctx.t('catalogue.filter.genre')} value={params.genre ?? ''} all={ctx.t('catalogue.filter.all')} options={GENRES.map((g) => [g, genreLabel(ctx, g)])} />
      <Select id="year" label={ctx.t('catalogue.filter.year')} value={params.year ? String(params.year) : ''} all={ctx.t('catalogue.filter.all')} options={years.map((y) => [y, y])} />
      <Select id="validity" label={ctx.t('catalogue.filter.validity')} value={params.validity ?? ''} all={ctx.t('catalogue.filter.all')} options={VALIDITIES.map((v) => [v, validityLabel(ctx, v)])} />
      <div class="field field-check">
        <input type="checkbox" id="f-normative" name="normative" value="1" checked={params.normative === true} />
        <label for="f-normative">{ctx.t('catalogue.filter.normative')}</label>
      </div>
      {p.agency ? (
        <div class="field field-check">
          <input type="checkbox" id="f-subtree" name="subtree" value="1" checked={params.subtree === true} />
          <label for="f-subtree">{ctx.t('catalogue.filter.subtree')}</label>
        </div>
      ) : null}
      <div class="form-actions">
        <button class="button" type="submit">
          {ctx.t('catalogue.filter.apply')}
        </button>{' '}
        <a href={action}>{ctx.t('catalogue.filter.reset')}</a>
      </div>
    </form>
  );
}



/** The result list with its count, pagination and feed links. */
function Results(p: CataloguePageProps): SafeHtml {
  const { ctx, agency, params } = p;
  return (
    <section class="catalogue-results" aria-labelledby="results-h">
      <div class="section-head">
        <h2 id="results-h">{ctx.t('catalogue.results')}</h2>
        <span class="muted">{ctx.t('catalogue.count', { n: p.total })}</span>
      </div>
      {p.items.length ? <DocumentList ctx={ctx} items={p.items} showAgency={!agency || params.subtree === true} /> : <p>{ctx.t('catalogue.empty')}</p>}
      <Pagination ctx={ctx} page={p.page} pages={p.pages} href={(n) => localePath(ctx.locale, catalogueHref(agency?.code ?? null, params, n))} />
      <FeedLinks ctx={ctx} scopes={p.feeds} heading={ctx.t('catalogue.agency_feeds')} />
      {params.theme ? (
        <SubscribeLink ctx={ctx} query={{ kind: 'theme', theme: params.theme }} label={ctx.t('sub.link.theme')} />
      ) : agency ? (
        <SubscribeLink ctx={ctx} query={{ kind: 'agency', agency: agency.code, ...(params.subtree ? { subtree: '1' } : {}) }} label={ctx.t('sub.link.agency')} />
      ) : (
        <SubscribeLink ctx={ctx} query={params.genre ? { kind: 'genre', genre: params.genre } : {}} label={ctx.t('sub.link')} />
      )}
    </section>
  );
}

/**
 * The 公开目录: an agency's catalogue (or the whole site's), with filters by theme, genre, year,
 * validity and normative status, facet counts by genre and year, and pagination with stable URLs.
 * Bad filter values are named in a notice and ignored; a page past the end says how many exist.
 */
export function CataloguePage(p: CataloguePageProps): SafeHtml {
  const { ctx, agency, params } = p;
  const code = agency?.code ?? null;
  const agencyName = agency ? pick(ctx.locale, agency.name_zh, agency.name_en) : '';
  const link = (over: CatalogueParams) => localePath(ctx.locale, catalogueHref(code, { ...params, ...over }));
  const title = agency ? `${agencyName} · ${ctx.t('catalogue.title')}` : ctx.t('catalogue.site_title');
  const topThemes = p.themes.filter((t) => !t.parent_code);
  return (
    <div class="catalogue">
      <Breadcrumbs
        ctx={ctx}
        items={agency ? [[ctx.t('nav.home'), '/'], [ctx.t('agencies.title'), '/agencies'], [agencyName, agencyPath(agency.code)], [ctx.t('catalogue.title'), null]] : [[ctx.t('nav.home'), '/'], [ctx.t('catalogue.site_title'), null]]}
      />
      <h1>{title}</h1>
      <p class="lead">{ctx.t('catalogue.intro')}</p>
      {p.invalid.length ? (
        <div class="notice notice-warn" role="status">
          <p>{ctx.t('catalogue.bad_filter', { list: p.invalid.map((n) => ctx.t(PARAM_LABEL[n])).join(ctx.locale === 'en' ? ', ' : '、') })}</p>
          <p>
            <a href={localePath(ctx.locale, catalogueHref(code, {}))}>{ctx.t('catalogue.filter.reset')}</a>
          </p>
        </div>
      ) : null}
      {p.page > p.pages && p.pages > 0 ? (
        <div class="notice notice-warn" role="status">
          <p>{ctx.t('catalogue.bad_page', { page: p.page, pages: p.pages })}</p>
          <p>
            <a href={localePath(ctx.locale, catalogueHref(code, params))}>{ctx.t('catalogue.go_first')}</a>
          </p>
        </div>
      ) : null}
      <div class="catalogue-layout">
        <div class="catalogue-side">
          <Filters {...p} />
        </div>
        <Results {...p} />
        <div class="catalogue-facets">
          <Facet
            ctx={ctx}
            id="genre"
            title={ctx.t('catalogue.facet.genre')}
            entries={p.facets.genres.map((g) => ({ label: genreLabel(ctx, g.key), n: g.n, href: link({ genre: g.key }), current: params.genre === g.key }))}
          />
          <Facet
            ctx={ctx}
            id="year"
            title={ctx.t('catalogue.facet.year')}
            entries={p.facets.years.map((y) => ({ label: y.key, n: y.n, href: link({ year: Number(y.key) }), current: params.year === Number(y.key) }))}
          />
          <nav class="facet" aria-labelledby="facet-theme">
            <h2 id="facet-theme">{ctx.t('catalogue.facet.theme')}</h2>
            <ul>
              {topThemes.map((t) => (
                <li>
                  <a href={link({ theme: t.code })} aria-current={params.theme === t.code ? 'true' : undefined}>
                    {pick(ctx.locale, t.name_zh, t.name_en)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </div>
  );
}
