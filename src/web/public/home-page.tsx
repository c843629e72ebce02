import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { AgencyNode } from '../../queries/agencies.js';
import type { CatalogueItem } from '../../queries/documents.js';
import { DocumentList, FeedLinks, genreLabel } from './document-list.js';
import { catalogueHref } from './portal-urls.js';
import type { ThemeOption } from './catalogue-page.js';

/** What the home page shows. */
export interface HomePageProps {
  ctx: RequestContext;
  roots: AgencyNode[];
  count: number;
  /** The newest publications. */
  latest: CatalogueItem[];
  /** Genres with at least one public document, with counts. */
  genres: { key: string; n: number }[];
  /** Top-level themes. */
  themes: ThemeOption[];
}

/** The search box: a plain GET form to /search, labelled, usable without JavaScript. */
export function SearchBox({ ctx }: { ctx: RequestContext }): SafeHtml {
  return (
    <form class="search-box" role="search" method="get" action={localePath(ctx.locale, '/search')}>
      <label for="search-q">{ctx.t('portal.search_label')}</label>
      <div class="search-row">
        <input type="search" id="search-q" name="q" maxlength="200" aria-describedby="search-hint" />
        <button class="button" type="submit">
          {ctx.t('portal.search_button')}
        </button>
      </div>
      <p class="hint" id="search-hint">
        {ctx.t('portal.search_hint')}
      </p>
    </form>
  );
}

/** The public home page: search, the latest documents, entry points by genre, theme and agency. */
export function HomePage({ ctx, roots, count, latest, genres, themes }: HomePageProps): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="home">
      <section class="hero">
        <h1>{ctx.t('home.title')}</h1>
        <p class="lead">{ctx.t('home.intro')}</p>
        <SearchBox ctx={ctx} />
      </section>
      <div class="home-columns">
        <section class="home-latest" aria-labelledby="home-latest">
          <div class="section-head">
            <h2 id="home-latest">{ctx.t('home.latest')}</h2>
            <a class="more-link" href={l(catalogueHref(null, {}))}>
              {ctx.t('home.view_catalogue')} →
            </a>
          </div>
          {latest.length ? <DocumentList ctx={ctx} items={latest} /> : <p>{ctx.t('home.no_documents')}</p>}
        </section>
        <div class="home-side">
          <nav class="facet" aria-labelledby="home-genres">
            <h2 id="home-genres">{ctx.t('home.by_genre')}</h2>
            <ul>
              {genres.map((g) => (
                <li>
                  <a href={l(catalogueHref(null, { genre: g.key }))}>{ctx.t('catalogue.facet_count', { label: genreLabel(ctx, g.key), n: g.n })}</a>
                </li>
              ))}
            </ul>
          </nav>
          <nav class="facet" aria-labelledby="home-themes">
            <h2 id="home-themes">{ctx.t('home.by_theme')}</h2>
            <ul>
              {themes.map((t) => (
                <li>
                  <a href={l(catalogueHref(null, { theme: t.code }))}>{pick(ctx.locale, t.name_zh, t.name_en)}</a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
      <section aria-labelledby="home-agencies">
        <div class="section-head">
          <h2 id="home-agencies">{ctx.t('home.agencies')}</h2>
          <span class="muted">{ctx.t('home.agency_count', { n: count })}</span>
        </div>
        <ul class="card-grid">
          {roots.flatMap((r) => [r, ...r.children.filter((c) => c.agency.kind === 'government')]).filter((n) => n.agency.status === 'open').slice(0, 12).map((n) => (
            <li class="card">
              <a href={l(`/agencies/${encodeURIComponent(n.agency.code)}`)}>
                <span class="card-title">{pick(ctx.locale, n.agency.name_zh, n.agency.name_en)}</span>
              </a>
              <span class="card-meta">{ctx.t(`level.${n.agency.level}`)}</span>
            </li>
          ))}
        </ul>
        <p>
          <a class="more-link" href={l('/agencies')}>
            {ctx.t('home.browse_all')} →
          </a>
        </p>
      </section>
      <FeedLinks ctx={ctx} scopes={[{ scope: { kind: 'site' }, label: ctx.t('portal.scope_site') }]} />
      <section class="about" aria-labelledby="home-about">
        <h2 id="home-about">{ctx.t('home.about_title')}</h2>
        <p>{ctx.t('home.about')}</p>
      </section>
    </div>
  );
}
